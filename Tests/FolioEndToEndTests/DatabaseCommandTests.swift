import Foundation
import Testing

/// `folio db backup` and `folio db check` (README, "Operations") on real files, with a
/// writer at work, a damaged page and a schema from a newer Folio. Python's sqlite3 reads
/// and damages the files from outside.
@Suite("folio db")
struct DatabaseCommandTests {
    static var hasPython: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") }

    /// Runs Python's sqlite3 on `path`: `script` sees `db` (a connection) and prints its answer.
    func python(_ path: String, _ script: String) throws -> String {
        let program = "import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\n" + script
        let result = try ServeProcess.runTool("/usr/bin/python3", ["-c", program, path], home: "/tmp")
        #expect(result.status == 0, "python: \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func notes(in path: String) throws -> Int {
        Int(try python(path, "print(db.execute(\"SELECT COUNT(*) FROM activity WHERE summary LIKE 'backup test %'\").fetchone()[0])")) ?? -1
    }

    @Test(.enabled(if: hasPython)) func backupsTakenWhileSomeoneWritesAreWholeAndConsistent() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let folder = folio.home.appendingPathComponent("backups")
        let writes = 12
        let writer = DispatchGroup()
        nonisolated(unsafe) var failedWrites: [String] = []
        writer.enter()
        DispatchQueue.global().async {
            for n in 1...writes {
                let result = try? folio.run("log", "ACC-0081", "--type", "note", "--summary", "backup test \(n)", "--user", "chen.wei")
                if result?.status != 0 { failedWrites.append(result?.stderr ?? "did not run") }
            }
            writer.leave()
        }
        var backups: [String] = []
        while writer.wait(timeout: .now()) == .timedOut || backups.count < 3 {
            let backup = try folio.run("db", "backup", folder.path + "/", "--json")
            #expect(backup.status == 0, "folio db backup: \(backup.stderr)")
            let result = try #require(try JSONSerialization.jsonObject(with: Data(backup.stdout.utf8)) as? [String: Any])
            backups.append(try #require(result["path"] as? String))
            // Names are to the second: the next backup waits for a new one.
            usleep(1_050_000)
        }
        #expect(failedWrites.isEmpty, "the writer was never blocked: \(failedWrites)")
        var previous = 0
        for backup in backups {
            let check = try folio.run("db", "check", "--db", backup)
            #expect(check.status == 0 && check.stdout.contains("healthy"), "\(backup): \(check.stdout)")
            // Each backup is one moment: a whole number of the writer's notes, never fewer than the last one saw.
            let count = try notes(in: backup)
            #expect(count >= previous && count <= writes)
            previous = count
            // A single file (rollback journal mode in its header), private to its owner.
            let header = try #require(FileManager.default.contents(atPath: backup)).prefix(20)
            #expect(header[18] == 1 && header[19] == 1, "not in WAL mode")
            #expect(!FileManager.default.fileExists(atPath: backup + "-wal"))
            #expect(try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int == 0o600)
        }
        #expect(try notes(in: folio.databasePath) == writes)
    }

    @Test func aBackupNeverOverwritesAndKeepsOnlyTheNewest() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let file = folio.home.appendingPathComponent("copy.db").path
        #expect(try folio.run("db", "backup", file).status == 0)
        let again = try folio.run("db", "backup", file)
        #expect(again.status == 1 && again.stderr.contains("\(file) already exists; use --force to replace it"))
        #expect(try folio.run("db", "backup", file, "--force").status == 0)
        let itself = try folio.run("db", "backup", folio.databasePath, "--force")
        #expect(itself.status == 1 && itself.stderr.contains("is the database itself"))
        let notAFolder = try folio.run("db", "backup", file, "--keep", "2")
        #expect(notAFolder.status == 2 && notAFolder.stderr.contains("--keep needs a folder"))

