import FolioDomain
import Testing

/// The rules of DESIGN §2.3, day after day: fires once, re-arms after recovery and the
/// hysteresis, escalates instead of doubling up.
@Suite("Alert rules")
struct AlertRulesTests {
    static let asOf = Day(iso: "2026-11-23")!
    static let policy = AlertPolicy.standard

    static func account(tier: Account.Tier = .midMarket, renewalIn days: Int = 200, started: Int = 800) -> Account {
        Account(id: "A1", name: "Acme", tier: tier, owner: "ana", ae: "sam", arr: Money(cents: 4_800_000),
                contractStart: asOf.adding(days: -started), renewalDate: asOf.adding(days: days))
    }

    /// Runs the rules over a series of days, carrying the arm levels and the open alerts
    /// (recoveries close them) as the daily run does; returns each day's decisions.
    static func replay(_ days: [AccountSignals], asOf: Day = asOf) -> [[AlertDecision]] {
        var levels: [Alert.Kind: Int] = [:]
        var open: [Alert.Kind: Alert.Severity] = [:]
        var out: [[AlertDecision]] = []
        for signals in days {
            let result = AlertRules.evaluate(signals, levels: levels, open: open, policy: policy, asOf: asOf)
            for d in result.decisions {
                switch d {
                case .raise(let k, let s, _), .escalate(let k, let s, _), .ease(let k, let s, _): open[k] = s
                case .recover(let k, _): open[k] = nil
                }
            }
            levels = result.levels
            out.append(result.decisions)
        }
        return out
    }

    /// Just the health decisions, as short words: "raise amber", "escalate red", "recover".
    static func health(_ scores: [Double]) -> [String] {
        var previous: Double?
        let days = scores.map { score -> AccountSignals in
            defer { previous = score }
            return AccountSignals(account: account(), score: score, previousScore: previous, lastActivity: asOf)
        }
        return replay(days).map { decisions in
            decisions.compactMap { d -> String? in
                switch d {
                case .raise(.healthDrop, let s, _): "raise \(s.rawValue)"
                case .escalate(.healthDrop, let s, _): "escalate \(s.rawValue)"
                case .ease(.healthDrop, let s, _): "ease \(s.rawValue)"
                case .recover(.healthDrop, _): "recover"
                default: nil
                }
            }.joined(separator: ",")
        }
    }

    @Test(arguments: [
        // scores day by day → what each day decided
        ([80, 72, 68, 67, 66], ["", "", "raise amber", "", ""]),                    // fires once, on the crossing
        ([80, 69, 71, 69, 71, 69], ["", "raise amber", "", "", "", ""]),           // hovering: no flapping
        ([80, 68, 58, 44], ["", "raise amber", "escalate orange", "escalate red"]), // deeper crossings escalate
        ([80, 40], ["", "raise red"]),                                             // straight to red
        ([68, 74, 75, 69], ["raise amber", "", "recover", "raise amber"]),         // recovers at 70 + 5, then re-arms
        ([68, 74, 68], ["raise amber", "", ""]),                                   // 74 is not enough to re-arm
        ([44, 62, 44], ["raise red", "ease orange", "escalate red"]),             // eased, then red again: say so
        ([70, 69.99], ["", "raise amber"]),                                        // the edge: below 70 is amber
        ([80, 40, 52, 62, 68, 75], ["", "raise red", "ease orange", "", "ease amber", "recover"]), // eases as it climbs back
        ([80, 40, 48, 44], ["", "raise red", "", ""]),                             // 48 is within the hysteresis of 45
    ] as [([Double], [String])])
    func healthDrop(_ scores: [Double], _ expected: [String]) {
        #expect(Self.health(scores) == expected)
    }

    @Test func healthReasonNamesTheScores() {
        let decisions = Self.replay([AccountSignals(account: Self.account(), score: 72, lastActivity: Self.asOf),
                                     AccountSignals(account: Self.account(), score: 58, previousScore: 72, lastActivity: Self.asOf)])
        guard case .raise(.healthDrop, .orange, let reason) = decisions[1].first else {
            Issue.record("expected an orange health drop, got \(decisions)")
            return
        }
        #expect(reason == "score 72 → 58, below 60 (orange)")
    }

    /// One kind's decisions over days of signals, as words.
    static func decisions(_ kind: Alert.Kind, _ days: [AccountSignals]) -> [String] {
        replay(days).map { day in
            day.compactMap { d -> String? in
                switch d {
                case .raise(let k, let s, _) where k == kind: "raise \(s.rawValue)"
                case .escalate(let k, let s, _) where k == kind: "escalate \(s.rawValue)"
                case .recover(let k, _) where k == kind: "recover"
                default: nil
                }
            }.joined(separator: ",")
        }
    }

    static func usage(_ changes: [Double]) -> [AccountSignals] {
        changes.map { AccountSignals(account: account(), usage: UsageComparison(recent: 1000 + 10 * $0, previous: 1000), lastActivity: asOf) }
    }

    @Test func usageDropFiresOnceAndRearmsAfterEasing() {
        #expect(Self.decisions(.usageDrop, Self.usage([-10, -35, -32, -25, -15, -31])) == ["", "raise orange", "", "", "recover", "raise orange"])
        #expect(Self.decisions(.usageDrop, Self.usage([-29.9])) == [""])
    }

    @Test func usageSurgeIsInformationAndNotAutoResolved() {
        #expect(Self.decisions(.usageSurge, Self.usage([40, 45, 10, 35])) == ["raise info", "", "", ""])
    }

