import Foundation
import Testing

/// `folio alerts` after the demo: every kind, acted on from two processes at once, and the
/// same history from two replays.
@Suite("folio alerts")
struct AlertCommandTests {
    static func alerts(_ folio: Folio, _ arguments: String...) throws -> [[String: Any]] {
        let result = try folio.run(["alerts"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test func theDemoHasAlertsOfEveryKindWithReasons() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let all = try Self.alerts(folio, "--all", "--json", "--user", "helena.vasquez")
        let kinds = Set(all.compactMap { $0["kind"] as? String })
        #expect(kinds == ["health-drop", "usage-drop", "usage-surge", "critical-cases", "sponsor-left", "detractor",
                          "payment-overdue", "gone-dark", "checkin-overdue"])
        #expect(all.allSatisfy { ($0["reason"] as? String)?.isEmpty == false && $0["dueBy"] is String && $0["raisedAt"] is String })
        let states = Set(all.compactMap { $0["state"] as? String })
        #expect(states.isSuperset(of: ["open", "acknowledged", "snoozed"]))
        #expect(all.contains { $0["overdue"] as? Bool == true })
        // Running the day again raises nothing twice.
        let tick = try folio.run("tick")
        #expect(tick.status == 0)
        #expect(tick.stdout.contains("no new alerts"), "\(tick.stdout)")
        #expect(try Self.alerts(folio, "--all", "--json", "--user", "helena.vasquez").count == all.count)
    }

    @Test func twoPeopleAcknowledgingAtOnceOneWins() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let mine = try Self.alerts(folio, "--json", "--user", "chen.wei")
        let open = try #require(mine.first { $0["state"] as? String == "open" })
        let id = String(try #require(open["id"] as? Int))
        // The CSM and their manager, in two processes, at the same moment.
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let who = k == 0 ? "chen.wei" : "marta.novak"
            results.append(try? folio.run("alerts", "ack", id, "--user", who))
        }
        let done = results.all.compactMap { $0 }
        #expect(done.count == 2)
        #expect(done.filter { $0.status == 0 }.count == 1)
        let loser = try #require(done.first { $0.status != 0 })
        #expect(loser.stderr.contains("alert \(id) was already acknowledged by "), "\(loser.stderr)")
        let after = try Self.alerts(folio, "--json", "--user", "chen.wei")
        let acked = try #require(after.first { String(describing: $0["id"]!) == id })
        #expect(acked["state"] as? String == "acknowledged")
        #expect(["chen.wei", "marta.novak"].contains(acked["acknowledgedBy"] as? String ?? ""))
    }

    @Test func aStrangerMayNotActAndSaysWhy() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let chens = try Self.alerts(folio, "--json", "--user", "chen.wei")
        let id = String(try #require(chens.first { $0["state"] as? String == "open" }?["id"] as? Int))
        let refused = try folio.run("alerts", "ack", id, "--user", "lucia.fernandez")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("lucia.fernandez may not act on alert \(id)"))
        let badOutcome = try folio.run("alerts", "resolve", id, "--outcome", "fixed", "--user", "chen.wei")
        #expect(badOutcome.status == 2)
        #expect(badOutcome.stderr.contains("--outcome fixed: expected one of"))
        let snoozed = try folio.run("alerts", "snooze", id, "--until", "1w", "--reason", "on holiday", "--user", "chen.wei")
        #expect(snoozed.status == 0, "\(snoozed.stderr)")
        #expect(snoozed.stdout.contains("alert \(id) snoozed until 1w"))
    }

    @Test func twoReplaysGiveTheSameAlerts() throws {
        let a = Folio(), b = Folio()
        defer { a.remove(); b.remove() }
        #expect(try a.run("demo").status == 0)
        #expect(try b.run("demo").status == 0)
        // "overdue" depends on the wall clock's time of day; everything else must match.
        func stable(_ folio: Folio) throws -> String {
            let rows = try Self.alerts(folio, "--all", "--resolved", "--json", "--user", "helena.vasquez")
                + Self.alerts(folio, "--all", "--resolved", "--shadow", "--json", "--user", "helena.vasquez")
            let trimmed = rows.map { $0.filter { $0.key != "overdue" } }
            return String(decoding: try JSONSerialization.data(withJSONObject: trimmed, options: [.sortedKeys]), as: UTF8.self)
        }
        let first = try stable(a)
        #expect(first.count > 1000)
        #expect(first == (try stable(b)))
    }
}

/// Collects what concurrent work returns.
final class Results: @unchecked Sendable {
    private var items: [Folio.Result?] = []
    private let lock = NSLock()
    func append(_ item: Folio.Result?) { lock.withLock { items.append(item) } }
    var all: [Folio.Result?] { lock.withLock { items } }
}
