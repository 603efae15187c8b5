import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// A huddle's agenda and its decisions in the store.
@Suite("Huddle decisions")
struct HuddleStoreTests {
    let desk = AlertDeskTests()
    static let asOf = AlertDeskTests.asOf

    @Test func aDecisionIsAuditedAndItsOwnerIsToldAndTheAgendaShowsIt() throws {
        let (scratch, db) = try desk.portfolio()
        defer { withExtendedLifetime(scratch) {} }
        try AlertDeskTests.run.run(asOf: Self.asOf, in: db, now: 1)
        let id = try #require(try desk.alert(.checkinOverdue, account: "A1", in: db)?.id)
        let start = Int64(Self.asOf.ordinal) * 86_400
        let decision = HuddleDecision(at: start + 600, by: "max", alertID: id, accountID: "A1", owner: "kenji",
                                      nextStep: "Call their CFO", due: Self.asOf.adding(days: 7))
        #expect(throws: Huddle.Failure.invalid("due 2026-11-22: pick 2026-11-23 or later")) {
            var late = decision
            late.due = Self.asOf.adding(days: -1)
            try Huddle.decide(late, by: try desk.user("max", in: db), asOf: Self.asOf, in: db)
        }
        #expect(throws: Huddle.Failure.self) { try Huddle.decide(decision, by: try desk.user("sam", in: db), asOf: Self.asOf, in: db) }
        let recorded = try Huddle.decide(decision, by: try desk.user("max", in: db), asOf: Self.asOf, in: db)
        #expect(recorded.id != nil)
        let agenda = try db.read { try Huddle.agenda(alerts: [id, 999], since: start, asOf: Self.asOf, in: $0) }
        #expect(agenda.count == 1 && agenda[0].decision?.nextStep == "Call their CFO" && agenda[0].alert.recipients.contains("kenji"))
        #expect(try db.read { try Huddle.agenda(alerts: [id], since: start + 86_400, asOf: Self.asOf, in: $0) }.first?.decision == nil)
        #expect(try db.read { try Handoffs.unseen(by: "kenji", in: $0) }.map(\.sentence) == ["max handed you alert \(id) on A1: huddle: Call their CFO (due 2026-11-30)"])
        #expect(try db.read { try String.fetchAll($0, sql: "SELECT action FROM audit_entry WHERE actor = 'max'") } == ["huddle.decide"])
    }
}
