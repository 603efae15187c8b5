import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// Taking back a change (the interface's `u`): the store as it was, the audit showing both
/// the change and its undo; refused, writing nothing, once someone changed it since.
@Suite("Undoing a change")
struct UndoDeskTests {
    static let asOf = AlertDeskTests.asOf

    func raised() throws -> (Scratch, FolioDatabase) {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        try AlertDeskTests.run.run(asOf: Self.asOf, in: db, now: 1)
        return (scratch, db)
    }

    func user(_ login: String, _ db: FolioDatabase) throws -> User { try db.read { try Book.user(login, in: $0)! } }

    func actions(_ db: FolioDatabase, subject: String) throws -> [String] {
        try db.read { try String.fetchAll($0, sql: "SELECT action FROM audit_entry WHERE subject = ? ORDER BY id", arguments: [subject]) }
    }

    @Test(arguments: [AlertAction.acknowledge, .snooze(until: Day(iso: "2026-11-30")!, reason: "on leave"),
                      .resolve(outcome: .saved, note: "called")])
    func anAlertChangeTakenBackLeavesTheAlertAsItWas(action: AlertAction) throws {
        let (scratch, db) = try raised()
        defer { withExtendedLifetime(scratch) {} }
        let id = try #require(try db.read { try Int64.fetchOne($0, sql: "SELECT id FROM alert WHERE account_id = 'A2' AND state = 'open'") })
        let before = try #require(try db.read { try AlertDesk.alert(id, in: $0) })
        let after = try AlertDesk.perform(action, on: id, by: try user("kenji", db), at: 1_800_000_000, asOf: Self.asOf, in: db)
        let undone = try UndoDesk.undo(.alert(id: id, after: after), by: try user("kenji", db), asOf: Self.asOf, at: 1_800_000_100, in: db)
        #expect(undone.summary == "alert \(id) is open again")
        #expect(try db.read { try AlertDesk.alert(id, in: $0) } == before)
        #expect(try actions(db, subject: "alert \(id)") == ["alert.\(action.verb)", "alert.undo"])
        #expect(try db.read { try AlertDesk.trail(of: id, in: $0) }.suffix(2).map(\.action) == [action.verb, "undo"])
    }

