import Foundation
import GRDB
import Testing
@testable import FolioStore

@Suite("Database file")
struct DatabaseTests {
    @Test func createsItsFolderAndMigrates() throws {
        let scratch = Scratch()
        let path = scratch.path("deep/er/folio.db")
        let db = try FolioDatabase(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let (hasTable, journal, foreignKeys) = try db.read { db throws -> (Bool, String?, Bool?) in
            (try db.tableExists("account"), try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(hasTable)
        #expect(journal == "wal")
        #expect(foreignKeys == true)
        #expect(try db.isEmpty())
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        let scratch = Scratch()
        let path = scratch.write("notes.db", "these are my notes, not a database\n")
        #expect(throws: StoreError.notADatabase(path)) { try FolioDatabase(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "these are my notes, not a database\n")
        #expect(StoreError.notADatabase(path).description.contains("is not a Folio database"))
    }

    @Test func aReadOnlyFileIsRefusedForWriting() throws {
        let scratch = Scratch()
        let path = scratch.path("folio.db")
        let db = try FolioDatabase(path: path)
        _ = try importer(db)(Portfolio.write(to: scratch))
        let before = try db.dump()
        try db.pool.writeWithoutTransaction { _ = try $0.checkpoint(.truncate) }
        chmod(path, 0o444)
        defer { chmod(path, 0o644) }
        #expect(throws: StoreError.readOnlyFile(path)) { try FolioDatabase(path: path) }
        // Reading it still works.
        let reader = try FolioDatabase(path: path, readonly: true)
        #expect(try reader.count("account") == 3)
        chmod(path, 0o644)
        #expect(try FolioDatabase(path: path).dump() == before)
    }

    @Test func readingNeverCreatesAFileOrAFolder() throws {
        let scratch = Scratch()
        let path = scratch.path("typo/deeper/folio.db")
        #expect(throws: StoreError.missing(path)) { try FolioDatabase(path: path, readonly: true) }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("typo")))
    }

    /// A file and folder nobody may write (root included): read as an immutable file, with
    /// nothing written beside it, and refused for writing.
    @Test func aReadOnlyFileInAReadOnlyFolderIsReadWithoutWritingBesideIt() throws {
        let scratch = Scratch()
        let folder = scratch.path("shared")
        let path = scratch.path("shared/folio.db")
        do {
            let db = try FolioDatabase(path: path)
            _ = try importer(db)(Portfolio.write(to: scratch))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["folio.db"])
        chmod(path, 0o444)
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755); chmod(path, 0o644) }
        let reader = try FolioDatabase(path: path, readonly: true)
        #expect(reader.readOnlyReason == .readOnlyFile(path))
        #expect(try reader.count("account") == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["folio.db"], "nothing written beside it")
        #expect(throws: StoreError.readOnlyFile(path)) { try FolioDatabase(path: path) }
    }

    /// Changes still in the write-ahead log of a file nobody may write: refused with why, not read stale.
    @Test func aReadOnlyFileWithChangesInItsLogIsNotReadStale() throws {
        let scratch = Scratch()
        let path = scratch.path("folio.db")
        let db = try FolioDatabase(path: path)
        let files = Portfolio.write(to: scratch)
        // The first import writes the new file itself (a rollback journal); the next goes through the log.
        _ = try importer(db)(files)
        _ = try importer(db)(files)
        // A copy taken while the log still holds the import (no checkpoint yet), without its -shm.
        let folder = scratch.path("copy")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let copy = folder + "/folio.db"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        #expect(((try FileManager.default.attributesOfItem(atPath: copy + "-wal"))[.size] as? Int ?? 0) > 0)
        chmod(copy, 0o444)
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755); chmod(copy, 0o644) }
        #expect(throws: StoreError.pendingLog(copy)) { try FolioDatabase(path: copy, readonly: true) }
        #expect(StoreError.pendingLog(copy).description.contains("changes are still waiting in \(copy)-wal"))
    }

    /// A migration this build does not know (a newer Folio added it): no write, reading goes on.
    @Test func aDatabaseANewerFolioChangedIsReadButNeverWritten() throws {
        let scratch = Scratch()
        let path = scratch.path("folio.db")
        do {
            let db = try FolioDatabase(path: path)
            _ = try importer(db)(Portfolio.write(to: scratch))
            try db.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        }
        let refusal = StoreError.newerSchema(path, unknown: ["v99-from-the-future"])
        #expect(throws: refusal) { try FolioDatabase(path: path) }
        #expect(refusal.description.contains("its schema has v99-from-the-future, which this Folio (schema up to \(Migrations.migrator.migrations.last!)) does not know"))
        let reader = try FolioDatabase(path: path, readonly: true)
        #expect(reader.readOnlyReason == refusal)
        #expect(try reader.count("account") == 3)
        // A newer schema that lacks one of this build's own changes cannot be read safely either.
        try reader.pool.writeWithoutTransaction { try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v6-sequences'") }
        #expect(throws: refusal) { try FolioDatabase(path: path, readonly: true) }
    }

    @Test func aLongWriterInAnotherConnectionGivesAClearMessage() throws {
        let scratch = Scratch()
        let path = scratch.path("folio.db")
        let db = try FolioDatabase(path: path)
        let paths = Portfolio.write(to: scratch)
        // A long writer (another process, say) holds the write lock until released.
        let other = try FolioDatabase(path: path)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? other.write { db in
                try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('x', 'y')")
                holding.signal()
                release.wait()
                throw CancellationError() // roll back
            }
            done.signal()
        }
        holding.wait()
        let impatient = try FolioDatabase(path: path, busyTimeout: 0.2)
        #expect(throws: StoreError.locked(path)) {
            try PortfolioImporter(database: impatient).run(paths: paths, options: .init(actor: "t", at: 0))
        }
        release.signal()
        done.wait()
        #expect(try db.count("account") == 0)
        _ = try importer(db)(paths)
        #expect(try db.count("account") == 3)
        #expect(StoreError.locked(path).description.contains("locked by another process"))
    }

    @Test func severalProcessesShareTheFile() throws {
        let scratch = Scratch()
        let path = scratch.path("folio.db")
        let a = try FolioDatabase(path: path)
        let b = try FolioDatabase(path: path)
        _ = try importer(a)(Portfolio.write(to: scratch))
        #expect(try b.count("account") == 3)
    }
}
