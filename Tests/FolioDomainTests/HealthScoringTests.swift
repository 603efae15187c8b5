import Testing
import FolioDomain

/// The arithmetic of DESIGN §2.2: curves, weights, redistribution, caps, staleness.
@Suite struct HealthScoringTests {
    typealias F = HealthFixture

    // MARK: Curves

    struct Point: CustomTestStringConvertible, Sendable {
        var measure: String
        var raw: Double
        var score: Double
        var testDescription: String { "\(measure) \(raw) → \(score)" }
    }

    /// Each standard measure at, just inside and beyond both thresholds, and half-way.
    static let curve: [Point] = [
        Point(measure: "seat utilisation", raw: 0.3, score: 0),
        Point(measure: "seat utilisation", raw: 0.4, score: 0),
        Point(measure: "seat utilisation", raw: 0.41, score: 2.5),
        Point(measure: "seat utilisation", raw: 0.6, score: 50),
        Point(measure: "seat utilisation", raw: 0.79, score: 97.5),
        Point(measure: "seat utilisation", raw: 0.8, score: 100),
        Point(measure: "seat utilisation", raw: 1.2, score: 100),
        Point(measure: "key-action trend", raw: -45, score: 0),
        Point(measure: "key-action trend", raw: -30, score: 0),
        Point(measure: "key-action trend", raw: -29, score: 100.0 / 30),
        Point(measure: "key-action trend", raw: -15, score: 50),
        Point(measure: "key-action trend", raw: -1, score: 100 - 100.0 / 30),
        Point(measure: "key-action trend", raw: 0, score: 100),
        Point(measure: "key-action trend", raw: 25, score: 100),
        Point(measure: "feature depth", raw: 0.1, score: 0),
        Point(measure: "feature depth", raw: 0.2, score: 0),
        Point(measure: "feature depth", raw: 0.21, score: 2.5),
        Point(measure: "feature depth", raw: 0.4, score: 50),
        Point(measure: "feature depth", raw: 0.59, score: 97.5),
        Point(measure: "feature depth", raw: 0.6, score: 100),
        Point(measure: "feature depth", raw: 0.9, score: 100),
        Point(measure: "days since last activity", raw: 90, score: 0),
        Point(measure: "days since last activity", raw: 60, score: 0),
        Point(measure: "days since last activity", raw: 59, score: 100.0 / 46),
        Point(measure: "days since last activity", raw: 37, score: 50),
        Point(measure: "days since last activity", raw: 15, score: 100 - 100.0 / 46),
        Point(measure: "days since last activity", raw: 14, score: 100),
        Point(measure: "days since last activity", raw: 0, score: 100),
        Point(measure: "days since last meeting or QBR", raw: 200, score: 0),
        Point(measure: "days since last meeting or QBR", raw: 120, score: 0),
        Point(measure: "days since last meeting or QBR", raw: 119, score: 100.0 / 60),
        Point(measure: "days since last meeting or QBR", raw: 90, score: 50),
        Point(measure: "days since last meeting or QBR", raw: 61, score: 100 - 100.0 / 60),
        Point(measure: "days since last meeting or QBR", raw: 60, score: 100),
        Point(measure: "days since last meeting or QBR", raw: 5, score: 100),
        Point(measure: "executive sponsor present", raw: 0, score: 0),
        Point(measure: "executive sponsor present", raw: 1, score: 100),
        Point(measure: "NPS mean", raw: 4, score: 0),
        Point(measure: "NPS mean", raw: 6, score: 0),
        Point(measure: "NPS mean", raw: 6.3, score: 10),
        Point(measure: "NPS mean", raw: 7.5, score: 50),
        Point(measure: "NPS mean", raw: 8.7, score: 90),
        Point(measure: "NPS mean", raw: 9, score: 100),
        Point(measure: "NPS mean", raw: 10, score: 100),
        Point(measure: "open critical cases", raw: 5, score: 0),
        Point(measure: "open critical cases", raw: 2, score: 0),
        Point(measure: "open critical cases", raw: 1, score: 50),
        Point(measure: "open critical cases", raw: 0, score: 100),
        Point(measure: "high/critical cases in 90 days", raw: 7, score: 0),
        Point(measure: "high/critical cases in 90 days", raw: 4, score: 0),
        Point(measure: "high/critical cases in 90 days", raw: 3, score: 25),
        Point(measure: "high/critical cases in 90 days", raw: 1, score: 75),
        Point(measure: "high/critical cases in 90 days", raw: 0, score: 100),
        Point(measure: "days payment overdue", raw: 45, score: 0),
        Point(measure: "days payment overdue", raw: 30, score: 0),
        Point(measure: "days payment overdue", raw: 29, score: 100.0 / 30),
        Point(measure: "days payment overdue", raw: 15, score: 50),
        Point(measure: "days payment overdue", raw: 1, score: 100 - 100.0 / 30),
        Point(measure: "days payment overdue", raw: 0, score: 100),
        Point(measure: "days to renewal", raw: -10, score: 0),
        Point(measure: "days to renewal", raw: 30, score: 0),
        Point(measure: "days to renewal", raw: 31, score: 100.0 / 150),
        Point(measure: "days to renewal", raw: 105, score: 50),
        Point(measure: "days to renewal", raw: 179, score: 100 - 100.0 / 150),
        Point(measure: "days to renewal", raw: 180, score: 100),
        Point(measure: "days to renewal", raw: 400, score: 100),
    ]

