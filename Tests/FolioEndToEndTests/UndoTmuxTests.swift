import Foundation
import FolioStore
import GRDB
import Testing

/// `u` in the real interface, on the demo: each kind of change (acknowledge, snooze,
/// resolve, a logged activity, a renewal's stage, a started sequence) made by its key and
/// taken back; the store returns to how it was, and the audit shows the change and its undo.
@Suite("undo in tmux", .enabled(if: TmuxSession.isAvailable), .serialized)
struct UndoTmuxTests {
    /// The rows a change may touch, as text: what "as before" is checked against.
    static func state(_ db: String) throws -> String {
        try FolioDatabase(path: db).read { db in
            let alerts = try Row.fetchAll(db, sql: "SELECT id, state, acknowledged_by, snoozed_until, resolved_by, outcome FROM alert ORDER BY id")
            let activities = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM activity") ?? 0
            let renewals = try Row.fetchAll(db, sql: "SELECT id, stage, closed_on FROM renewal_opportunity ORDER BY id")
            let accounts = try Row.fetchAll(db, sql: "SELECT id, renewal_date, status FROM account ORDER BY id")
            let enrolments = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sequence_enrolment") ?? 0
            let messages = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox_message") ?? 0
            return "\(alerts)\n\(activities)\n\(renewals)\n\(accounts)\n\(enrolments) \(messages)"
        }
    }

    static func audit(_ db: String) throws -> [String] {
        try FolioDatabase(path: db).read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_entry WHERE actor = 'jonas.muller' ORDER BY id")
        }
    }

    @Test func eachKindOfChangeIsTakenBackAndAudited() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try TriageTmuxTests.demo(folio)
        let session = try TmuxSession(width: 120, height: 35, arguments: "--db '\(db)' --user jonas.muller")
        session.waitFor("Book of Jonas Müller")
        try session.send("2")
        session.waitFor("the inbox") { $0.contains("Alerts of Jonas Müller") && $0.contains("▸") }
        let before = try Self.state(db)

        func undo(_ what: String) throws {
            try session.send("u")
            session.waitFor("undone: \(what)")
            #expect(try Self.state(db) == before, "undoing \(what) leaves the store as it was")
        }

        try session.send("a")
        let acked = session.waitFor("the acknowledgement") { $0.contains(" acknowledged (") }
        let id = try #require(acked.firstMatch(of: /alert ([0-9]+) acknowledged/).map { String($0.output.1) })
        try undo("acknowledging alert \(id)")

        try session.send("s", "Tab")
        try session.tmux(["send-keys", "-l", "customer on holiday"])
        try session.send("Enter")
        session.waitFor("alert \(id) snoozed until")
        try undo("snoozing alert \(id)")

        try session.send("x")
        session.waitFor("Resolve alert \(id)")
        try session.send("s", "Enter")
        session.waitFor("alert \(id) resolved (saved)")
        try undo("resolving alert \(id)")

        try session.send("l", "Tab", "Tab", "Tab")
        try session.tmux(["send-keys", "-l", "Called the sponsor"])
        try session.send("Enter")
        session.waitFor("logged outbound call on")
        try undo("logging the call on")

        try session.send("4")
        session.waitFor("the renewals") { $0.contains("Renewals of Jonas Müller") && $0.contains("▸") }
        try session.send("m")
        session.waitFor("Move renewal")
        try session.send("Enter")
        session.waitFor("the question") { $0.contains("Move renewal") && $0.contains("?") }
        try session.send("y")
        session.waitFor("moved to")
        try undo("moving renewal")

        try session.send("2")
        session.waitFor("the inbox again") { $0.contains("Alerts of Jonas Müller") }
        // The top alert suggests a sequence (the one below it is capped by a late payment, which starts none).
        try session.send("g")
        session.waitFor("the top alert selected") { session.selectedLine($0)?.contains("Ferrovia Verde") == true }
        try session.send("r")
        session.waitFor("the preview") { $0.contains("── step 1 of") }
        try session.send("y")
        session.waitFor("the sequence started") { $0.contains("started ") }
        try undo("starting")

        let audit = try Self.audit(db)
        for (change, undone) in [("alert.acknowledge", "alert.undo"), ("alert.snooze", "alert.undo"), ("alert.resolve", "alert.undo"),
                                 ("activity.log", "activity.undo"), ("renewal.move", "renewal.undo"), ("sequence.start", "sequence.undo")] {
            #expect(audit.contains(change) && audit.contains(undone), "the audit shows \(change) and \(undone): \(audit)")
        }
        #expect(audit.filter { $0.hasSuffix(".undo") && $0 != "account.undo" }.count == 6)
    }
}
