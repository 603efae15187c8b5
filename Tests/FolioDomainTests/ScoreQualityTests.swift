import FolioDomain
import Testing

/// The backtest's metrics on small hand-built histories whose answers are worked out here.
@Suite struct ScoreQualityTests {
    static let day = Day(iso: "2026-06-01")!

    // MARK: AUC

    @Test func aucCountsTheChurnersRankedRiskier() throws {
        // Churners at risk 2 and 4, stayers at 1 and 3: of the four pairs (2>1, 2<3, 4>1, 4>3)
        // three rank the churner riskier.
        let auc = try #require(RankingAUC(risk: [1, 2, 3, 4], positive: [false, true, false, true]))
        #expect(auc.auc == 0.75)
        #expect(auc.positives == 2 && auc.negatives == 2)
        // DeLong: the churners' components are 1/2 and 2/2, the stayers' 2/2 and 1/2; each
        // sample variance is 0.125, so var = 0.125/2 + 0.125/2 and the interval 0.75 ± 1.96·0.3536.
        #expect(abs((auc.low ?? -1) - (0.75 - 1.959964 * 0.125.squareRoot())) < 1e-9)
        #expect(auc.high == 1) // clamped
        #expect(!auc.isBackwards)
        #expect(auc.text == "0.75 (0.06–1.00)")
    }

    @Test func tiesCountHalf() throws {
        // The churner ties one stayer (½) and is below the other (0): ¼.
        let auc = try #require(RankingAUC(risk: [1, 1, 2], positive: [true, false, false]))
        #expect(auc.auc == 0.25)
        #expect(auc.low == nil && auc.high == nil) // one churner: no interval
    }

    @Test func oneKindOnlyHasNoAUC() {
        #expect(RankingAUC(risk: [1, 2], positive: [true, true]) == nil)
        #expect(RankingAUC(risk: [1, 2], positive: [false, false]) == nil)
        #expect(RankingAUC(risk: [], positive: []) == nil)
    }

    /// The goal: the AUC equals an independent Mann–Whitney count over every pair (to 0.005;
    /// here to rounding), on scores with many ties as stored scores have.
    @Test(arguments: [1, 2, 3])
    func aucIsTheMannWhitneyStatistic(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var risk: [Double] = [], positive: [Bool] = []
        for _ in 0..<400 {
            let r = (random.unit() * 30).rounded()
            risk.append(r)
            positive.append(random.unit() < 0.15 + r / 60)
        }
        var wins = 0.0, pairs = 0.0
        for (a, pa) in zip(risk, positive) where pa {
            for (b, pb) in zip(risk, positive) where !pb {
                pairs += 1
                wins += a > b ? 1 : a == b ? 0.5 : 0
            }
        }
        let auc = try #require(RankingAUC(risk: risk, positive: positive))
        #expect(abs(auc.auc - wins / pairs) < 1e-12)
        #expect(auc.auc > 0.6)
        // The interval holds the estimate and narrows with more cases.
        #expect((auc.low ?? 1) < auc.auc && auc.auc < (auc.high ?? 0))
    }

    /// Many cases on the stored scores' grid (hundredths) are counted cell by cell instead of
    /// sorted: the same AUC as the pairwise count, the same interval and lift as the sorting
    /// path gives the same cases moved off the grid (a third of a ten-thousandth added).
    @Test func manyScoresOnTheGridAreCountedNotSorted() throws {
        var random = SeededRandom(seed: 9)
        var scores: [Double] = [], churned: [Bool] = [], accounts: [Int32] = []
        for k in 0..<3_000 {
            let s = (random.unit() * 10_000).rounded() / 100
            scores.append(s)
            churned.append(random.unit() < 0.4 - s / 400)
            accounts.append(Int32(k % 700))
        }
        let onGrid = scores.map { -$0 }, offGrid = scores.map { -$0 - 1 / 30_000 }
        #expect(RiskGroups(risk: onGrid, positive: churned).values.count == Set(scores).count)
        let a = try #require(RankingAUC(risk: onGrid, positive: churned, clusters: accounts))
        let b = try #require(RankingAUC(risk: offGrid, positive: churned, clusters: accounts))
        var wins = 0.0, pairs = 0.0
        for (x, px) in zip(scores, churned) where px {
            for (y, py) in zip(scores, churned) where !py {
                pairs += 1
                wins += x < y ? 1 : x == y ? 0.5 : 0
            }
        }
        #expect(abs(a.auc - wins / pairs) < 1e-12 && abs(a.auc - b.auc) < 1e-12)
        #expect(abs((a.low ?? 0) - (b.low ?? 1)) < 1e-12 && abs((a.high ?? 0) - (b.high ?? 1)) < 1e-12)
        let liftA = try #require(DecileLift(risk: onGrid, churned: churned)), liftB = try #require(DecileLift(risk: offGrid, churned: churned))
        #expect(abs(liftA.churned - liftB.churned) < 1e-9 && liftA.cases == liftB.cases)
    }

