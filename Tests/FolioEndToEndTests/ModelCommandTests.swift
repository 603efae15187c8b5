import Foundation
import Testing

/// `folio import outcomes.csv && folio model backtest && folio model fit --out p.yaml &&
/// folio model diff` as a CS-ops lead runs them, on a book written here: 1,500 accounts whose
/// churn depends on their tenure and plan, imported with the churn left out and given back as
/// outcomes after the as-of day.
@Suite("folio model")
struct ModelCommandTests {
    static let asOf = "2026-03-01"

    /// Writes the book; returns each account's churn (true when an outcome says churned).
    static func book(_ folio: Folio, accounts: Int = 1_500, seed: UInt64 = 5) throws -> [String: Bool] {
        var random = Generator(seed: seed)
        var rows = ["id,name,tier,owner,arr,contract_start,renewal_date,term_months,attribute.plan"]
        var outcomes = ["account_id,outcome,date"]
        var churned: [String: Bool] = [:]
        let plans = ["monthly", "annual", "two-year"], terms = [1, 12, 24]
        for k in 0..<accounts {
            let months = 1 + random.below(48), plan = random.below(3)
            let start = Calendar(identifier: .gregorian).date(byAdding: .month, value: -months, to: Self.day(Self.asOf))!
            let renewal = Calendar(identifier: .gregorian).date(byAdding: .month, value: 13, to: start)!
            rows.append("T\(k),Account \(k),smb,ana,1000,\(Self.iso(start)),\(Self.iso(renewal)),\(terms[plan]),\(plans[plan])")
            let p = 0.5 - Double(months) / 120 - Double(plan) * 0.12
            let gone = random.unit() < max(0.03, p)
            churned["T\(k)"] = gone
            outcomes.append(gone ? "T\(k),churned,2026-04-\(10 + k % 15)" : "T\(k),renewed,2026-05-20")
        }
        let users = "login,name,email,role,manager\nvera,Vera Lindqvist,vera@example.com,vp,\nana,Ana Lima,ana@example.com,csm,vera\n"
        let paths = [folio.write("users.csv", users), folio.write("accounts.csv", rows.joined(separator: "\n") + "\n")]
        #expect(try folio.run(["import"] + paths).status == 0)
        // The outcomes kept apart, imported after the scores: the label was not an input.
        _ = folio.write("outcomes.csv", outcomes.joined(separator: "\n") + "\n")
        return churned
    }