    @Test(arguments: curve)
    func measureCurve(_ p: Point) {
        #expect(approx(F.measure(p.measure).score(raw: p.raw), p.score, 1e-9))
    }

    @Test func everyStandardMeasureHasCurvePoints() {
        let covered = Set(Self.curve.map(\.measure))
        #expect(covered == Set(HealthFixture.classic.measures.map(\.name)))
    }

    @Test(arguments: HealthFixture.classic.measures)
    func rawForScoreInvertsTheLinearPart(_ m: HealthMeasure) {
        for s in stride(from: 0.0, through: 100, by: 5) {
            #expect(approx(m.score(raw: m.raw(forScore: s)), s, 1e-9))
        }
        #expect(m.raw(forScore: 0) == m.poor)
        #expect(m.raw(forScore: 100) == m.healthy)
        #expect(m.raw(forScore: 150) == m.healthy)
    }

    @Test(arguments: [
        ("seat utilisation", MeasureDirection.higherIsBetter), ("key-action trend", .higherIsBetter),
        ("feature depth", .higherIsBetter), ("days since last activity", .lowerIsBetter),
        ("days since last meeting or QBR", .lowerIsBetter), ("executive sponsor present", .higherIsBetter),
        ("NPS mean", .higherIsBetter), ("open critical cases", .lowerIsBetter),
        ("high/critical cases in 90 days", .lowerIsBetter), ("days payment overdue", .lowerIsBetter),
        ("days to renewal", .higherIsBetter),
    ])
    func direction(_ name: String, _ direction: MeasureDirection) {
        let m = F.measure(name)
        #expect(m.direction == direction)
        #expect((m.healthy > m.poor) == (direction == .higherIsBetter))
        #expect(m.isBetter(m.healthy, than: m.poor))
        #expect(m.score(raw: m.healthy) > m.score(raw: m.poor))
    }

    @Test func daysOverdueLowerIsBetter() {
        let m = F.measure("days payment overdue")
        let scores = [0.0, 5, 10, 20, 29, 30, 45].map(m.score(raw:))
        #expect(scores == scores.sorted(by: >))
        #expect(scores.first == 100 && scores.last == 0)
    }

    // MARK: The account score