    @Test func usageReasonHasTheMagnitude() {
        let days = [AccountSignals(account: Self.account(), usage: UsageComparison(recent: 702, previous: 1210), lastActivity: Self.asOf)]
        guard case .raise(.usageDrop, _, let reason) = Self.replay(days)[0].first else {
            Issue.record("no usage drop")
            return
        }
        #expect(reason == "key actions −42 % over 4 weeks: 1,210 → 702")
    }

    @Test func criticalCasesAtThreeOpen() {
        let days = [2, 3, 4, 3, 2].map { AccountSignals(account: Self.account(), openCriticalCases: $0, lastActivity: Self.asOf) }
        #expect(Self.decisions(.criticalCases, days) == ["", "raise orange", "", "", "recover"])
    }

    @Test func sponsorLeftAndANewOne() {
        let days = [true, false, false, true].map { AccountSignals(account: Self.account(), sponsorPresent: $0, lastActivity: Self.asOf) }
        #expect(Self.decisions(.sponsorLeft, days) == ["", "raise orange", "", "recover"])
        let never = [AccountSignals(account: Self.account(), sponsorPresent: nil, lastActivity: Self.asOf)]
        #expect(Self.decisions(.sponsorLeft, never) == [""])
    }

    @Test func detractorOnArrival() {
        func arriving(_ score: Int?) -> AccountSignals {
            AccountSignals(account: Self.account(), newResponse: score.map { NPSArrival(score: $0, date: Self.asOf, contactName: "Jane Roe", comment: "Too slow") },
                           lastActivity: Self.asOf)
        }
        #expect(Self.decisions(.detractor, [arriving(7), arriving(6), arriving(3), arriving(nil)]) == ["", "raise orange", "", ""])
        guard case .raise(.detractor, _, let reason) = Self.replay([arriving(2)])[0].first else {
            Issue.record("no detractor")
            return
        }
        #expect(reason == "NPS 2 from Jane Roe on 2026-11-23: “Too slow”; call within 48 h")
    }

    @Test func paymentOverdueAtThirtyDays() {
        let days = [29, 30, 45, 10].map { AccountSignals(account: Self.account(), daysOverdue: $0, lastActivity: Self.asOf) }
        #expect(Self.decisions(.paymentOverdue, days) == ["", "raise orange", "", "recover"])
    }

    @Test func goneDarkNeedsARenewalWithin180Days() {
        let quiet = Self.asOf.adding(days: -95)
        #expect(Self.decisions(.goneDark, [AccountSignals(account: Self.account(renewalIn: 150), lastActivity: quiet)]) == ["raise orange"])
        #expect(Self.decisions(.goneDark, [AccountSignals(account: Self.account(renewalIn: 200), lastActivity: quiet)]) == [""])
        #expect(Self.decisions(.goneDark, [AccountSignals(account: Self.account(renewalIn: 150), lastActivity: Self.asOf.adding(days: -89))]) == [""])
    }

    @Test(arguments: [(Account.Tier.enterprise, 45, false), (.enterprise, 46, true), (.midMarket, 31, true), (.midMarket, 30, false),
                      (.smb, 90, false), (.smb, 91, true)])
    func checkInOverdueByTier(_ tier: Account.Tier, _ quietDays: Int, _ fires: Bool) {
        let signals = AccountSignals(account: Self.account(tier: tier), score: 56, lastActivity: Self.asOf.adding(days: -quietDays))
        #expect(Self.decisions(.checkinOverdue, [signals]) == [fires ? "raise amber" : ""])
    }

    @Test func checkInReasonNamesARRScoreAndLastActivity() {
        let signals = AccountSignals(account: Self.account(tier: .enterprise), score: 56.4, lastActivity: Day(iso: "2026-10-07")!)
        guard case .raise(.checkinOverdue, _, let reason) = Self.replay([signals])[0].first(where: {
            if case .raise(.checkinOverdue, _, _) = $0 { return true } else { return false }
        }) else {
            Issue.record("no check-in alert")
            return
        }
        #expect(reason == "no activity for 47 days (enterprise limit 45) · ARR 48k · score 56 · last activity 2026-10-07")
    }

    @Test func activityLoggedClearsCheckInAndGoneDark() {
        let quiet = AccountSignals(account: Self.account(renewalIn: 100), lastActivity: Self.asOf.adding(days: -120))
        let back = AccountSignals(account: Self.account(renewalIn: 100), lastActivity: Self.asOf)
        #expect(Self.decisions(.checkinOverdue, [quiet, back]) == ["raise amber", "recover"])
        #expect(Self.decisions(.goneDark, [quiet, back]) == ["raise orange", "recover"])
    }

    @Test func noScoreNoHealthAlert() {
        #expect(Self.health([]) == [])
        let days = [AccountSignals(account: Self.account(), score: nil, lastActivity: Self.asOf)]
        #expect(Self.decisions(.healthDrop, days) == [""])
    }
}

@Suite("Alert reasons")
struct AlertReasonTests {
    @Test func aScoreJustBelowAThresholdIsNotRoundedOntoIt() {
        let account = AlertRulesTests.account()
        let outcome = AlertRules.evaluate(AccountSignals(account: account, score: 59.96, previousScore: 64, lastActivity: AlertRulesTests.asOf),
                                          levels: [.healthDrop: 1], open: [.healthDrop: .amber], policy: .standard, asOf: AlertRulesTests.asOf)
        #expect(outcome.decisions.contains(.escalate(.healthDrop, .orange, reason: "score 64 → 59.9, below 60 (orange)")))
    }
}