        // Older backups by their names; another database's and other files are not touched.
        let folder = folio.home.appendingPathComponent("nightly")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let older = ["folio-20240101-000000.db", "folio-20250101-000000.db", "folio-20260101-000000.db", "other-20200101-000000.db", "notes.txt"]
        for name in older { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data("x".utf8)) }
        let kept = try folio.run("db", "backup", folder.path, "--keep", "2")
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.contains("removed 2 older backups: folio-20250101-000000.db, folio-20240101-000000.db"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left.count == 4 && left.contains("folio-20260101-000000.db") && left.contains("other-20200101-000000.db") && left.contains("notes.txt"))
        #expect(left.contains { $0.hasPrefix("folio-20") && $0 != "folio-20260101-000000.db" })
        // Nothing half written is left beside the backups.
        #expect(!left.contains { $0.hasPrefix(".") })
    }

    @Test(.enabled(if: hasPython)) func checkFindsDamageAndASchemaFromANewerFolio() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let healthy = try folio.run("db", "check", "--json")
        #expect(healthy.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(healthy.stdout.utf8)) as? [String: Any])
        #expect(report["healthy"] as? Bool == true)
        #expect((report["tables"] as? [String: Int])?["account"] == 180)
        #expect((report["schema"] as? [String: Any])?["pending"] as? [String] == [])
        #expect((report["lastDailyRun"] as? [String: Any])?["date"] as? String == "2026-11-23")

        // A migration this build does not know: a newer Folio wrote the file.
        let newer = folio.home.appendingPathComponent("newer.db").path
        #expect(try folio.run("db", "backup", newer).status == 0)
        let known = try python(newer, "print(db.execute(\"SELECT COUNT(*) FROM grdb_migrations\").fetchone()[0])")
        _ = try python(newer, "db.execute(\"INSERT INTO grdb_migrations VALUES ('v99-from-the-future')\"); db.commit()")
        let future = try folio.run("db", "check", "--db", newer)
        #expect(future.status == 1)
        #expect(future.stdout.contains("made by a newer Folio: migrations this build does not know (v99-from-the-future)"))
        #expect(try python(newer, "print(db.execute(\"SELECT COUNT(*) FROM grdb_migrations\").fetchone()[0])") == String((Int(known) ?? 0) + 1), "nothing applied or removed")

        // A damaged index page: SQLite's integrity check finds it.
        let damaged = folio.home.appendingPathComponent("damaged.db").path
        #expect(try folio.run("db", "backup", damaged).status == 0)
        let page = try #require(Int(try python(damaged, "print(db.execute(\"SELECT rootpage FROM sqlite_master WHERE name = 'account_owner'\").fetchone()[0])")))
        let handle = try #require(FileHandle(forUpdatingAtPath: damaged))
        try handle.seek(toOffset: UInt64((page - 1) * 4096 + 3496))
        try handle.write(contentsOf: Data(repeating: 0, count: 500))
        try handle.close()
        let broken = try folio.run("db", "check", "--db", damaged)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("missing from index account_owner"))
        #expect(broken.stdout.contains("restore the newest backup") && broken.stdout.hasSuffix("NOT HEALTHY\n"))
    }

    @Test func checkChangesNothingAndNeedsNoWriteAccess() throws {
        let folio = Folio()
        defer { folio.remove() }
        let missing = try folio.run("db", "check")
        #expect(missing.status == 1 && missing.stderr.contains("no database at \(folio.databasePath)"))
        #expect(!FileManager.default.fileExists(atPath: folio.databasePath), "a check creates nothing")
        #expect(try folio.run("demo").status == 0)
        let readOnly = folio.home.appendingPathComponent("read-only.db").path
        #expect(try folio.run("db", "backup", readOnly).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: readOnly)
        let before = try #require(FileManager.default.contents(atPath: readOnly))
        let check = try folio.run("db", "check", "--quick", "--db", readOnly)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("integrity   ok (quick check)"))
        #expect(FileManager.default.contents(atPath: readOnly) == before)
    }
}
