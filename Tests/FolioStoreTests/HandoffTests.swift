import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// Managers' moves: an account given to another CSM (its open alerts follow), an alert
/// handed over with a note; both audited and shown once to the receiver.
@Suite("Reassigning accounts and handing alerts over")
struct HandoffTests {
    let desk = AlertDeskTests()

    @Test func aManagerGivesAnAccountToAnotherCSMAndItsOpenAlertsFollow() throws {
        let (scratch, db) = try desk.portfolio()
        defer { withExtendedLifetime(scratch) {} }
        try AlertDeskTests.run.run(asOf: AlertDeskTests.asOf, in: db, now: 1)
        let alert = try #require(try desk.alert(.checkinOverdue, account: "A1", in: db))
        #expect(alert.recipients == ["ana", "sam"])
        let dump = try db.dump()
        // Not the CSM's own call, nor an AE's; accounts go to CSMs and managers.
        #expect(throws: AccountReassignment.Failure.notAllowed("ana may not reassign A1: only the managers above its CSM (ana) or a VP may")) {
            try AccountReassignment.reassign("A1", to: "kenji", note: "", by: try desk.user("ana", in: db), at: 10, in: db)
        }
        #expect(throws: AccountReassignment.Failure.notAllowed("sam is an account executive: accounts go to CSMs and managers")) {
            try AccountReassignment.reassign("A1", to: "sam", note: "", by: try desk.user("vera", in: db), at: 10, in: db)
        }
        #expect(throws: AccountReassignment.Failure.noSuchUser("nobody")) {
            try AccountReassignment.reassign("A1", to: "nobody", note: "", by: try desk.user("max", in: db), at: 10, in: db)
        }
        #expect(throws: AccountReassignment.Failure.already(account: "A1", owner: "ana")) {
            try AccountReassignment.reassign("A1", to: "ana", note: "", by: try desk.user("max", in: db), at: 10, in: db)
        }
        #expect(try db.dump() == dump, "a refusal writes nothing")

        let done = try AccountReassignment.reassign("A1", to: "kenji", note: "Ana is on leave until March", by: try desk.user("max", in: db),
                                                    at: 10, in: db)
        #expect(done.from == "ana" && done.to == "kenji" && done.alerts == [alert.id!])
        #expect(try db.read { try Account.find(id: "A1", in: $0)?.owner } == "kenji")
        let after = try #require(try db.read { try AlertDesk.alert(alert.id!, in: $0) })
        #expect(after.recipients == ["kenji", "sam"] && after.state == alert.state)
        #expect(try db.read { try AlertDesk.trail(of: alert.id!, in: $0) }.last?.action == "reassign")
        let audit = try db.read { try String.fetchAll($0, sql: "SELECT action FROM audit_entry WHERE actor = 'max' ORDER BY id") }
        #expect(audit == ["account.reassign", "alert.reassign"])
        // Kenji sees it in his book, and is told once.
        let kenji = try desk.user("kenji", in: db)
        #expect(try db.read { try Book.entries(for: kenji, asOf: AlertDeskTests.asOf, in: $0) }.contains { $0.account.id == "A1" })
        let shown = try Handoffs.takeUnseen(by: "kenji", at: 20, in: db)
        #expect(shown.map(\.sentence) == ["max gave you A1 (was ana's): Ana is on leave until March"])
        #expect(try Handoffs.takeUnseen(by: "kenji", at: 30, in: db).isEmpty)
    }

    /// The customer hears from the CSM who has them now: an email written but not gone is
    /// written again signed by the new CSM; an approved one is a draft again for them.
    @Test func waitingRecoveryEmailsAreSignedByTheNewCSM() throws {
        let book = try OutreachBook()
        try book.alert("A2", .usageDrop)
        let kenji = try book.user("kenji")
        let started = try SequenceDesk(library: book.library).start(try book.account("A2"), sequence: nil, by: kenji,
                                                                    asOf: OutreachBook.asOf, now: OutreachBook.runAt, in: book.db)
        let id = try #require(started.message?.id)
        let before = try #require(try book.messages("A2").first)
        #expect(before.from == "kenji@example.com" && before.body.contains("Kenji"))
        // Approved as if by Kenji: it was his words.
        try book.db.write { try $0.execute(sql: "UPDATE outbox_message SET approved_by = 'kenji', approved_at = 5 WHERE id = ?", arguments: [id]) }

        let done = try AccountReassignment.reassign("A2", to: "ana", note: "", by: try book.user("max"), at: OutreachBook.runAt + 60,
                                                    sequences: book.library, in: book.db)
        #expect(done.emailsResigned == [id] && done.emailsBackToDraft == [id] && done.emailsUnchanged.isEmpty)
        #expect(done.emailWords == "; 1 waiting email now signed by ana (it is a draft again for their approval)")
        let after = try #require(try book.messages("A2").first)
        #expect(after.from == "ana@example.com" && after.fromName == "Ana Lima")
        #expect(after.body.contains("Ana") && !after.body.contains("Kenji"))
        #expect(after.state == .draft && after.approvedBy == nil && after.messageID == before.messageID)
        let audit = try book.db.read { try String.fetchAll($0, sql: "SELECT action FROM audit_entry WHERE actor = 'max' ORDER BY id") }
        #expect(audit.contains("outbox.resign"))

        // Without sequences to write it from, it is left as it was, and the words say so.
        let back = try AccountReassignment.reassign("A2", to: "kenji", note: "", by: try book.user("max"), at: OutreachBook.runAt + 120,
                                                    in: book.db)
        #expect(back.emailsUnchanged == [id] && back.emailWords.contains("still signed by ana"))
        #expect(try book.messages("A2").first?.from == "ana@example.com")
    }

    @Test func aHandedOverAlertCarriesItsNoteToTheReceiver() throws {
        let (scratch, db) = try desk.portfolio()
        defer { withExtendedLifetime(scratch) {} }
        try AlertDeskTests.run.run(asOf: AlertDeskTests.asOf, in: db, now: 1)
        let id = try #require(try desk.alert(.checkinOverdue, account: "A1", in: db)?.id)
        try AlertDesk.perform(.handOver(to: "kenji", note: "you know their CTO"), on: id, by: try desk.user("ana", in: db), at: 10,
                              asOf: AlertDeskTests.asOf, in: db)
        #expect(try db.read { try Handoffs.unseen(by: "kenji", in: $0) }.map(\.sentence) == ["ana handed you alert \(id) on A1: you know their CTO"])
        let audit = try db.read { try String.fetchAll($0, sql: "SELECT action FROM audit_entry WHERE actor = 'ana'") }
        #expect(audit == ["alert.hand-over"])
    }
}
