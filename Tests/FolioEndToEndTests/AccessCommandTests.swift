import Foundation
import FolioStore
import Testing

/// Who may do what on the command line (README, "Who may do what"): the same rule as the
/// interface's, from `Access`.
@Suite("who may do what, on the command line")
struct AccessCommandTests {
    static func alerts(_ folio: Folio, _ login: String) throws -> [[String: Any]] {
        let result = try folio.run("alerts", "--json", "--user", login)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    static func state(of id: Int, _ folio: Folio, as login: String) throws -> String? {
        try alerts(folio, login).first { $0["id"] as? Int == id }?["state"] as? String
    }

    static func auditCount(_ folio: Folio) throws -> Int {
        try FolioDatabase(path: folio.databasePath).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry") ?? 0 }
    }

    /// #18: an unknown, mis-cased or empty --user on the demo used to write as its manager.
    @Test func aStrangerOnTheDemoLooksButChangesNothing() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let id = try #require(try Self.alerts(folio, "chen.wei").first { $0["state"] as? String == "open" }?["id"] as? Int)
        let audited = try Self.auditCount(folio)

        // Looking is allowed: the demo's first look shows its manager's view.
        let look = try folio.run("alerts", "--json", "--user", "intruder")
        #expect(look.status == 0 && look.stderr.contains("intruder is not a user of this demo; showing it as"), "\(look.stderr)")

        let attempts: [([String], [String: String], String)] = [
            (["alerts", "ack", String(id), "--user", "intruder"], [:], "\"intruder\" is not a user of this database"),
            (["alerts", "ack", String(id), "--user", "Chen.Wei"], [:], "did you mean chen.wei?"),
            (["alerts", "ack", String(id), "--user", ""], ["USER": "chen.wei"], "no user given"),
            (["alerts", "ack", String(id)], [:], "no user given"),
            (["alerts", "snooze", String(id), "--until", "1w", "--reason", "x", "--user", "intruder"], [:], "to add intruder"),
            (["alerts", "resolve", String(id), "--outcome", "saved", "--user", "intruder"], [:], "in a users.csv"),
            (["log", "ACC-0027", "--type", "call", "--summary", "x", "--user", "intruder"], [:], "folio import users.csv"),
        ]
        for (arguments, environment, says) in attempts {
            let refused = try folio.run(arguments, environment: environment)
            #expect(refused.status == 2, "\(arguments): \(refused.stdout) \(refused.stderr)")
            #expect(refused.stderr.contains("changes are recorded under a real user's name, so nothing was changed"), "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.contains(says), "\(arguments): \(refused.stderr)")
        }
        #expect(try Self.state(of: id, folio, as: "chen.wei") == "open")
        #expect(try Self.auditCount(folio) == audited)
    }

    /// #18: one rule for an AE, in the command line as in the interface: they acknowledge
    /// the alerts routed to them and log on their accounts; snoozing, resolving and the
    /// alerts not routed to them are for the account's CSM and the people above.
    @Test func anAccountExecutiveAcknowledgesWhatIsRoutedToThemAndNoMore() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let ae = "mateusz.wojcik"
        let open = try Self.alerts(folio, ae).filter { $0["state"] as? String == "open" }
        let routed = open.filter { ($0["recipients"] as? [String] ?? []).contains(ae) }
        let notRouted = try #require(open.first { !($0["recipients"] as? [String] ?? []).contains(ae) }?["id"] as? Int)
        #expect(routed.count >= 2)
        let first = try #require(routed.first?["id"] as? Int), second = try #require(routed.dropFirst().first?["id"] as? Int)

        let snooze = try folio.run("alerts", "snooze", String(first), "--until", "1w", "--reason", "x", "--user", ae)
        #expect(snooze.status == 1)
        #expect(snooze.stderr.contains("\(ae) may not act on alert \(first): only the account's CSM"), "\(snooze.stderr)")
        #expect(snooze.stderr.contains("or a VP may snooze it; its recipients acknowledge it"), "\(snooze.stderr)")
        let resolve = try folio.run("alerts", "resolve", String(second), "--outcome", "saved", "--user", ae)
        #expect(resolve.status == 1 && resolve.stderr.contains("or a VP may resolve it"), "\(resolve.stderr)")
        let stranger = try folio.run("alerts", "ack", String(notRouted), "--user", ae)
        #expect(stranger.status == 1 && stranger.stderr.contains("a VP or the alert's recipients may"), "\(stranger.stderr)")

        let ack = try folio.run("alerts", "ack", String(first), "--user", ae)
        #expect(ack.status == 0, "\(ack.stderr)")
        #expect(ack.stdout.contains("alert \(first) acknowledged"))
        #expect(try Self.state(of: first, folio, as: ae) == "acknowledged")
        #expect(try Self.state(of: second, folio, as: ae) == "open")
    }
}
