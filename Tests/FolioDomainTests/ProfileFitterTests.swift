import FolioDomain
import Testing

/// Fitting on generated books whose true profile is known: the fit finds its weights and
/// thresholds again, ranks held-out accounts better than a naive profile, and refuses
/// with numbers when the outcomes cannot support a fit.
@Suite struct ProfileFitterTests {
    static let day = Day(iso: "2026-06-01")!

    /// The truth: seat utilisation 50 (0.3 → 0.7), days since activity 30 (90 → 20), tenure
    /// 20 (3 → 24 months); feature depth is noise.
    static let truth = HealthProfile(name: "truth", measures: [
        HealthMeasure(name: "seat utilisation", source: .seatUtilisation, group: "usage", poor: 0.3, healthy: 0.7, weight: 50),
        HealthMeasure(name: "days since last activity", source: .daysSinceActivity, group: "relationship", poor: 90, healthy: 20, weight: 30),
        HealthMeasure(name: "tenure", source: .tenureMonths, group: "commitment", poor: 3, healthy: 24, weight: 20),
    ])

    /// A naive start: the right measures, plus the noise, at guessed thresholds and equal weights.
    static let naive = HealthProfile(name: "naive", measures: [
        HealthMeasure(name: "seat utilisation", source: .seatUtilisation, group: "usage", poor: 0, healthy: 1, weight: 25),
        HealthMeasure(name: "days since last activity", source: .daysSinceActivity, group: "relationship", poor: 200, healthy: 0, weight: 25),
        HealthMeasure(name: "tenure", source: .tenureMonths, group: "commitment", poor: 0, healthy: 60, weight: 25),
        HealthMeasure(name: "feature depth", source: .featureDepth, group: "depth", poor: 0.2, healthy: 0.6, weight: 25),
    ])

    /// `accounts` generated accounts; churn follows the true score through a logistic curve.
    /// Some inputs are missing (a fifth of the activity), as in real books.
    static func book(accounts: Int, seed: UInt64, churnShift: Double = 0) -> FitData {
        var random = SeededRandom(seed: seed)
        var inputs: [HealthInputs] = [], churned: [Bool] = []
        for _ in 0..<accounts {
            var values: [MeasureSource: HealthInput] = [
                .seatUtilisation: HealthInput(random.unit(), at: day),
                .tenureMonths: HealthInput(random.unit() * 48, at: day),
                .featureDepth: HealthInput(random.unit(), at: day),
            ]
            if random.unit() > 0.2 { values[.daysSinceActivity] = HealthInput(random.unit() * 120, at: day) }
            let input = HealthInputs(values)
            let score = HealthScoring.snapshot(accountID: "x", tier: .smb, profile: truth, inputs: input, asOf: day).score ?? 50
            let p = PortableMath.sigmoid(1.5 + churnShift - 0.08 * score)
            inputs.append(input)
            churned.append(random.unit() < p)
        }
        return FitData(inputs: inputs, churned: churned, accounts: (0..<accounts).map(Int32.init),
                       tiers: Array(repeating: .smb, count: accounts), folds: (0..<accounts).map { UInt8($0 % 5) })
    }