    @Test func backtestFitAndDiffTellHowWellTheScorePredicts() throws {
        let folio = Folio()
        defer { folio.remove() }
        let churned = try Self.book(folio)
        #expect(try folio.run("tick", "--as-of", Self.asOf).status == 0)
        let imported = try folio.run("import", folio.home.appendingPathComponent("outcomes.csv").path, "--user", "vera")
        #expect(imported.status == 0, "\(imported.stderr)")

        // The backtest: the stored scores of the as-of day against the outcomes after it.
        let backtest = try folio.run("model", "backtest", "--as-of", Self.asOf, "--json", "--user", "vera")
        #expect(backtest.status == 0, "\(backtest.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(backtest.stdout.utf8)) as? [String: Any])
        #expect(doc["mode"] as? String == "as-of" && doc["horizonDays"] as? Int == 90)
        #expect(doc["cases"] as? Int == 1_500 && doc["churned"] as? Int == churned.values.filter { $0 }.count)
        // Its AUC equals an independent Mann–Whitney count on the scores `folio accounts` shows.
        let accounts = try folio.run("accounts", "--as-of", Self.asOf, "--json", "--user", "vera")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(accounts.stdout.utf8)) as? [[String: Any]])
        var churnerScores: [Double] = [], stayerScores: [Double] = []
        for a in list {
            guard let id = a["id"] as? String, let score = a["score"] as? Double else { continue }
            if churned[id] == true { churnerScores.append(score) } else { stayerScores.append(score) }
        }
        var wins = 0.0
        for c in churnerScores { for s in stayerScores { wins += c < s ? 1 : c == s ? 0.5 : 0 } }
        let mannWhitney = wins / Double(churnerScores.count * stayerScores.count)
        let auc = try #require((doc["auc"] as? [String: Any])?["auc"] as? Double)
        #expect(abs(auc - mannWhitney) < 0.005, "backtest \(auc), Mann–Whitney \(mannWhitney)")
        #expect(auc > 0.6)
        let bands = try #require(doc["bands"] as? [[String: Any]])
        #expect(bands.map { $0["band"] as? String } == ["Red", "Yellow", "Green"])
        let measures = try #require(doc["measures"] as? [[String: Any]])
        #expect(measures.contains { $0["name"] as? String == "tenure" && $0["backwards"] as? Bool == false })

        let text = try folio.run("model", "backtest", "--as-of", Self.asOf, "--user", "vera")
        #expect(text.stdout.contains("ROC AUC") && text.stdout.contains("Top-decile lift") && text.stdout.contains("By tier:"))

        // The fit: a profile that ranks better held out, written with what the data showed.
        let out = folio.home.appendingPathComponent("p.yaml").path
        let fit = try folio.run("model", "fit", "--as-of", Self.asOf, "--out", out, "--json", "--user", "vera")
        #expect(fit.status == 0, "\(fit.stderr)")
        let fitDoc = try #require(try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as? [String: Any])
        let old = try #require((fitDoc["heldOutOld"] as? [String: Any])?["auc"] as? Double)
        let new = try #require((fitDoc["heldOutNew"] as? [String: Any])?["auc"] as? Double)
        #expect(new > old, "fitted \(new), default \(old)")
        let yaml = try String(contentsOfFile: out, encoding: .utf8)
        // The plan is an attribute the fit weighs; here it says what the contract term says, so
        // the fit may keep either and says why it left the other out.
        #expect(yaml.contains("# Health profile fitted by `folio model fit`"))
        #expect(yaml.contains("source: attribute:plan") || yaml.contains("plan (adds nothing the others do not say"), "\(yaml)")
        // It is a profile like any other: the daily run takes it.
        #expect(try folio.run("tick", "--as-of", Self.asOf, "--profile", out).status == 0)

        // What would change: band moves, then both backtests.
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData/health-profile.yaml").path
        let diff = try folio.run("model", "diff", sample, out, "--as-of", Self.asOf, "--json", "--user", "vera")
        #expect(diff.status == 0, "\(diff.stderr)")
        let diffDoc = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        #expect(diffDoc["accounts"] as? Int == 1_500)
        let moves = try #require(diffDoc["moves"] as? [[String: Any]])
        #expect(moves.reduce(0) { $0 + (($1["accounts"] as? Int) ?? 0) } == 1_500)
        #expect(((diffDoc["changed"] as? [Any])?.count ?? -1) == diffDoc["changing"] as? Int)
        let newSide = try #require((diffDoc["new"] as? [String: Any])?["backtest"] as? [String: Any])
        let oldSide = try #require((diffDoc["old"] as? [String: Any])?["backtest"] as? [String: Any])
        let newAUC = try #require((newSide["auc"] as? [String: Any])?["auc"] as? Double)
        let oldAUC = try #require((oldSide["auc"] as? [String: Any])?["auc"] as? Double)
        #expect(newAUC > oldAUC)
        let diffText = try folio.run("model", "diff", sample, out, "--as-of", Self.asOf, "--user", "vera")
        #expect(diffText.stdout.contains("would change band") && diffText.stdout.contains("Backtests side by side"))

        // Drift: one run, no quarter whose horizon is over yet; band shares for the month.
        let drift = try folio.run("model", "drift", "--as-of", Self.asOf, "--json", "--user", "vera")
        #expect(drift.status == 0, "\(drift.stderr)")
        let driftDoc = try #require(try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])
        #expect((driftDoc["months"] as? [[String: Any]])?.first?["month"] as? String == "2026-03")
    }

    @Test func tooFewOutcomesAreRefusedInNumbers() throws {
        let folio = Folio()
        defer { folio.remove() }
        _ = try Self.book(folio, accounts: 20, seed: 2)
        #expect(try folio.run("import", folio.home.appendingPathComponent("outcomes.csv").path, "--user", "vera").status == 0)
        let fit = try folio.run("model", "fit", "--as-of", Self.asOf, "--out", folio.home.appendingPathComponent("p.yaml").path,
                                "--user", "vera")
        #expect(fit.status == 1)
        #expect(fit.stderr.contains("folio: model fit: too few outcomes to fit:") && fit.stderr.contains("a fit needs at least 30 of each"),
                "\(fit.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folio.home.appendingPathComponent("p.yaml").path))
        let bad = try folio.run("model", "backtest", "--horizon", "soon", "--user", "vera")
        #expect(bad.status == 2 && bad.stderr.contains("--horizon \"soon\" is not a span"))
        // The book is read as the user may see it: someone who is not a user sees nothing.
        let stranger = try folio.run("model", "backtest", "--user", "nobody")
        #expect(stranger.status == 2 && stranger.stderr.contains("\"nobody\" is not a user of this database"), "\(stranger.stderr)")
    }

    @Test func alertQualityReport() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let result = try folio.run("report", "alerts", "--json", "--user", "helena.vasquez")
        #expect(result.status == 0, "\(result.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(doc["report"] as? String == "alerts" && doc["horizonDays"] as? Int == 90)
        #expect(doc["heldOutKinds"] as? [String] == ["health-drop", "usage-drop", "usage-surge"])
        // The period ends a horizon before the as-of day (2026-11-23).
        #expect(doc["to"] as? String == "2026-08-25")
        let kinds = try #require(doc["kinds"] as? [[String: Any]])
        #expect(kinds.contains { $0["kind"] as? String == "health-drop" })
        for k in kinds {
            let alerts = k["alerts"] as? Int ?? -1, decided = k["decided"] as? Int ?? -1, pending = k["pending"] as? Int ?? -1
            #expect(decided + pending == alerts)
        }
        #expect(!(doc["load"] as? [Any] ?? []).isEmpty)
        let csv = try folio.run("report", "alerts", "--csv", "--user", "helena.vasquez")
        #expect(csv.stdout.hasPrefix("kind,alerts,decided,pending,followed,precision,lift_over_base"))
    }

    // MARK: Helpers

    static func day(_ iso: String) -> Date {
        var c = DateComponents()
        let parts = iso.split(separator: "-").map { Int($0)! }
        c.year = parts[0]; c.month = parts[1]; c.day = parts[2]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: c)!
    }

    static func iso(_ date: Date) -> String {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.timeZone = TimeZone(identifier: "UTC")
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    /// A small deterministic generator (the tests build their own data).
    struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }
}