    @Test func allHealthyScoresHundredAndAllPoorZero() {
        let good = F.snapshot(F.healthy)
        #expect(good.score == 100)
        #expect(good.band == "Green")
        let bad = F.snapshot(F.poor)
        #expect(bad.score == 0)
        #expect(bad.band == "Red")
        #expect(bad.measures.count == 11)
    }

    @Test func weightedMeanWithEveryInput() {
        var values = F.healthy
        values[.seatUtilisation] = 0.6      // 50 of weight 15
        values[.npsMean] = 6                // 0 of weight 10
        let s = F.snapshot(values)
        #expect(approx(s.score, 82.5))          // 100 − 7.5 − 10
        let seat = s.measures.first { $0.name == "seat utilisation" }!
        #expect(seat.weight == 15 && seat.effectiveWeight == 15)
        #expect(approx(seat.points, 7.5))
        #expect(seat.raw == 0.6 && approx(seat.score, 50))
        #expect(seat.inputDate == F.asOf && !seat.stale)
    }

    @Test func missingInputsSpreadTheirWeight() {
        // Only seat utilisation (50, weight 15) and days overdue (100, weight 10) have data.
        let s = F.snapshot([.seatUtilisation: 0.6, .daysOverdue: 0])
        #expect(approx(s.score, 70))            // (15 × 50 + 10 × 100) / 25
        let seat = s.measures.first { $0.name == "seat utilisation" }!
        let overdue = s.measures.first { $0.name == "days payment overdue" }!
        #expect(approx(seat.effectiveWeight, 60) && approx(overdue.effectiveWeight, 40))
        #expect(approx(seat.points, 30) && approx(overdue.points, 40))
        let nps = s.measures.first { $0.name == "NPS mean" }!
        #expect(nps.raw == nil && nps.score == nil && nps.effectiveWeight == 0 && nps.points == 0)
        #expect(nps.weight == 10 && nps.inputDate == nil && !nps.stale)
        #expect(s.measures.count == 11) // missing measures stay in the breakdown, visibly
    }

    @Test func pointsAddUpToTheScoreAndEffectiveWeightsToHundred() {
        var values = F.healthy
        values[.npsMean] = nil
        values[.featureDepth] = nil
        values[.keyActionTrend] = -12
        let s = F.snapshot(values)
        #expect(approx(s.measures.reduce(0) { $0 + $1.points }, s.score!))
        #expect(approx(s.measures.reduce(0) { $0 + $1.effectiveWeight }, 100))
        let seat = s.measures.first { $0.name == "seat utilisation" }!
        #expect(approx(seat.effectiveWeight, 15.0 / 75 * 100))
    }

    @Test func noInputsMeansNoScoreNotZero() {
        let s = F.snapshot([:])
        #expect(s.score == nil)
        #expect(s.band == nil)
        #expect(!s.lowConfidence)
        #expect(s.measures.count == 11)
        #expect(s.measures.allSatisfy { $0.raw == nil && $0.score == nil && $0.points == 0 && $0.effectiveWeight == 0 })
        #expect(s.accountID == "A1" && s.date == F.asOf)
    }

    @Test func notANumberCountsAsMissing() {
        let s = F.snapshot([.seatUtilisation: .nan, .daysOverdue: 0])
        #expect(s.score == 100)
        #expect(s.measures.first { $0.name == "seat utilisation" }?.raw == nil)
        #expect(F.snapshot([.npsMean: .nan]).score == nil)
    }

    @Test func aSourceNotInTheProfileIsIgnored() {
        let profile = HealthProfile(name: "p", measures: [F.measure("NPS mean")])
        let s = F.snapshot([.npsMean: 7.5, .seatUtilisation: 0], profile: profile)
        #expect(s.score == 50)
        #expect(s.measures.map(\.name) == ["NPS mean"])
    }

    // MARK: Caps

    static let paymentCases: [(Double, Double)] = [
        (0, 100), (29, 90 + 1.0 / 3), (30, 90), (59, 90), (60, 40), (61, 40), (200, 40),
    ]

