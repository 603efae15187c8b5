import Foundation
import Testing

extension Folio {
    /// Runs `folio` and parses its JSON output, expecting success.
    func json(_ arguments: String...) throws -> Any {
        let result = try run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}

/// `folio checkins`, `folio renewals`, `folio log` on the demo portfolio.
@Suite("check-ins, renewals and logging on the command line", .serialized)
struct RenewalsAndCheckInsTests {
    @Test func theDemoHasAPipelineWithTheRedRenewalAtRisk() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let doc = try #require(try folio.json("renewals", "--json", "--user", "helena.vasquez") as? [String: Any])
        #expect(doc["asOf"] as? String == "2026-11-23")
        let opportunities = try #require(doc["opportunities"] as? [[String: Any]])
        let byAccount = Dictionary(opportunities.map { ($0["account"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byAccount["ACC-0093"]?["stage"] as? String == "at risk")       // story 5: Red, 84 days out
        #expect(byAccount["ACC-0111"]?["stage"] as? String == "60 days out")   // story 1: 56 days out
        #expect(byAccount["ACC-0081"]?["stage"] as? String == "60 days out")   // story 8: 16 days out
        #expect(opportunities.count == 21) // the 21 renewals within 90 days, all open (some committed by their CSMs)
        #expect(opportunities.contains { $0["stage"] as? String == "committed" })
        let totals = try #require(doc["totals"] as? [String: Any])
        #expect(totals["arrAtRisk"] as? Double == 118_000)
        // Story 20 (ACC-0025) and the 30 former customers churned at their renewals; the book's
        // 70 renewals of the half-year closed won (STORIES.md, "Latent health").
        #expect(totals["churned"] as? Int == 31)
        #expect(totals["renewalRate"] as? Double == 0.693)
        let quarters = try #require(doc["quarters"] as? [[String: Any]])
        #expect(quarters.map { $0["quarter"] as? String } == ["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"])
        // The text view: the pipeline, then the open renewals.
        let text = try folio.run("renewals", "--user", "jonas.muller")
        #expect(text.status == 0)
        #expect(text.stdout.contains("QUARTER"))
        #expect(text.stdout.contains("Ferrovia Verde S.p.A."))
        #expect(text.stdout.contains("reach out now and open a recovery task"))
    }

    @Test func theDemosCheckInsAndCoverage() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let doc = try #require(try folio.json("checkins", "--json", "--all", "--user", "helena.vasquez") as? [String: Any])
        let lines = try #require(doc["checkins"] as? [[String: Any]])
        let hikari = lines.filter { $0["account"] as? String == "ACC-0027" }.map { "\($0["status"]!) \($0["title"]!)" }
        #expect(hikari.contains("missed onboarding day 30"))   // story 3
        #expect(hikari.contains("due onboarding day 60"))
        #expect(!lines.contains { $0["account"] as? String == "ACC-0125" && $0["title"] as? String == "onboarding day 30" }) // story 18: done
        let coverage = try #require(doc["coverage"] as? [String: Any])
        let byOwner = try #require(coverage["byOwner"] as? [[String: Any]])
        let jonas = try #require(byOwner.first { $0["owner"] as? String == "jonas.muller" })
        #expect(jonas["flagged"] as? Bool == true)                // the weak book: 76 %
        #expect(byOwner.filter { $0["flagged"] as? Bool == true }.count == 1)
        // A CSM asking for everyone's sees their own book, and is told so.
        let mine = try folio.run("checkins", "--all", "--user", "chen.wei")
        #expect(mine.status == 0)
        #expect(mine.stderr.contains("showing the book of 陈伟 (Chen Wei) instead of --all"))
        #expect(mine.stdout.contains("株式会社ひかり物流"))
        #expect(!mine.stdout.contains("Jonas Müller"))
    }

    @Test func loggingACallCompletesTheCheckInDueToday() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let logged = try folio.run("log", "ACC-0027", "--type", "call", "--summary", "Day-60 call: SSO unblocked", "--user", "chen.wei")
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stdout.contains("logged outbound call on ACC-0027"))
        #expect(logged.stdout.contains("completes the onboarding day 60 check-in due 2026-11-23"))
        let doc = try #require(try folio.json("checkins", "--json", "--user", "chen.wei") as? [String: Any])
        let lines = try #require(doc["checkins"] as? [[String: Any]])
        #expect(!lines.contains { $0["account"] as? String == "ACC-0027" && $0["title"] as? String == "onboarding day 60" })
    }

