import Foundation
import Testing

/// `folio outbox send` killed with SIGKILL at random points of a long run: at most the
/// email in flight needs a person, and nothing is delivered twice.
@Suite("folio outbox send killed mid-run", .serialized)
struct OutboxInterruptionTests {
    /// Builds a synthetic book whose first run starts about a hundred sequences, so many
    /// emails are due at once.
    static func bookWithManyDueEmails(_ folio: Folio) throws {
        let data = folio.home.appendingPathComponent("portfolio").path
        #expect(try folio.run("generate", "--accounts", "300", "--weeks", "20", "--seed", "7", "--out", data, "--as-of", "2026-11-23").status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: data).filter { $0.hasSuffix(".csv") }.map { "\(data)/\($0)" }
        let imported = try folio.run(["import"] + files)
        #expect(imported.status == 0, "\(imported.stderr)")
        let tick = try folio.run("tick", "--as-of", "2026-11-23", "--raise-existing")
        #expect(tick.status == 0, "\(tick.stderr)")
    }

    /// A sendmail that notes each message it is handed (`start ID`) and, a moment later,
    /// that it took it (`done ID`): slow enough for a kill to land while one is in flight.
    static func slowSendmail(_ folio: Folio, log: String) -> String {
        folio.write("slow-sendmail", """
            #!/bin/sh
            id=$(sed -n 's/^Message-ID: *//p' | head -n 1)
            echo "start $id" >> '\(log)'
            sleep 0.05
            echo "done $id" >> '\(log)'
            """)
    }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    static func states(_ folio: Folio) throws -> [String: Int] {
        let all = try #require(try folio.json("outbox", "--json", "--all", "--user", "emma.vanderberg") as? [[String: Any]])
        return all.reduce(into: [:]) { $0[$1["state"] as? String ?? "?", default: 0] += 1 }
    }

    @Test func aKilledRunLeavesAtMostTheEmailInFlightForAPersonAndSendsNothingTwice() throws {
        let folio = Folio()
        defer { folio.remove() }
        try Self.bookWithManyDueEmails(folio)
        let log = folio.home.appendingPathComponent("handed-over.log").path
        let script = Self.slowSendmail(folio, log: log)
        chmod(script, 0o755)
        let moment = "2026-11-25T15:00:00Z"
        let dueBefore = try Self.states(folio)["scheduled", default: 0]
        #expect(dueBefore > 40, "the book should have many emails waiting: \(dueBefore)")

        var generator = SystemRandomNumberGenerator()
        var kills: [String] = []
        for round in 1...6 {
            let seen = Self.lines(log)
            // Kill while a message is in the sendmail command, or just after it took one.
            let waitFor = Bool.random(using: &generator) ? "start" : "done"
            let count = Int.random(in: 1...4, using: &generator)
            let process = try folio.start(["outbox", "send", "--sendmail", script, "--at", moment])
            let reached = ServeProcess.waitUntil("round \(round): \(count) more '\(waitFor)' lines", timeout: 60) {
                Self.lines(log).dropFirst(seen.count).filter { $0.hasPrefix(waitFor) }.count >= count || !process.isRunning
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            kills.append("round \(round): after \(count) \(waitFor)\(reached ? "" : " (not reached)")")
            // What the kill left claimed: the message in flight at most.
            let sending = try Self.states(folio)["sending", default: 0]
            #expect(sending <= 1, "\(kills.last!): \(sending) emails left claimed")
        }

        // A run to the end: every interrupted claim is settled, the rest goes.
        let finish = try folio.run("outbox", "send", "--sendmail", script, "--at", moment, "--json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(finish.stdout.utf8)) as? [String: Any], "\(finish.stderr)")
        let states = try Self.states(folio)
        let unconfirmed = states["unconfirmed", default: 0]
        #expect(unconfirmed <= kills.count, "\(unconfirmed) emails need a person after \(kills.count) kills: \(kills)")
        #expect(states["sending", default: 0] == 0)
        #expect((report["failed"] as? [Any])?.isEmpty == true, "\(report)")

        // Nothing handed over twice; every email marked sent was handed over.
        let started = Self.lines(log).filter { $0.hasPrefix("start ") }.map { String($0.dropFirst(6)) }
        let repeated = Dictionary(grouping: started, by: { $0 }).filter { $0.value.count > 1 }.keys
        #expect(repeated.isEmpty, "delivered more than once: \(repeated.sorted())")
        let all = try #require(try folio.json("outbox", "--json", "--all", "--user", "emma.vanderberg") as? [[String: Any]])
        let sentIDs = Set(all.filter { $0["state"] as? String == "sent" }.compactMap { $0["messageId"] as? String })
        #expect(sentIDs.isSubset(of: Set(started)), "sent but never handed over: \(sentIDs.subtracting(started).sorted())")
        #expect(sentIDs.count + unconfirmed >= started.count, "handed over but neither sent nor unconfirmed")
    }
}
