import Foundation
import Testing

/// Which commands may create or change the database file: a mistyped --db creates nothing,
/// a read-only file is read, a file a newer Folio changed is never written.
@Suite("the database file on the command line", .serialized)
struct DatabaseFileTests {
    static let readCommands: [[String]] = [
        ["accounts"], ["accounts", "--json"], ["alerts", "--json"], ["checkins", "--json"], ["renewals", "--json"],
        ["report", "team", "--json"], ["explain", "ACC-0081", "--json"], ["outbox", "--json"],
        ["recover", "ACC-0081", "--preview"],
    ]

    @Test func aMistypedDatabaseIsNotCreatedByReading() throws {
        let folio = Folio()
        defer { folio.remove() }
        let typo = folio.home.appendingPathComponent("tpyo/folio/folio.db").path
        for command in Self.readCommands {
            let result = try folio.run(command + ["--db", typo, "--user", "marta.novak"])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("no database at \(typo); run `folio demo` or `folio import` first"), "\(command): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folio.home.appendingPathComponent("tpyo").path))
        // So the demo can still be built there.
        #expect(try folio.run("demo", "--db", typo).status == 0)
    }

    /// Another user (or, when the tests run as that user's owner, a file and folder without
    /// write permission) reads the team's database: every read command works, nothing is
    /// written beside it, and a change is refused.
    @Test func aReadOnlyDatabaseIsReadAndNothingIsWrittenBesideIt() throws {
        let folio = Folio()
        defer { folio.remove() }
        let folder = folio.home.appendingPathComponent("shared")
        let path = folder.appendingPathComponent("team.db").path
        #expect(try folio.run("demo", "--db", path).status == 0)
        let expected = try Self.readCommands.map { try folio.run($0 + ["--db", path, "--user", "marta.novak"]).stdout }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["team.db"])

        // Root may write anything: the reader is then "nobody", who may read but not write here.
        let asOther: [String] = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        if asOther.isEmpty {
            chmod(path, 0o444)
            chmod(folder.path, 0o555)
        }
        defer { chmod(folder.path, 0o755); chmod(path, 0o644) }
        for (command, output) in zip(Self.readCommands, expected) {
            let result = try Self.run(asOther, folio, command + ["--db", path, "--user", "marta.novak"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stdout == output, "\(command) reads the same as its owner")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["team.db"], "nothing written beside it")
        let ack = try Self.run(asOther, folio, ["alerts", "ack", "1", "--db", path, "--user", "marta.novak"])
        #expect(ack.status == 1 && ack.stderr.contains("\(path) is read-only"), "\(ack.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// A migration this build does not know: every change is refused (saying which schema the
    /// file has), the file stays as it was, and reading goes on.
    @Test(.enabled(if: MailTools.python != nil)) func aDatabaseANewerFolioChangedIsNeverWrittenButRead() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let add = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute(\"INSERT INTO grdb_migrations VALUES ('v99-from-the-future')\")\nc.commit()"
        #expect(try MailTools.run(MailTools.python!, ["-c", add, folio.databasePath]).status == 0)
        let alerts = try #require(try folio.json("alerts", "--json", "--user", "marta.novak") as? [[String: Any]])
        let open = try #require(alerts.first { $0["state"] as? String == "open" }?["id"] as? Int)
        let dump = { try MailTools.run(MailTools.python!, ["-c", "import sqlite3, sys\nfor line in sqlite3.connect(sys.argv[1]).iterdump(): print(line)",
                                                          folio.databasePath]).stdout }
        let before = try dump()
        #expect(before.contains("v99-from-the-future"))
        let changes: [[String]] = [
            ["alerts", "ack", "\(open)", "--user", "marta.novak"], ["tick"], ["tick", "--as-of", "2026-11-30"],
            ["log", "ACC-0081", "--type", "call", "--summary", "hello", "--user", "chen.wei"],
            ["outbox", "send", "--maildir", folio.home.appendingPathComponent("mail").path, "--at", "2026-11-23T15:00:00Z"],
            ["import", folio.write("users.csv", "login,name,email,role,manager\nana,Ana,ana@example.com,csm,marta.novak\n")],
        ]
        for command in changes {
            let result = try folio.run(command)
            #expect(result.status == 1, "\(command) exited \(result.status)")
            #expect(result.stderr.contains("was changed by a newer Folio: its schema has v99-from-the-future, which this Folio (schema up to v"),
                    "\(command): \(result.stderr)")
        }
        #expect(try dump() == before, "nothing was written")
        let after = try #require(try folio.json("alerts", "--json", "--user", "marta.novak") as? [[String: Any]])
        #expect(after.first { $0["id"] as? Int == open }?["state"] as? String == "open")
        #expect(try folio.run("accounts", "--user", "marta.novak").status == 0)
    }

    static func run(_ prefix: [String], _ folio: Folio, _ arguments: [String]) throws -> Folio.Result {
        guard let tool = prefix.first else { return try folio.run(arguments) }
        return try ServeProcess.runTool(tool, Array(prefix.dropFirst()) + ["env", "HOME=\(folio.home.path)",
            "XDG_STATE_HOME=\(folio.home.appendingPathComponent("nobody-state").path)", "LANG=C.UTF-8", Folio.binary.path] + arguments,
            home: folio.home.path)
    }
}