    @Test(arguments: paymentCases)
    func paymentCap(_ overdue: Double, _ expected: Double) {
        var values = F.healthy
        values[.daysOverdue] = overdue
        let s = F.snapshot(values)
        #expect(approx(s.score, expected))
        let a = HealthScoring.assess(accountID: "A1", tier: .smb, profile: HealthFixture.classic, inputs: F.inputs(values), asOf: F.asOf)
        #expect(a.isCapped == (overdue >= 60))
        #expect(a.caps.map(\.measure) == (overdue >= 60 ? ["days payment overdue"] : []))
        if overdue >= 60 { #expect(approx(a.uncappedScore, 90)) }
    }

    @Test func capThatDoesNotBindLeavesTheScore() {
        var values = F.poor
        values[.daysOverdue] = 75
        let a = HealthScoring.assess(accountID: "A1", tier: .smb, profile: HealthFixture.classic, inputs: F.inputs(values), asOf: F.asOf)
        #expect(a.snapshot.score == 0)
        #expect(!a.isCapped)
        #expect(a.caps.count == 1)
    }

    @Test func capOnAHigherIsBetterMeasureAndTheLowestCapWins() {
        var profile = HealthFixture.classic
        profile.measures[0].cap = .init(from: 0.2, maxScore: 30)          // seat utilisation 0.2 or less
        var values = F.healthy
        values[.seatUtilisation] = 0.21
        #expect(approx(F.snapshot(values, profile: profile).score, 85))     // 15 points lost, no cap
        values[.seatUtilisation] = 0.2
        #expect(F.snapshot(values, profile: profile).score == 30)
        values[.daysOverdue] = 90
        #expect(F.snapshot(values, profile: profile).score == 30)
        profile.measures[0].cap = .init(from: 0.2, maxScore: 55)
        #expect(F.snapshot(values, profile: profile).score == 40)
        #expect(F.snapshot(values, profile: profile).band == "Red")
    }

    // MARK: Staleness and confidence

    @Test(arguments: [(0, false), (13, false), (14, false), (15, true), (100, true)])
    func usageGoesStaleAfterFourteenDays(_ age: Int, _ stale: Bool) {
        var inputs = F.inputs(F.healthy)
        inputs[.seatUtilisation] = HealthInput(0.8, at: F.asOf.adding(days: -age))
        let s = HealthScoring.snapshot(accountID: "A1", tier: .smb, profile: HealthFixture.classic, inputs: inputs, asOf: F.asOf)
        #expect(s.measures.first { $0.name == "seat utilisation" }?.stale == stale)
        #expect(s.measures.first { $0.name == "seat utilisation" }?.inputDate == F.asOf.adding(days: -age))
        #expect(s.score == 100) // staleness flags, it does not score
    }

    @Test(arguments: [(180, false), (181, true)])
    func npsGoesStaleAfterHundredEightyDays(_ age: Int, _ stale: Bool) {
        var inputs = F.inputs(F.healthy)
        inputs[.npsMean] = HealthInput(9, at: F.asOf.adding(days: -age))
        let s = HealthScoring.snapshot(accountID: "A1", tier: .smb, profile: HealthFixture.classic, inputs: inputs, asOf: F.asOf)
        #expect(s.measures.first { $0.name == "NPS mean" }?.stale == stale)
    }

    @Test func measuresWithoutAFreshnessLimitNeverGoStale() {
        let s = HealthScoring.snapshot(accountID: "A1", tier: .smb, profile: HealthFixture.classic,
                                       inputs: F.inputs(F.healthy, at: F.asOf.adding(days: -1000)), asOf: F.asOf)
        #expect(s.measures.filter(\.stale).map(\.name) == ["seat utilisation", "key-action trend", "feature depth", "NPS mean"])
        #expect(s.lowConfidence == true)     // 55 of 100 stale
    }

    struct Confidence: CustomTestStringConvertible, Sendable {
        var label: String
        var present: [MeasureSource]
        var stale: [MeasureSource]
        var share: Double = 0.5
        var low: Bool
        var testDescription: String { label }
    }

    static let confidence: [Confidence] = [
        Confidence(label: "usage trend and seats stale: 30 of 100", present: MeasureSource.allCases,
                   stale: [.seatUtilisation, .keyActionTrend], low: false),
        Confidence(label: "all usage and NPS stale: 55 of 100", present: MeasureSource.allCases,
                   stale: [.seatUtilisation, .keyActionTrend, .featureDepth, .npsMean], low: true),
        Confidence(label: "exactly half is not more than half: 45 of 90 stale",
                   present: MeasureSource.allCases.filter { $0 != .npsMean },
                   stale: [.seatUtilisation, .keyActionTrend, .featureDepth], low: false),
        Confidence(label: "missing inputs raise the stale share: 15 of 20",
                   present: [.seatUtilisation, .daysToRenewal], stale: [.seatUtilisation], low: true),
        Confidence(label: "mostly missing, nothing stale: 23 of 100 with data",
                   present: [.daysSinceActivity, .daysOverdue, .daysToRenewal], stale: [], low: true),
        Confidence(label: "exactly half missing is not more than half",
                   present: [.seatUtilisation, .keyActionTrend, .featureDepth, .daysToRenewal], stale: [], low: false),
        Confidence(label: "a lower limit: 30 of 100 > 0.2", present: MeasureSource.allCases,
                   stale: [.seatUtilisation, .keyActionTrend], share: 0.2, low: true),
        Confidence(label: "nothing stale", present: MeasureSource.allCases, stale: [], share: 0, low: false),
    ]

    @Test(arguments: confidence)
    func lowConfidence(_ c: Confidence) {
        var profile = HealthFixture.classic
        profile.lowConfidenceShare = c.share
        var inputs = HealthInputs()
        for source in c.present where F.healthy[source] != nil {
            inputs[source] = HealthInput(F.healthy[source]!, at: c.stale.contains(source) ? F.asOf.adding(days: -400) : F.asOf)
        }
        let s = HealthScoring.snapshot(accountID: "A1", tier: .smb, profile: profile, inputs: inputs, asOf: F.asOf)
        #expect(s.lowConfidence == c.low)
    }

    @Test func theReasonNamesTheLargerShare() {
        var inputs = HealthInputs()
        for source: MeasureSource in [.daysSinceActivity, .daysOverdue, .daysToRenewal] {
            inputs[source] = HealthInput(F.healthy[source]!, at: F.asOf)
        }
        let missing = HealthScoring.snapshot(accountID: "A1", tier: .smb, profile: HealthFixture.classic, inputs: inputs, asOf: F.asOf)
        #expect(missing.score == 100)
        #expect(missing.confidenceReason == .missingInputs)
        #expect(approx(missing.missingShare, 0.77))
        #expect(HealthExplainer.summary(of: missing, profile: HealthFixture.classic).contains("measures with no data hold 77 % of the profile's weight"))

        let stale = HealthScoring.snapshot(accountID: "A1", tier: .smb, profile: HealthFixture.classic,
                                           inputs: F.inputs(F.healthy, at: F.asOf.adding(days: -1000)), asOf: F.asOf)
        #expect(stale.confidenceReason == .staleInputs)
        #expect(stale.confidenceReason?.words == "mostly stale inputs")
        #expect(F.snapshot(F.healthy).confidenceReason == nil)
    }

    // MARK: Tiers

    @Test func tiersUseTheirOwnMeasures() {
        var smb = HealthFixture.classic.measures
        smb[3].poor = 120
        smb[3].healthy = 30
        let profile = HealthProfile(name: "p", measures: HealthFixture.classic.measures, tierMeasures: [.smb: smb])
        #expect(profile.measures(for: .smb)[3].poor == 120)
        #expect(profile.measures(for: .enterprise) == HealthFixture.classic.measures)
        let values: [MeasureSource: Double] = [.daysSinceActivity: 75]
        #expect(F.snapshot(values, profile: profile, tier: .smb).score == 50)
        #expect(F.snapshot(values, profile: profile, tier: .enterprise).score == 0)
    }

    @Test func sourcesCoverEveryTier() {
        let nps = F.measure("NPS mean")
        let profile = HealthProfile(name: "p", measures: [nps],
                                    tierMeasures: [.enterprise: [nps, F.measure("days payment overdue")]])
        #expect(profile.sources == [.npsMean, .daysOverdue])
        #expect(HealthFixture.classic.sources == [.seatUtilisation, .keyActionTrend, .featureDepth, .daysSinceActivity, .daysSinceMeeting,
                                                  .sponsorPresent, .npsMean, .openCriticalCases, .severeCases90d, .daysOverdue, .daysToRenewal])
        #expect(HealthProfile.standard.sources == Set(MeasureSource.allCases).subtracting([.npsMean, .caseDaysOpen]))
    }

    @Test func standardWeightsFollowTheDesignGroups() {
        var groups: [String: Double] = [:]
        for m in HealthProfile.standard.measures { groups[m.group, default: 0] += m.weight }
        #expect(groups == ["usage activity": 24, "product depth": 10, "relationship": 14, "sentiment": 10,
                           "support": 10, "commercial": 12, "commitment": 16, "renewal proximity": 4])
        #expect(groups.values.reduce(0, +) == 100)
        #expect(HealthProfile.standard.bands == .redYellowGreen)
        #expect(HealthProfile.standard.lowConfidenceShare == 0.5)
        #expect(HealthProfile.standard.tierMeasures.isEmpty)
    }
}

