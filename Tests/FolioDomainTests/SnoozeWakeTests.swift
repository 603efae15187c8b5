import Testing
@testable import FolioDomain

/// A snooze ends at its day, or earlier on what it waits for: whichever comes first.
@Suite struct SnoozeWakeTests {
    static let day = Day(iso: "2026-11-23")!

    @Test func itWakesOnlyOnWhatItWaitsFor() {
        let both = SnoozeWake(onWorse: true, onReply: true, score: 44.4, since: Self.day)
        #expect(both.wakes(.init(score: 44.4)) == nil)
        #expect(both.wakes(.init(score: 46)) == nil, "a better score is not worse")
        #expect(both.wakes(.init(score: 40.2)) == "the score fell to 40 (44 when snoozed)")
        #expect(both.wakes(.init(score: 45, newAlerts: [.usageDrop])) == "a new usage drop alert")
        #expect(both.wakes(.init(score: 40, replied: true)) == "the customer replied")
        let reply = SnoozeWake(onWorse: false, onReply: true, score: nil, since: Self.day)
        #expect(reply.wakes(.init(score: 10, newAlerts: [.healthDrop])) == nil)
        #expect(reply.words == "if they reply" && both.words == "if it worsens or they reply")
    }

    @Test func aSnoozeKeepsItsWakeUntilItEnds() throws {
        let alert = Alert(accountID: "A1", kind: .healthDrop, severity: .orange, reason: "r", raisedOn: Self.day, raisedAt: 1, dueBy: 2,
                          recipients: ["ana"])
        let wake = SnoozeWake(onWorse: true, onReply: false, score: 50, since: Self.day)
        let snoozed = try alert.snoozed(until: Self.day.adding(days: 14), reason: "on leave", asOf: Self.day, wake: wake).get()
        #expect(snoozed.snoozeWake == wake && snoozed.state == .snoozed)
        let woken = try snoozed.woken().get()
        #expect(woken.state == .open && woken.snoozeWake == nil && woken.snoozedUntil == nil)
        #expect(throws: Alert.Refusal.notDueToReopen) { try woken.woken().get() }
        // Asking for neither is a plain snooze.
        let plain = try alert.snoozed(until: Self.day.adding(days: 1), reason: "r", asOf: Self.day,
                                      wake: SnoozeWake(onWorse: false, onReply: false, score: nil, since: Self.day)).get()
        #expect(plain.snoozeWake == nil)
    }
}
