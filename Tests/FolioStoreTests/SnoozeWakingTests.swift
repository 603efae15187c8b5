import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// Conditional snoozes in the store: a reply logged wakes one at once; the daily run wakes
/// one whose account got a new alert; each wake is in the trail with why.
@Suite("Snoozes that end early")
struct SnoozeWakingTests {
    let desk = AlertDeskTests()
    static let asOf = AlertDeskTests.asOf

    @Test func aReplyLoggedWakesTheSnoozeThatWaitsForOne() throws {
        let (scratch, db) = try desk.portfolio()
        defer { withExtendedLifetime(scratch) {} }
        try AlertDeskTests.run.run(asOf: Self.asOf, in: db, now: 1)
        // A payment alert (a logged activity would answer a check-in-overdue one anyway).
        let id = try #require(try desk.alert(.paymentOverdue, account: "A2", in: db)?.id)
        let kenji = try desk.user("kenji", in: db)
        let snoozed = try AlertDesk.perform(.snooze(until: Self.asOf.adding(days: 14), reason: "waiting on them", onWorse: true, onReply: true),
                                            on: id, by: kenji, at: 10, asOf: Self.asOf, in: db)
        #expect(snoozed.snoozeWake?.onReply == true && snoozed.snoozeWake?.since == Self.asOf)
        // An outbound note is not a reply.
        let account = try db.read { try Account.find(id: "A2", in: $0)! }
        let note = try ActivityLog(database: db).record(ActivityDraft(kind: .note, date: Self.asOf, summary: "left a voicemail"),
                                                        on: account, by: kenji, asOf: Self.asOf, now: 20)
        #expect(note.woken.isEmpty)
        let reply = try ActivityLog(database: db).record(ActivityDraft(kind: .email, direction: .inbound, date: Self.asOf, summary: "they wrote back"),
                                                         on: account, by: kenji, asOf: Self.asOf, now: 30)
        #expect(reply.woken.map(\.id) == [id])
        let after = try #require(try db.read { try AlertDesk.alert(id, in: $0) })
        #expect(after.state == .open && after.snoozeWake == nil)
        #expect(try db.read { try AlertDesk.trail(of: id, in: $0) }.last?.action == "wake: the customer replied")
    }

    @Test func theDailyRunWakesOneWhoseAccountGotANewAlert() throws {
        let (scratch, db) = try desk.portfolio()
        defer { withExtendedLifetime(scratch) {} }
        try AlertDeskTests.run.run(asOf: Self.asOf, in: db, now: 1)
        let id = try #require(try desk.alert(.checkinOverdue, account: "A1", in: db)?.id)
        try AlertDesk.perform(.snooze(until: Self.asOf.adding(days: 14), reason: "on leave", onWorse: true), on: id,
                              by: try desk.user("ana", in: db), at: 10, asOf: Self.asOf, in: db)
        #expect(try db.write { try SnoozeWaking.wake(asOf: Self.asOf.adding(days: 1), now: 20, actor: "folio", in: $0) } == 0)
        try db.write { db in
            var usage = Alert(accountID: "A1", kind: .usageDrop, severity: .orange, reason: "key actions -40 %",
                              raisedOn: Self.asOf.adding(days: 2), raisedAt: 30, dueBy: 40, recipients: ["ana"])
            try usage.raise(in: db)
        }
        #expect(try db.write { try SnoozeWaking.wake(asOf: Self.asOf.adding(days: 2), now: 50, actor: "folio", in: $0) } == 1)
        #expect(try db.read { try AlertDesk.alert(id, in: $0) }?.state == .open)
        #expect(try db.read { try AlertDesk.trail(of: id, in: $0) }.last?.action == "wake: a new usage drop alert")
    }
}