    @Test func loggingRefusesBadInputWithTheRightExitCode() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let badDate = try folio.run("log", "ACC-0027", "--type", "call", "--date", "2026-02-30", "--summary", "x", "--user", "chen.wei")
        #expect(badDate.status == 65)
        #expect(badDate.stderr == "folio log: --date: \"2026-02-30\" is not a date; expected YYYY-MM-DD\n")
        let empty = try folio.run("log", "ACC-0027", "--type", "note", "--summary", "  ", "--user", "chen.wei")
        #expect(empty.status == 65)
        #expect(empty.stderr.contains("--summary: is empty"))
        let future = try folio.run("log", "ACC-0027", "--type", "call", "--date", "2026-12-01", "--summary", "x", "--user", "chen.wei")
        #expect(future.status == 65)
        #expect(try folio.run("log", "ACC-0027", "--type", "fax", "--summary", "x", "--user", "chen.wei").status == 2)
        #expect(try folio.run("log", "ACC-0027", "--type", "call", "--user", "chen.wei").status == 2)
        let unknown = try folio.run("log", "ACC-9999", "--type", "call", "--summary", "x", "--user", "chen.wei")
        #expect(unknown.status == 2)
        let notMine = try folio.run("log", "ACC-0093", "--type", "call", "--summary", "x", "--user", "chen.wei")
        #expect(notMine.status == 1)
        #expect(notMine.stderr.contains("chen.wei may not log activities on ACC-0093"))
        // Not a user of the database: writes are never made under the demo's default user.
        let nobody = try folio.run("log", "ACC-0027", "--type", "call", "--summary", "x", environment: ["USER": "nobody"])
        #expect(nobody.status == 2)
        #expect(nobody.stderr.contains("changes are recorded under a real user's name"))
    }

    @Test func movingARenewalChecksWhoAndSaysWhoWasFirst() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let doc = try #require(try folio.json("renewals", "--json", "--user", "jonas.muller") as? [String: Any])
        let ferrovia = try #require((doc["opportunities"] as? [[String: Any]])?.first { $0["account"] as? String == "ACC-0093" })
        let id = String(try #require(ferrovia["id"] as? Int))
        #expect(try folio.run("renewals", "move", id, "won", "--user", "jonas.muller").status == 2)
        let ae = try folio.run("renewals", "move", id, "committed", "--user", "mateusz.wojcik")
        #expect(ae.status == 1)
        #expect(ae.stderr.contains("read-only for AEs"))
        let other = try folio.run("renewals", "move", id, "committed", "--user", "chen.wei")
        #expect(other.status == 1)
        #expect(other.stderr.contains("only its owner jonas.muller, their managers (marta.novak, helena.vasquez) or a VP may"))
        let moved = try folio.run("renewals", "move", id, "committed", "--user", "jonas.muller")
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("at risk → committed"))
        let again = try folio.run("renewals", "move", id, "closed-won", "--expect", "at-risk", "--user", "marta.novak")
        #expect(again.status == 1)
        #expect(again.stderr.contains("was already moved to committed by jonas.muller at 20"))
        let won = try folio.run("renewals", "move", id, "closed won", "--user", "marta.novak")
        #expect(won.status == 0)
        #expect(won.stdout.contains("renewal date rolled forward 1 year: 2027-02-15 → 2028-02-15"))
        #expect(try folio.run("renewals", "move", "99999", "committed", "--user", "jonas.muller").status == 2)
    }

    /// Two processes move the same renewal at once: exactly one wins.
    @Test func twoProcessesAtOnce() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let doc = try #require(try folio.json("renewals", "--json", "--user", "amelie.durand") as? [String: Any])
        let nordlicht = try #require((doc["opportunities"] as? [[String: Any]])?.first { $0["account"] as? String == "ACC-0111" })
        let id = String(try #require(nordlicht["id"] as? Int))
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let r = try? folio.run(["renewals", "move", id, k == 0 ? "closed-won" : "churned", "--expect", "60-days-out",
                                               "--user", k == 0 ? "amelie.durand" : "marta.novak"])
            results.add(r)
        }
        let all = results.all.compactMap { $0 }
        #expect(all.count == 2)
        #expect(all.filter { $0.status == 0 }.count == 1)
        let loser = try #require(all.first { $0.status != 0 })
        #expect(loser.status == 1)
        #expect(loser.stderr.contains("was already moved to"))
    }

    @Test func tickSaysWhatTheNewStepsDidAndRunsTwiceAsOnce() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let next = try folio.run("tick", "--as-of", "2026-11-30")
        #expect(next.status == 0)
        #expect(next.stdout.contains("check-in"))
        let again = try folio.run("tick", "--as-of", "2026-11-30")
        #expect(again.stdout.contains("nothing changed"))
        #expect(!again.stdout.contains("renewal") && !again.stdout.contains("check-in"))
    }
}

final class ResultBox: @unchecked Sendable {
    private var items: [Folio.Result?] = []
    private let lock = NSLock()
    func add(_ item: Folio.Result?) { lock.withLock { items.append(item) } }
    var all: [Folio.Result?] { lock.withLock { items } }
}
