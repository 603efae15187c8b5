import Testing
import FolioDomain

/// Recovery within 60 days and the alerted-vs-control comparison (DESIGN §2.7).
@Suite struct RecoveryRateTests {
    typealias F = ProgrammeFixtures
    static let period = ReportPeriod(from: F.day(0), to: F.day(80))
    static let asOf = F.day(80)

    /// a: back to 72 ≥ 70 on day 14, recovered. b: back to 65 ≥ 60 only on day 70, past the
    /// 60 days. c: never back, window closed. d: raised day 50, still inside its window at
    /// day 80, pending. e: raised day 50, churned day 60 without recovering. f: control,
    /// recovered. g: raised before the period.
    static let history = ProgrammeHistory(
        alerts: [
            F.alert("a", owner: "ana", .amber), F.alert("b", owner: "ana", .orange), F.alert("c", owner: "ben", .red),
            F.alert("d", owner: "ben", .amber, on: 50), F.alert("e", owner: "ben", .amber, on: 50),
            F.alert("f", owner: "ana", .amber, shadow: true), F.alert("g", owner: "ana", .amber, on: -10),
        ],
        scores: [
            F.score("a", 7, 65), F.score("a", 14, 72), F.score("b", 7, 55), F.score("b", 70, 65), F.score("c", 7, 40),
            F.score("d", 57, 60), F.score("f", 7, 75), F.score("g", 0, 90),
        ],
        churned: ["e": F.day(60)])

    @Test func recoveryCountsOnlyDecidedAlertsOfThePeriod() {
        let r = RecoveryRate(Self.history, period: Self.period, asOf: Self.asOf)
        // a yes; b, c, e no; d pending; f is control; g before the period.
        #expect(r.overall == Ratio(1, of: 4))
        #expect(r.overall.rate == 0.25)
        #expect(r.pending == 1)
        #expect(r.bySeverity.map(\.severity) == [.amber, .orange, .red])
        #expect(r.bySeverity.map(\.rate) == [Ratio(1, of: 2), Ratio(0, of: 1), Ratio(0, of: 1)])
        #expect(r.byOwner.map(\.owner) == ["ana", "ben"])
        #expect(r.byOwner.map(\.rate) == [Ratio(1, of: 2), Ratio(0, of: 2)])
    }

    @Test(arguments: [
        // day of the score, score, recovered?
        (60, 70.0, true), (61, 70.0, false), (30, 69.9, false), (0, 80.0, false), (1, 70.0, true),
    ])
    func windowAndThresholdEdges(day: Int, score: Double, recovered: Bool) {
        let history = ProgrammeHistory(alerts: [F.alert("a")], scores: [F.score("a", day, score)])
        let r = RecoveryRate(history, period: ReportPeriod(from: F.day(0), to: F.day(0)), asOf: F.day(100))
        #expect(r.overall == Ratio(recovered ? 1 : 0, of: 1))
    }

    @Test func controlGroupShowsBothGroupsWithSizesAndSaysTheyAreTooSmall() {
        let c = ControlComparison(Self.history, period: Self.period, asOf: Self.asOf)
        #expect(c.alerted.accounts == 5)
        #expect(c.alerted.alerts == 5)
        #expect(c.alerted.churn == Ratio(1, of: 5))
        #expect(c.control.accounts == 1)
        #expect(c.control.churn == Ratio(0, of: 1))
        #expect(c.control.recovery.overall == Ratio(1, of: 1))
        // 25 % against 100 %: 75 points worse, from groups far too small to mean anything.
        #expect(c.recoveryLift == -75)
        #expect(c.churnReduction == -20)
        #expect(!c.isComparable)
        #expect(c.note == "Too small to compare: the alerted group has 5 accounts and the control group has 1 account (under 10); treat any difference as anecdote, not evidence.")
    }

    @Test func bigEnoughGroupsHaveNoNote() {
        let c = ControlComparison(Self.history, period: Self.period, asOf: Self.asOf, minimum: 1)
        #expect(c.isComparable)
        #expect(c.note == nil)
    }

    @Test func emptyPeriodIsNotEnoughDataNotZero() {
        let empty = ReportPeriod(from: F.day(200), to: F.day(210))
        let c = ControlComparison(Self.history, period: empty, asOf: F.day(210))
        #expect(c.alerted.accounts == 0)
        #expect(c.alerted.recovery.overall.rate == nil)
        #expect(c.control.churn.rate == nil)
        #expect(c.recoveryLift == nil)
        #expect(c.churnReduction == nil)
        #expect(c.note?.contains("the alerted group has 0 accounts and the control group has 0 accounts") == true)
    }

    @Test func churnAfterTheAsOfDayIsNotChurnYet() {
        let history = ProgrammeHistory(alerts: [F.alert("a")], churned: ["a": F.day(30)])
        let before = ControlComparison(history, period: ReportPeriod(from: F.day(0), to: F.day(10)), asOf: F.day(10))
        let after = ControlComparison(history, period: ReportPeriod(from: F.day(0), to: F.day(10)), asOf: F.day(40))
        #expect(before.alerted.churn == Ratio(0, of: 1))
        #expect(after.alerted.churn == Ratio(1, of: 1))
    }
}
