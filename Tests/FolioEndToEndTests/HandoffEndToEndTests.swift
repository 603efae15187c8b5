import Foundation
import FolioStore
import GRDB
import Testing

/// A manager's moves on the demo, from the command line and from the keyboard: an account
/// reassigned (its open alerts follow; the new CSM is told when they open Folio), an alert
/// handed over with a note; both audited; who may not is told why.
@Suite("reassigning and handing over", .serialized)
struct HandoffEndToEndTests {
    static func json(_ folio: Folio, _ arguments: String...) throws -> [[String: Any]] {
        let result = try folio.run(arguments + ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test func fromTheCommandLine() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try TriageTmuxTests.demo(folio)
        let amelie = try Self.json(folio, "accounts", "--db", db, "--user", "amelie.durand")
        let account = try #require(amelie.first { ($0["openAlerts"] as? Int ?? 0) > 0 }?["id"] as? String)

        let csm = try folio.run("accounts", "reassign", account, "--to", "jonas.muller", "--db", db, "--user", "amelie.durand")
        #expect(csm.status == 1 && csm.stderr.contains("amelie.durand may not reassign \(account): only the managers above its CSM (amelie.durand) or a VP may"))
        let outside = try folio.run("accounts", "reassign", account, "--to", "lucia.fernandez", "--db", db, "--user", "marta.novak")
        #expect(outside.status == 1 && outside.stderr.contains("lucia.fernandez is not in the team of marta.novak"), "\(outside.stderr)")

        let done = try folio.run("accounts", "reassign", account, "--to", "jonas.muller", "--note", "Amélie is on leave",
                                 "--db", db, "--user", "marta.novak")
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("amelie.durand → jonas.muller"))
        #expect(try Self.json(folio, "accounts", "--db", db, "--user", "jonas.muller").contains { $0["id"] as? String == account })
        #expect(try !Self.json(folio, "accounts", "--db", db, "--user", "amelie.durand").contains { $0["id"] as? String == account })
        let alerts = try Self.json(folio, "alerts", "--db", db, "--user", "jonas.muller").filter { $0["account"] as? String == account }
        #expect(!alerts.isEmpty)
        for alert in alerts {
            let recipients = alert["recipients"] as? [String] ?? []
            #expect(recipients.contains("jonas.muller") && !recipients.contains("amelie.durand"))
        }
        let audited = try FolioDatabase(path: db).read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_entry WHERE actor = 'marta.novak' ORDER BY id")
        }
        // Its waiting recovery emails, if any, are signed by the new CSM, and the line says so.
        let resigned = audited.filter { $0 == "outbox.resign" }.count
        let moves = audited.filter { $0 != "outbox.resign" }
        #expect(moves.first == "account.reassign" && moves.dropFirst().allSatisfy { $0 == "alert.reassign" } && moves.count == 1 + alerts.count)
        #expect(done.stdout.contains("now signed by jonas.muller") == (resigned > 0), "\(done.stdout)")

        // Jonas hands one on to his manager's peer, with a note; Omar now has it among his alerts.
        let id = try #require(alerts.first?["id"] as? Int)
        let handed = try folio.run("alerts", "hand-over", "\(id)", "--to", "omar.haddad", "--note", "you know their CTO",
                                   "--db", db, "--user", "jonas.muller")
        #expect(handed.status == 0 && handed.stdout.contains("alert \(id) handed over to omar.haddad"), "\(handed.stderr)")
        #expect(handed.stdout.contains("they will read: you know their CTO"))
        #expect(try Self.json(folio, "alerts", "--db", db, "--user", "omar.haddad").contains { $0["id"] as? Int == id })

        // Whoever works from the command line reads what was handed to them under their lists (stderr: a pipe gets the list).
        let omarsAlerts = try folio.run("alerts", "--db", db, "--user", "omar.haddad")
        #expect(omarsAlerts.stderr.contains("jonas.muller handed you alert \(id) on \(account): you know their CTO"), "\(omarsAlerts.stderr)")
        #expect(!omarsAlerts.stdout.contains("handed you"))
        let jonasBook = try folio.run("accounts", "--db", db, "--user", "jonas.muller")
        #expect(jonasBook.stderr.contains("marta.novak gave you \(account) (was amelie.durand's): Amélie is on leave"), "\(jonasBook.stderr)")

        // Each receiver is told when they open Folio.
        let jonas = try TmuxSession(width: 120, height: 35, arguments: "--db '\(db)' --user jonas.muller")
        jonas.waitFor("marta.novak gave you \(account) (was amelie.durand's): Amélie is on leave")
        try jonas.send("q")
        jonas.waitFor("FOLIO-EXITED-0")
        let omar = try TmuxSession(width: 120, height: 35, arguments: "--db '\(db)' --user omar.haddad")
        omar.waitFor("jonas.muller handed you alert \(id) on \(account): you know their CTO")
        try omar.send("q")
        omar.waitFor("FOLIO-EXITED-0")
    }

    @Test(arguments: [(80, 24), (120, 35)])
    func fromTheKeyboard(width: Int, height: Int) throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try TriageTmuxTests.demo(folio)
        let marta = try TmuxSession(width: width, height: height, arguments: "--db '\(db)' --user marta.novak")
        marta.waitFor("the team's book") { $0.contains("Book of Marta") && $0.contains("▸") }
        try marta.send("T")
        let form = marta.waitFor("open alerts and check-ins follow")
        let owner = try #require(form.firstMatch(of: /now ([a-z.]+)'s;/).map { String($0.output.1) })
        let to = try #require(["amelie.durand", "jonas.muller", "chen.wei"].first { $0 != owner })
        try marta.tmux(["send-keys", "-l", to])
        try marta.send("Tab")
        try marta.tmux(["send-keys", "-l", "back from leave"])
        try marta.send("Enter")
        marta.waitFor("to \(to)?")
        try marta.send("y")
        let done = marta.waitFor("is now \(to)'s")
        let account = try #require(done.firstMatch(of: /(ACC-[0-9]+) \(/).map { String($0.output.1) })
        #expect(try Self.json(folio, "accounts", "--db", db, "--user", to).contains { $0["id"] as? String == account })

        // In the inbox, h hands the selected alert over with a note.
        try marta.send("2")
        marta.waitFor("the inbox") { $0.contains("Alerts of Marta") && $0.contains("▸") }
        try marta.send("h")
        marta.waitFor("Hand over")
        try marta.tmux(["send-keys", "-l", "omar.haddad"])
        try marta.send("Tab")
        try marta.tmux(["send-keys", "-l", "for the QBR"])
        try marta.send("Enter")
        marta.waitFor("handed over to omar.haddad")
        try marta.send("q")
        marta.waitFor("the book again") { $0.contains("Book of Marta") }
        try marta.send("q")
        marta.waitFor("FOLIO-EXITED-0")
    }
}
