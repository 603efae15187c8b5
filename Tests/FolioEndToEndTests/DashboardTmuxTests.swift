import Foundation
import Testing

/// The dashboard in the real interface, in tmux, on the demo: `:report 2026-06-01` shows the
/// alerted and control figures `folio report program --from 2026-06-01 --json` gives.
@Suite("dashboard in tmux", .enabled(if: TmuxSession.isAvailable), .serialized)
struct DashboardTmuxTests {
    /// "27 of 29 (93 %)", as the dashboard writes a group's recovery.
    static func recovery(_ group: [String: Any]) throws -> String {
        let recovered = try #require(group["recovered"] as? Int), decided = try #require(group["decided"] as? Int)
        guard decided > 0 else { return "not enough data" }
        return "\(recovered) of \(decided) (\(Int((Double(recovered) / Double(decided) * 100).rounded())) %)"
    }

    @Test(arguments: [("helena.vasquez", 80, 24), ("marta.novak", 120, 35)])
    func theDashboardShowsWhatTheReportSays(user: String, width: Int, height: Int) throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = folio.home.appendingPathComponent("folio.db").path
        #expect(try folio.run("demo", "--db", db).status == 0)
        let result = try folio.run("report", "program", "--db", db, "--user", user, "--from", "2026-06-01", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let alerted = try #require(report["alerted"] as? [String: Any]), control = try #require(report["control"] as? [String: Any])
        let to = try #require(report["to"] as? String)

        let session = try TmuxSession(width: width, height: height, arguments: "--db '\(db)' --user \(user)")
        session.waitFor("Book of")
        try session.send(":report 2026-06-01", "Enter")
        let screen = session.waitFor("the dashboard's recovery figures") { $0.contains("Dashboard of") && $0.contains("control ") }
        let lines = screen.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("2026-06-01 to \(to)") })
        for (name, group) in [("alerted", alerted), ("control", control)] {
            let line = lines.first { $0.hasPrefix(" \(name) ") } ?? "<no \(name) line>"
            #expect(line.contains(try Self.recovery(group)), "\(line)")
            let accounts = try #require(group["accounts"] as? Int)
            #expect(line.contains("\(accounts) account") || lines.contains { $0.contains("\(accounts) account") }, "\(screen)")
        }
        if report["comparable"] as? Bool == false { #expect(screen.contains("Too small to compare")) }

        // A bad date is said, and the figures stay.
        try session.send(":report 2026-13-01", "Enter")
        session.waitFor("\"2026-13-01\" is not a date")
        try session.send("q")
    }
}
