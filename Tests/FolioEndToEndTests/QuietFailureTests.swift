import Foundation
import Testing

/// Failures that used to pass unnoticed: a daily run without its sequences, an email whose
/// headers a name could break.
@Suite("failures that are no longer quiet", .serialized)
struct QuietFailureTests {
    static func dump(_ folio: Folio) throws -> String {
        let script = "import sqlite3, sys\nfor line in sqlite3.connect(sys.argv[1]).iterdump(): print(line)"
        return try MailTools.run(MailTools.python!, ["-c", script, folio.databasePath]).stdout
    }

    /// Without SampleData the run would start no recovery email: it refuses, changes
    /// nothing, and the same day runs once the sequences are back.
    @Test(.enabled(if: MailTools.python != nil)) func aDailyRunWithoutItsSequencesFailsAndChangesNothing() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let empty = folio.home.appendingPathComponent("no-sample-data").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let before = try Self.dump(folio)
        let result = try folio.run(["tick", "--as-of", "2026-11-24"], environment: ["FOLIO_SAMPLE_DATA": empty])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no recovery sequences at \(empty)/sequences.yaml (Folio's SampleData is missing), so the daily run did nothing"),
                "\(result.stderr)")
        #expect(try Self.dump(folio) == before, "nothing was written")
        let again = try folio.run("tick", "--as-of", "2026-11-24")
        #expect(again.status == 0, "\(again.stderr)")
    }

    /// A line break in an account's name and a 10,000-letter CSM name: the email still
    /// parses (Python's email package) with the subject whole, no header added and every
    /// header line within RFC 5322's limits.
    @Test(.enabled(if: MailTools.python != nil)) func namesCannotBreakAnEmailsHeaders() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let longName = String(repeating: "A", count: 10_000)
        let rename = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("UPDATE account SET name = ? WHERE id = 'ACC-0081'", ("Acme\\nBcc: victim@evil.example\\n\\nInjected body",))
            c.execute("UPDATE user SET name = ? WHERE login = 'chen.wei'", ("\(longName)",))
            c.commit()
            """
        #expect(try MailTools.run(MailTools.python!, ["-c", rename, folio.databasePath]).status == 0)
        #expect(try folio.run("recover", "ACC-0081", "--stop", "--user", "chen.wei").status == 0)
        let started = try folio.run("recover", "ACC-0081", "--sequence", "product-optimization", "--user", "chen.wei")
        #expect(started.status == 0, "\(started.stderr)")
        let outbox = try #require(try folio.json("outbox", "--json", "--user", "chen.wei") as? [[String: Any]])
        let email = try #require(outbox.first { $0["account"] as? String == "ACC-0081" && $0["state"] as? String == "scheduled" })
        let at = try #require(email["scheduledAt"] as? String)
        let maildir = folio.home.appendingPathComponent("Mail").path
        let sent = try folio.run("outbox", "send", "--maildir", maildir, "--at", at)
        #expect(sent.status == 0, "\(sent.stderr)")

        let received = try MailTools.parse(maildir: maildir)
        let mail = try #require(received.first { $0["subject"]?.contains("Acme") == true }, "\(received.map { $0["subject"] ?? "" })")
        #expect(mail["subject"] == "A few ideas for Acme Bcc: victim@evil.example Injected body's team")
        #expect(mail["bcc"] == "None")
        #expect(mail["defects"] == "0")
        // Python's address parser keeps the folding space between encoded words that RFC 2047 drops.
        #expect(mail["from"]?.filter { $0 != " " }.contains(longName) == true)
        #expect(mail["body"]?.hasPrefix("Hi ") == true, "\(mail["body"] ?? "")")
        #expect(mail["body"]?.contains("Injected body's team") != true)
        let files = try FileManager.default.contentsOfDirectory(atPath: maildir + "/new")
        for file in files {
            let raw = try String(contentsOfFile: maildir + "/new/" + file, encoding: .utf8)
            let headers = raw.components(separatedBy: "\n\n")[0].split(separator: "\n")
            let longest = headers.map(\.utf8.count).max() ?? 0
            #expect(longest <= 78, "a header line of \(longest) characters")
        }
    }
}
