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
