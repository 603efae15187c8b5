import Foundation
import FolioStore
import GRDB
import Testing

/// A manager's huddle in the real interface, on the demo: H in the team view, a decision
/// recorded for the first escalation, the list of decisions at the end; stored and audited.
@Suite("huddle in tmux", .enabled(if: TmuxSession.isAvailable), .serialized)
struct HuddleTmuxTests {
    @Test(arguments: [(80, 24), (120, 35)])
    func aManagerWalksTheEscalationsAndRecordsADecision(width: Int, height: Int) throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try TriageTmuxTests.demo(folio)
        let marta = try TmuxSession(width: width, height: height, arguments: "--db '\(db)' --user marta.novak")
        marta.waitFor("Book of Marta")
        try marta.send("5")
        marta.waitFor("the team view with its escalations") { $0.contains("escalations") && $0.contains("▸") }
        try marta.send("H")
        let first = marta.waitFor("the first escalation") { $0.contains("escalation 1 of") && $0.contains("Last touch") }
        let count = try #require(first.firstMatch(of: /escalation 1 of ([0-9]+)/).flatMap { Int($0.output.1) })
        try marta.send("Enter")
        marta.waitFor("Decide on alert")
        try marta.send("Tab")
        try marta.tmux(["send-keys", "-l", "Call the CFO before the QBR"])
        try marta.send("Enter")
        marta.waitFor("decided on alert")
        marta.waitFor("the decision on the page") { $0.contains("Call the CFO before the QBR, due") }
        for _ in 0..<count { try marta.send("j") }
        marta.waitFor("the decisions") { $0.contains("Decisions of the huddle") && $0.contains("Call the CFO before the QBR") }
        let stored = try FolioDatabase(path: db).read { db in
            try String.fetchAll(db, sql: "SELECT next_step FROM huddle_decision WHERE by_login = 'marta.novak'")
        }
        #expect(stored == ["Call the CFO before the QBR"])
        let audited = try FolioDatabase(path: db).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry WHERE actor = 'marta.novak' AND action = 'huddle.decide'")
        }
        #expect(audited == 1)
        try marta.send("Escape")
        marta.waitFor("the team view again") { $0.contains("escalations") && !$0.contains("Huddle") }
    }
}
