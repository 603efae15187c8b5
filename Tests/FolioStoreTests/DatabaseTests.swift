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