    @Test func theFitFindsTheTrueWeightsAndThresholdsAgain() throws {
        let data = Self.book(accounts: 6_000, seed: 7)
        let fitted = try ProfileFitter.fit(data, base: Self.naive)
        let byName = Dictionary(uniqueKeysWithValues: fitted.profile.measures.map { ($0.name, $0) })
        let seats = try #require(byName["seat utilisation"])
        let quiet = try #require(byName["days since last activity"])
        let tenure = try #require(byName["tenure"])
        // Weights within 10 points of 50 / 30 / 20; the noise gets (almost) nothing.
        #expect(abs(seats.weight - 50) <= 10, "\(seats.weight)")
        #expect(abs(quiet.weight - 30) <= 10, "\(quiet.weight)")
        #expect(abs(tenure.weight - 20) <= 10, "\(tenure.weight)")
        #expect((byName["feature depth"]?.weight ?? 0) <= 5)
        #expect(fitted.profile.measures.reduce(0) { $0 + $1.weight } == 100)
        // Thresholds near the truth, each the right way round.
        #expect(seats.direction == .higherIsBetter && abs(seats.poor - 0.3) <= 0.12 && abs(seats.healthy - 0.7) <= 0.12,
                "\(seats.poor) → \(seats.healthy)")
        #expect(quiet.direction == .lowerIsBetter && abs(quiet.poor - 90) <= 20 && abs(quiet.healthy - 20) <= 20,
                "\(quiet.poor) → \(quiet.healthy)")
        #expect(tenure.direction == .higherIsBetter && abs(tenure.poor - 3) <= 6 && abs(tenure.healthy - 24) <= 8,
                "\(tenure.poor) → \(tenure.healthy)")
        // Held out, the fit ranks better than the naive start, and about as well as the truth.
        let old = try #require(fitted.heldOutOld?.auc), new = try #require(fitted.heldOutNew?.auc)
        let truthAUC = try #require(RankingAUC(risk: data.scores(Self.truth).map { -$0 }, positive: data.churned)?.auc)
        #expect(new > old + 0.01, "fitted \(new), naive \(old)")
        #expect(new > truthAUC - 0.02, "fitted \(new), truth \(truthAUC)")
        #expect(fitted.folds == 5 && fitted.cases == 6_000)
    }

    @Test func bandsSitAtTheChurnRateTargets() throws {
        let data = Self.book(accounts: 6_000, seed: 11)
        let fitted = try ProfileFitter.fit(data, base: Self.naive)
        let rows = fitted.calibration.rows
        #expect(rows.map(\.band) == ["Red", "Yellow", "Green"])
        #expect(fitted.bands.metLowest && fitted.bands.metTop)
        // The lowest band churns at twice the overall rate or more, the top at half or less.
        let base = fitted.bands.baseRate
        #expect((rows[0].rate ?? 0) >= 2 * base && (rows[2].rate ?? 1) <= 0.5 * base)
        #expect(fitted.calibration.isOrdered)
        // Whole edges, no gaps.
        let bands = fitted.profile.bands.bands
        #expect(bands.first?.min == 0 && bands.last?.max == 100)
        #expect(zip(bands, bands.dropFirst()).allSatisfy { $0.max + 1 == $1.min })
    }

    @Test func aWordAttributeGetsATableAndATableIsRefit() throws {
        var random = SeededRandom(seed: 3)
        var inputs: [HealthInputs] = [], churned: [Bool] = []
        let plans = ["monthly", "annual", "two-year"], rates = [0.4, 0.15, 0.05]
        let answerRates: [Double] = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.3, 0.2, 0.12, 0.04]
        for _ in 0..<4_000 {
            let k = random.index(below: 3), answer = random.int(in: 0...10)
            inputs.append(HealthInputs([.attribute("plan"): HealthInput(category: plans[k], at: Self.day),
                                        .npsLatest: HealthInput(Double(answer), at: Self.day)]))
            churned.append(random.unit() < (rates[k] + answerRates[answer]) / 2)
        }
        let data = FitData(inputs: inputs, churned: churned, accounts: (0..<4_000).map(Int32.init),
                           tiers: Array(repeating: .smb, count: 4_000), folds: (0..<4_000).map { UInt8($0 % 5) })
        let base = HealthProfile(name: "b", measures: [
            HealthMeasure(name: "latest NPS answer", source: .npsLatest, group: "sentiment", poor: 0, healthy: 100, weight: 10,
                          table: HealthProfile.npsAnswers),
        ])
        let fitted = try ProfileFitter.fit(data, base: base)
        let plan = try #require(fitted.profile.measures.first { $0.source == .attribute("plan") })
        let scores = Dictionary(uniqueKeysWithValues: (plan.table?.entries ?? []).map { ($0.key.label, $0.score) })
        #expect(scores["monthly"] == 0 && scores["two-year"] == 100 && (scores["annual"] ?? 0) > 40 && (scores["annual"] ?? 100) < 90)
        let nps = try #require(fitted.profile.measures.first { $0.source == .npsLatest })
        let answers = (nps.table?.entries ?? []).map(\.score)
        // The table keeps the base's keys; 10 scores best, 0–6 worst, in order between.
        #expect(nps.table?.entries.map(\.key.label) == ["0-6", "7", "8", "9", "10"])
        #expect(answers.first == 0 && answers.last == 100 && answers == answers.sorted())
        let evidence = try #require(fitted.measures.first { $0.source == .attribute("plan") })
        #expect(evidence.values.count == 3 && evidence.coverage == 1)
    }

    @Test func tooFewOutcomesAreRefusedInNumbers() {
        // About 2 % of 800 accounts churn: some 16, fewer than the 30 a fit needs.
        let data = Self.book(accounts: 800, seed: 5, churnShift: -3)
        let (churned, stayed) = data.accountCounts
        #expect(churned < 30)
        #expect(throws: FitRefusal(reason: .tooFew, churned: churned, stayed: stayed, cases: 800, minimum: 30)) {
            try ProfileFitter.fit(data, base: Self.naive)
        }
        let refusal = FitRefusal(reason: .tooFew, churned: 12, stayed: 480, cases: 492, minimum: 30)
        #expect(refusal.description == "too few outcomes to fit: 12 accounts churned and 480 stayed (492 scored cases); a fit needs at least 30 of each")
    }

    @Test func oneClassIsRefused() {
        var data = Self.book(accounts: 300, seed: 9)
        data.churned = Array(repeating: false, count: 300)
        #expect(throws: FitRefusal(reason: .oneClass, churned: 0, stayed: 300, cases: 300, minimum: 30)) {
            try ProfileFitter.fit(data, base: Self.naive)
        }
        #expect(FitRefusal(reason: .oneClass, churned: 0, stayed: 300, cases: 300, minimum: 30).description
                == "all 300 accounts stayed (300 scored cases): nothing tells churners from the rest; a fit needs accounts that churned")
        data.churned = Array(repeating: true, count: 300)
        #expect(throws: FitRefusal(reason: .oneClass, churned: 300, stayed: 0, cases: 300, minimum: 30)) {
            try ProfileFitter.fit(data, base: Self.naive)
        }
    }

    @Test func portableLogAndSigmoid() {
        for x in [1e-9, 0.001, 0.5, 1, 2, 2.718281828459045, 10, 12345.678, 1e12] {
            #expect(abs(PortableMath.exp(PortableMath.log(x)) / x - 1) < 1e-12, "\(x)")
        }
        #expect(PortableMath.log(1) == 0)
        #expect(PortableMath.log(0) == -.infinity && PortableMath.log(-1).isNaN)
        #expect(PortableMath.sigmoid(0) == 0.5 && abs(PortableMath.sigmoid(-800)) < 1e-300 && PortableMath.sigmoid(800) == 1)
    }

    @Test func wholeWeightsSumTo100() {
        #expect(WeightFit.whole([33.4, 33.3, 33.3]) == [34, 33, 33])
        #expect(WeightFit.whole([60, 39.5, 0.5]) == [60, 40, 0]) // under 1 point: dropped
        #expect(WeightFit.whole([0, 0]) == [0, 0])
    }
}