/// Missing is missing (issue 15), for every measure of the default profile: without its
/// input a measure has no raw value, no score and no points, its weight goes to the others
/// (their effective weights still add up to 100), and the summary names it.
@Suite struct MissingInputTests {
    /// A value for every source the default profile reads.
    static let everything: [MeasureSource: Double] = [
        .seatUtilisation: 0.6, .keyActionTrend: -10, .featureDepth: 0.4, .daysSinceActivity: 20, .daysSinceMeeting: 80,
        .sponsorPresent: 1, .npsLatest: 8, .openCriticalCases: 1, .severeCases90d: 1, .cases90d: 2, .daysOverdue: 10,
        .arrChange: -5, .tenureMonths: 12, .contractTerm: 12, .daysToRenewal: 100,
    ]

    @Test(arguments: HealthProfile.standard.measures.map(\.name))
    func aMeasureWithoutItsInputHasNoData(_ name: String) throws {
        let measure = try #require(HealthProfile.standard.measures.first { $0.name == name })
        #expect(Set(Self.everything.keys) == HealthProfile.standard.sources)
        var values = Self.everything
        values[measure.source] = nil
        let day = Day(iso: "2026-11-23")!
        let inputs = HealthInputs(values.mapValues { HealthInput($0, at: day) })
        let s = HealthScoring.snapshot(accountID: "A", tier: .smb, profile: .standard, inputs: inputs, asOf: day)
        let result = try #require(s.measures.first { $0.name == name })
        #expect(result.raw == nil && result.score == nil && result.points == 0 && result.effectiveWeight == 0)
        let others = s.measures.filter { $0.name != name }
        #expect(others.allSatisfy { $0.score != nil })
        #expect(abs(others.reduce(0) { $0 + $1.effectiveWeight } - 100) < 1e-9)
        // Each other measure's share grows by the missing one's weight, spread in proportion.
        let rest = 100 - measure.weight
        for r in others { #expect(abs(r.effectiveWeight - r.weight / rest * 100) < 1e-9) }
        #expect(HealthExplainer.summary(of: s, profile: .standard).contains("No data for \(name)"))
    }
}