    @Test func changedSinceItIsRefusedAndNothingIsWritten() throws {
        let (scratch, db) = try raised()
        defer { withExtendedLifetime(scratch) {} }
        let id = try #require(try db.read { try Int64.fetchOne($0, sql: "SELECT id FROM alert WHERE account_id = 'A2' AND state = 'open'") })
        let after = try AlertDesk.perform(.acknowledge, on: id, by: try user("kenji", db), at: 1_800_000_000, asOf: Self.asOf, in: db)
        // Kenji's manager resolves it meanwhile.
        try AlertDesk.perform(.resolve(outcome: .saved, note: ""), on: id, by: try user("max", db), at: 1_800_000_050, asOf: Self.asOf, in: db)
        let dump = try db.dump()
        #expect(throws: UndoDesk.Failure.changedSince("alert \(id) changed since: it is resolved (saved) by max now; nothing was undone")) {
            try UndoDesk.undo(.alert(id: id, after: after), by: try user("kenji", db), asOf: Self.asOf, at: 1_800_000_100, in: db)
        }
        #expect(try db.dump() == dump)
    }

    @Test func aLoggedActivityGoesAndWhatItAnsweredOpensAgain() throws {
        let (scratch, db) = try raised()
        defer { withExtendedLifetime(scratch) {} }
        let alert = try #require(try db.read {
            try Alert.fetchOne($0, sql: "SELECT * FROM alert WHERE kind = 'checkin-overdue' AND account_id = 'A1' AND state = 'open'")?.routed(in: $0)
        })
        let ana = try user("ana", db)
        let logged = try ActivityLog(database: db).record(ActivityDraft(kind: .call, date: Self.asOf, summary: "Spoke to them"),
                                                          on: try db.read { try Account.find(id: "A1", in: $0)! }, by: ana,
                                                          asOf: Self.asOf, now: 1_800_000_000)
        #expect(logged.answered.count == 1)
        let undone = try UndoDesk.undo(.activity(id: logged.activity.id, accountID: "A1"), by: ana, asOf: Self.asOf, at: 1_800_000_100, in: db)
        #expect(undone.summary == "the call logged on A1 (2026-11-23) is gone")
        #expect(undone.notes == ["its check-in-overdue alert \(alert.id!) is open again"])
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM activity WHERE id = ?", arguments: [logged.activity.id]) } == 0)
        #expect(try db.read { try AlertDesk.alert(alert.id!, in: $0) } == alert)
        #expect(try actions(db, subject: "activity \(logged.activity.id) on A1") == ["activity.log", "activity.undo"])
        #expect(try actions(db, subject: "alert \(alert.id!)") == ["alert.resolve", "alert.undo"])
        // Someone else's activity is not yours to take back.
        let other = try ActivityLog(database: db).record(ActivityDraft(kind: .note, date: Self.asOf, summary: "Noted"),
                                                         on: try db.read { try Account.find(id: "A1", in: $0)! }, by: try user("max", db),
                                                         asOf: Self.asOf, now: 1_800_000_200)
        #expect(throws: UndoDesk.Failure.self) {
            try UndoDesk.undo(.activity(id: other.activity.id, accountID: "A1"), by: ana, asOf: Self.asOf, at: 1_800_000_300, in: db)
        }
    }

    @Test func aCheckInTheActivityCompletedIsOwedAgain() throws {
        let book = try SmallBook(accounts: [CheckInStepTests.young])
        try book.tick("2026-09-20", steps: [CheckInStep()])
        let ana = try book.user("ana")
        let logged = try ActivityLog(database: book.db).record(ActivityDraft(kind: .call, date: Day(iso: "2026-10-01")!, summary: "Day 30"),
                                                               on: try book.account("Y1"), by: ana, asOf: Day(iso: "2026-10-01")!, now: 1_790_000_000)
        #expect(try book.checkIns("Y1").first?.state == .done)
        let undone = try UndoDesk.undo(.activity(id: logged.activity.id, accountID: "Y1"), by: ana, asOf: Day(iso: "2026-10-01")!,
                                       at: 1_790_000_100, in: book.db)
        #expect(undone.notes == ["1 check-in it completed is owed again"])
        #expect(try book.checkIns("Y1").first?.state == .due && book.checkIns("Y1").first?.activityID == nil)
    }

    @Test func aWonRenewalTakenBackRollsTheDateBack() throws {
        let book = try SmallBook(accounts: [RenewalStepTests.rocket])
        try book.tick(RenewalDeskTests.day.iso, steps: [RenewalStep()])
        let id = try #require(try book.opportunities("R1").first?.id)
        let ana = try book.user("ana")
        let before = try book.opportunities("R1")
        let moved = try RenewalDesk(database: book.db).move(id: id, to: .closedWon, by: ana, asOf: RenewalDeskTests.day, now: 1_790_000_000)
        #expect(try book.account("R1").renewalDate == Day(iso: "2027-12-01"))
        let undone = try UndoDesk.undo(.renewal(before: moved.before, after: moved.after, rolledFrom: moved.renewalRolled?.from,
                                                rolledTo: moved.renewalRolled?.to, churned: moved.accountChurned),
                                       by: ana, asOf: RenewalDeskTests.day, at: 1_790_000_100, in: book.db)
        #expect(undone.summary.hasSuffix("is at 60 days out again") && undone.notes == ["the renewal date is 2026-12-01 again"])
        #expect(try book.opportunities("R1") == before)
        #expect(try book.account("R1").renewalDate == Day(iso: "2026-12-01"))
        let subject = try book.db.read { try RenewalDesk.subject(id: id, in: $0) }
        #expect(try book.db.read { try String.fetchAll($0, sql: "SELECT action FROM audit_entry WHERE subject IN (?, 'account R1') ORDER BY id",
                                                        arguments: [subject]) }
                == ["renewal.move", "account.renew", "renewal.undo", "account.undo"])
    }

    @Test func aSequenceStartedGoesWithItsEmailsUntilOneHasGone() throws {
        let book = try OutreachBook()
        try book.alert("A2", .usageDrop)
        let kenji = try book.user("kenji")
        let desk = SequenceDesk(library: book.library)
        let started = try desk.start(try book.account("A2"), sequence: nil, by: kenji, asOf: OutreachBook.asOf, now: OutreachBook.runAt, in: book.db)
        let enrolment = try #require(started.enrolment.id)
        let undone = try UndoDesk.undo(.sequence(enrolmentID: enrolment, accountID: "A2", sequence: started.enrolment.sequence),
                                       by: kenji, asOf: OutreachBook.asOf, at: OutreachBook.runAt + 60, in: book.db)
        #expect(undone.summary == "product-optimization on A2 is taken back; its 1 unsent email went with it")
        #expect(try book.enrolments("A2").isEmpty && book.messages("A2").isEmpty)
        // Only the audit log remembers: the start and its undo.
        let audit = try book.db.read { try String.fetchAll($0, sql: "SELECT action FROM audit_entry WHERE action != 'import' ORDER BY id") }
        #expect(audit == ["sequence.start", "sequence.undo"])

        // Once an email has gone, it cannot be unsent.
        let again = try desk.start(try book.account("A2"), sequence: nil, by: kenji, asOf: OutreachBook.asOf, now: OutreachBook.runAt, in: book.db)
        try book.db.write { try $0.execute(sql: "UPDATE outbox_message SET state = 'sent' WHERE enrolment_id = ?", arguments: [again.enrolment.id]) }
        #expect(throws: UndoDesk.Failure.self) {
            try UndoDesk.undo(.sequence(enrolmentID: again.enrolment.id!, accountID: "A2", sequence: again.enrolment.sequence),
                              by: kenji, asOf: OutreachBook.asOf, at: OutreachBook.runAt + 60, in: book.db)
        }
    }
}
