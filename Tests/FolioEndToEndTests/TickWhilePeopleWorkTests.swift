import Foundation
import Testing

/// The daily run and people at work at the same time: acknowledging alerts while `folio tick`
/// runs never fails (the run reads and scores without the write lock, and writes in short
/// transactions), and a tick killed at any moment leaves its day done, not started, or marked
/// under way with no log entry, which a re-run then finishes.
@Suite("folio tick while people work", .serialized)
struct TickWhilePeopleWorkTests {
    static let firstDay = "2026-11-16", nextDay = "2026-11-23"

    /// A generated book with a first run behind it (alerts open to acknowledge).
    static func book(_ folio: Folio, accounts: Int) throws {
        let data = folio.home.appendingPathComponent("portfolio").path
        #expect(try folio.run("generate", "--accounts", String(accounts), "--weeks", "16", "--seed", "5", "--out", data,
                              "--as-of", nextDay).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: data).filter { $0.hasSuffix(".csv") }.map { "\(data)/\($0)" }
        let imported = try folio.run(["import"] + files)
        #expect(imported.status == 0, "\(imported.stderr)")
        let tick = try folio.run("tick", "--as-of", firstDay, "--raise-existing")
        #expect(tick.status == 0, "\(tick.stderr)")
    }

    /// `folio tick` for the next day, started and left running.
    static func startTick(_ folio: Folio) throws -> Process {
        try folio.start(["tick", "--as-of", nextDay])
    }

    /// Open alerts and the first person each is routed to (who may acknowledge it), as the
    /// generated book's VP sees them.
    static func openAlerts(_ folio: Folio) throws -> [(id: String, who: String)] {
        let users = try String(contentsOfFile: folio.home.appendingPathComponent("portfolio/users.csv").path, encoding: .utf8)
        let rows: [[Substring]] = users.split(separator: "\n").map { $0.split(separator: ",") }
        let vp: String = try #require(rows.first { $0.count > 3 && $0[3] == "vp" }.map { String($0[0]) })
        let result = try folio.run("alerts", "--all", "--json", "--as-of", firstDay, "--user", vp)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let all: [[String: Any]] = try #require(parsed as? [[String: Any]], Comment(rawValue: result.stderr))
        return all.compactMap { alert in
            guard alert["state"] as? String == "open", let id = alert["id"] as? Int,
                  let who = (alert["recipients"] as? [String])?.first else { return nil }
            return (String(id), who)
        }
    }

    /// What the database holds of a day: its log entry, its snapshot blocks, the alerts it
    /// raised, whether a run of it is marked under way.
    static func day(_ day: String, in folio: Folio) throws -> (runs: Int, blocks: Int, raised: Int, pending: Int) {
        let program = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            q = lambda sql: db.execute(sql, (sys.argv[2],)).fetchone()[0]
            print(q("SELECT COUNT(*) FROM engine_run WHERE date = ?"), q("SELECT COUNT(*) FROM snapshot_block WHERE date = ?"),
                  q("SELECT COUNT(*) FROM alert WHERE raised_on = ?"),
                  q("SELECT COUNT(*) FROM setting WHERE key = 'tick_pending' AND substr(value, 1, 10) = ?"))
            """
        let result = try ServeProcess.runTool("/usr/bin/python3", ["-c", program, folio.databasePath, day], home: "/tmp")
        #expect(result.status == 0, "python: \(result.stderr)")
        let n = result.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return n.count == 4 ? (n[0], n[1], n[2], n[3]) : (-1, -1, -1, -1)
    }

    @Test func acknowledgingAlertsDuringATickAlwaysSucceeds() throws {
        let folio = Folio()
        defer { folio.remove() }
        try Self.book(folio, accounts: 4000)
        var open = try Self.openAlerts(folio)
        #expect(open.count >= 20, "the first run should leave alerts to acknowledge: \(open.count)")

        let tick = try Self.startTick(folio)
        var duringTick = 0
        var failures: [String] = []
        // One acknowledgement after another, as fast as a person could, until the run ends.
        while tick.isRunning, let next = open.popLast() {
            let ack = try folio.run("alerts", "ack", next.id, "--user", next.who, "--as-of", Self.firstDay)
            if tick.isRunning { duringTick += 1 }
            if ack.status != 0 { failures.append("alert \(next.id) as \(next.who): exit \(ack.status): \(ack.stderr)") }
        }
        tick.waitUntilExit()
        #expect(tick.terminationStatus == 0, "the tick did not finish")
        #expect(failures.isEmpty, "\(failures)")
        #expect(duringTick >= 1, "no acknowledgement happened while the tick ran")
        #expect(try Self.day(Self.nextDay, in: folio).runs == 1)
    }

    @Test(.enabled(if: DatabaseCommandTests.hasPython)) func aKilledTickLeavesTheDayDoneOrNotStartedAndARerunFinishesIt() throws {
        let folio = Folio()
        defer { folio.remove() }
        try Self.book(folio, accounts: 1500)
        var generator = SystemRandomNumberGenerator()
        var seen: [String] = []
        for round in 1...4 {
            let tick = try Self.startTick(folio)
            // A kill somewhere in the run: while it reads, scores or writes (or after it ended).
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.9, using: &generator))
            kill(tick.processIdentifier, SIGKILL)
            tick.waitUntilExit()
            let day = try Self.day(Self.nextDay, in: folio)
            seen.append("round \(round): \(day)")
            let done = day.runs == 1 && day.blocks > 0 && day.pending == 0
            let notStarted = day.runs == 0 && day.blocks == 0 && day.raised == 0
            let underWay = day.runs == 0 && day.pending == 1
            #expect(done || notStarted || underWay, "the day is half written with no mark: \(seen)")
            if done { break }
        }
        let rerun = try folio.run("tick", "--as-of", Self.nextDay, "--json")
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let day = try Self.day(Self.nextDay, in: folio)
        #expect(day.runs == 1 && day.blocks > 0 && day.pending == 0, "\(seen)")
        // And once more: the day is done, nothing changes.
        let output = try folio.run("tick", "--as-of", Self.nextDay, "--json").stdout
        let again: [String: Any] = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(again["changed"] as? Int == 0 && again["alertsRaised"] as? Int == 0)
    }
}