    /// Clusters (an account's days): the variance is Obuchowski's, worked out here for two
    /// accounts each with a churned day and a stayed one.
    @Test func clusteredIntervalsCountAccountsNotDays() throws {
        // A: churned at risk 2, stayed at 1; B: churned at 4, stayed at 3. Components: 0.5 and 1
        // for the churned days, 1 and 0.5 for the others; AUC 0.75. Per account the deviations
        // are (−0.25, +0.25) and (+0.25, −0.25): S10 = S01 = 0.125, S11 = −0.25, so
        // var = 0.125/2 + 0.125/2 + 2·(−0.25)/4 = 0.
        let auc = try #require(RankingAUC(risk: [2, 1, 4, 3], positive: [true, false, true, false], clusters: [0, 0, 1, 1]))
        #expect(auc.auc == 0.75 && auc.low == 0.75 && auc.high == 0.75)
        // All churners in one account: no interval to speak of.
        #expect(try #require(RankingAUC(risk: [2, 4, 1, 3], positive: [true, true, false, false], clusters: [0, 0, 1, 2])).low == nil)
        // The same accounts scored on ten days each: same AUC, same clustered interval; the
        // unclustered one would pretend to ten times the evidence.
        var random = SeededRandom(seed: 4)
        var risk: [Double] = [], positive: [Bool] = [], clusters: [Int32] = []
        for account in 0..<60 {
            let r = random.unit(), churned = random.unit() < r
            for _ in 0..<10 { risk.append(r); positive.append(churned); clusters.append(Int32(account)) }
        }
        let once = try #require(RankingAUC(risk: stride(from: 0, to: 600, by: 10).map { risk[$0] },
                                           positive: stride(from: 0, to: 600, by: 10).map { positive[$0] },
                                           clusters: (0..<60).map(Int32.init)))
        let tenTimes = try #require(RankingAUC(risk: risk, positive: positive, clusters: clusters))
        let naive = try #require(RankingAUC(risk: risk, positive: positive))
        #expect(abs(once.auc - tenTimes.auc) < 1e-12)
        #expect(abs((once.low ?? 0) - (tenTimes.low ?? 1)) < 1e-9 && abs((once.high ?? 0) - (tenTimes.high ?? 1)) < 1e-9)
        #expect((naive.high ?? 1) - (naive.low ?? 0) < ((tenTimes.high ?? 0) - (tenTimes.low ?? 0)) / 2)
    }

    @Test func aBackwardsRankingIsFlagged() throws {
        // Twenty churners all ranked safest: AUC 0, the interval far below chance.
        let risk = (0..<40).map(Double.init)
        let positive = (0..<40).map { $0 < 20 }
        let auc = try #require(RankingAUC(risk: risk, positive: positive))
        #expect(auc.auc == 0 && auc.isBackwards)
    }

    // MARK: Calibration and lift

    @Test func calibrationCountsChurnersPerBand() {
        // 40.4 rounds to 40 (Red), 40.5 to 41 (Yellow), as the bands do.
        let table = CalibrationTable(scores: [10, 35, 50, 60, 80, 90, 40.4, 40.5],
                                     churned: [true, true, false, true, false, false, true, false], bands: .redYellowGreen)
        #expect(table.rows.map(\.band) == ["Red", "Yellow", "Green"])
        #expect(table.rows.map(\.range) == ["0–40", "41–70", "71–100"])
        #expect(table.rows.map(\.cases) == [3, 3, 2])
        #expect(table.rows.map(\.churned) == [3, 1, 0])
        #expect(table.rows.map(\.rate) == [1, 1.0 / 3, 0])
        #expect(table.rows.map(\.shareOfChurners) == [0.75, 0.25, 0])
        #expect(table.isOrdered)
        let upsideDown = CalibrationTable(scores: [10, 90], churned: [false, true], bands: .redYellowGreen)
        #expect(!upsideDown.isOrdered)
        #expect(upsideDown.rows[1].rate == nil) // an empty band has no rate, not 0
    }

    @Test func topDecileLift() throws {
        // Twenty cases, risks 1…20; the two riskiest churn, and two others (risks 1 and 5):
        // base rate 4/20, the riskiest tenth (2 cases) 2/2: lift 5.
        let risk = (1...20).map(Double.init)
        let churned = risk.map { $0 >= 19 || $0 == 1 || $0 == 5 }
        let lift = try #require(DecileLift(risk: risk, churned: churned))
        #expect(lift.cases == 2 && lift.churned == 2 && lift.rate == 1 && lift.baseRate == 0.2 && lift.lift == 5)
    }

    @Test func tiesAtTheCutCountInPart() throws {
        // Ten cases; the tenth looked at is one case, but three tie at the top and one of them
        // churned: a third of a churner is expected there. Base rate 2/10: lift (1/3)/0.2.
        let risk: [Double] = [5, 5, 5, 1, 1, 1, 1, 1, 1, 1]
        let churned = [true, false, false, true, false, false, false, false, false, false]
        let lift = try #require(DecileLift(risk: risk, churned: churned))
        #expect(abs(lift.cases - 1) < 1e-12 && abs(lift.churned - 1.0 / 3) < 1e-12)
        #expect(abs((lift.lift ?? 0) - (1.0 / 3) / 0.2) < 1e-12)
        #expect(try #require(DecileLift(risk: [1, 2], churned: [false, false])).lift == nil)
    }

    @Test func qualityByTier() throws {
        var cases = OutcomeCases()
        // Enterprise ranks perfectly, smb backwards.
        for (score, churned) in [(20.0, true), (30, true), (80, false), (90, false)] {
            cases.append(score: score, churned: churned, tier: .enterprise, day: Self.day, account: Int32(cases.count))
        }
        for (score, churned) in [(20.0, false), (30, false), (80, true), (90, true)] {
            cases.append(score: score, churned: churned, tier: .smb, day: Self.day, account: Int32(cases.count))
        }
        let q = ScoreQuality(cases, bands: .redYellowGreen)
        #expect(q.overall.cases == 8 && q.overall.churned == 4 && q.overall.churnRate == 0.5)
        #expect(q.overall.auc?.auc == 0.5)
        #expect(q.byTier.map(\.tier) == [.enterprise, .smb])
        #expect(q.byTier[0].group.auc?.auc == 1 && q.byTier[1].group.auc?.auc == 0)
        #expect(q.byTier[0].group.calibration.rows.map(\.churned) == [2, 0, 0])
    }

    // MARK: Measures

    @Test func eachMeasureRanksAsTheProfileReadsIt() throws {
        let quiet = HealthMeasure(name: "days since last activity", source: .daysSinceActivity, group: "relationship",
                                  poor: 60, healthy: 14, weight: 8)
        // Churners were quiet longer: lower is better, so the measure ranks them right (AUC 1).
        var inputs: [HealthInputs] = []
        var churned: [Bool] = []
        for days in [70.0, 80, 90, 10, 20, 30] {
            inputs.append(HealthInputs([.daysSinceActivity: HealthInput(days, at: Self.day)]))
            churned.append(days > 50)
        }
        inputs.append(HealthInputs()) // no data: left out of the ranking, counted in coverage
        churned.append(true)
        let ranking = MeasureRanking(measure: quiet, inputs: inputs, churned: churned)
        #expect(ranking.withData == 6 && ranking.cases == 7 && ranking.auc?.auc == 1 && !ranking.isBackwards)
        // The same data read by a measure that says more days is better: backwards.
        var upside = quiet
        upside.direction = .higherIsBetter
        let backwards = MeasureRanking(measure: upside, inputs: Array(repeating: inputs, count: 4).flatMap { $0 },
                                       churned: Array(repeating: churned, count: 4).flatMap { $0 })
        #expect(backwards.auc?.auc == 0 && backwards.isBackwards)
        // A table reads by its scores: NPS 10 safest.
        let nps = HealthMeasure(name: "NPS", source: .npsLatest, group: "s", poor: 0, healthy: 100, weight: 1,
                                table: HealthProfile.npsAnswers)
        let answers = [10.0, 9, 8, 3].map { HealthInputs([.npsLatest: HealthInput($0, at: Self.day)]) }
        #expect(MeasureRanking(measure: nps, inputs: answers, churned: [false, false, true, true]).auc?.auc == 1)
    }

    // MARK: Lead time and drift

    @Test func leadTimeFromTheFirstLowestBand() {
        let churners = [
            LeadTime.Churner(tier: .smb, churnedOn: Day(iso: "2026-06-30")!, firstInLowestBand: Day(iso: "2026-05-01")!), // 60 days
            LeadTime.Churner(tier: .enterprise, churnedOn: Day(iso: "2026-07-31")!, firstInLowestBand: Day(iso: "2026-07-01")!), // 30
            LeadTime.Churner(tier: .smb, churnedOn: Day(iso: "2026-08-10")!, firstInLowestBand: nil),
        ]
        let lead = LeadTime(churners)
        #expect(lead.overall.churners == 3 && lead.overall.caught == 2 && lead.overall.caughtRate == 2.0 / 3)
        // Nearest rank over [30, 60]: the median is the 1st, p75 the 2nd.
        #expect(lead.overall.medianDays == 30 && lead.overall.p25Days == 30 && lead.overall.p75Days == 60)
        #expect(lead.byTier[.smb]?.caught == 1 && lead.byTier[.smb]?.medianDays == 60 && lead.byTier[.midMarket] == nil)

        let scored: [(day: Day, band: String?)] = [
            (Day(iso: "2026-01-05")!, "Red"), // before the look-back
            (Day(iso: "2026-04-06")!, "Yellow"), (Day(iso: "2026-04-13")!, "Red"), (Day(iso: "2026-04-20")!, "Red"),
            (Day(iso: "2026-06-30")!, "Red"), // the churn day itself does not warn
        ]
        #expect(LeadTime.firstInLowestBand(scored: scored, lowest: "Red", churnedOn: Day(iso: "2026-06-30")!, lookbackDays: 120)
                == Day(iso: "2026-04-13"))
        #expect(LeadTime.firstInLowestBand(scored: scored, lowest: "Red", churnedOn: Day(iso: "2026-04-13")!, lookbackDays: 30) == nil)
    }

    @Test func driftByQuarter() {
        var cases = OutcomeCases()
        let q1 = Day(iso: "2026-02-02")!, q1b = Day(iso: "2026-03-02")!, q2 = Day(iso: "2026-05-04")!
        // Q1 ranks perfectly over two days; Q2 is a coin toss.
        for (day, score, churned) in [(q1, 10.0, true), (q1, 90, false), (q1b, 20, true), (q1b, 80, false),
                                      (q2, 10, true), (q2, 90, true), (q2, 50, false), (q2, 50, false)] {
            cases.append(score: score, churned: churned, tier: .smb, day: day, account: Int32(cases.count))
        }
        let drift = ScoreDrift(cases, bands: .redYellowGreen, shares: [.init(day: q2, counts: [1, 2, 1]), .init(day: q1, counts: [0, 0, 0])])
        #expect(drift.quarters.map(\.quarter.description) == ["2026-Q1", "2026-Q2"])
        #expect(drift.quarters.map(\.days) == [2, 1] && drift.quarters.map(\.cases) == [4, 4])
        #expect(drift.quarters[0].auc?.auc == 1 && drift.quarters[1].auc?.auc == 0.5)
        #expect(drift.shares.map(\.day) == [q1, q2])
        #expect(drift.shares[1].shares == [0.25, 0.5, 0.25] && drift.shares[0].shares == [0, 0, 0])
    }
}
