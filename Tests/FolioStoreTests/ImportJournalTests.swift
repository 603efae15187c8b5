import Foundation
import GRDB
import Testing
@testable import FolioStore

/// A first import into a new database goes through a rollback journal instead of the WAL
/// (`FolioDatabase.writeJournaled`) only while nobody else has the file open, and stays all
/// or nothing either way.
@Suite("Import journal")
struct ImportJournalTests {
    /// Users and a few thousand accounts; `refused` puts a bad tier in the last row.
    static func files(_ scratch: Scratch, refused: Bool = false) -> [String] {
        var accounts = "id,name,tier,owner,ae,arr,contract_start,renewal_date,seats,timezone,opt_out,status\n"
        for i in 1...5_000 {
            accounts += "X\(i),Account \(i),\(refused && i == 5_000 ? "huge" : "smb"),ana,,9000,2026-01-01,2027-01-01,,,,\n"
        }
        return [scratch.write("users.csv", Portfolio.users + "\n"), scratch.write("accounts.csv", accounts)]
    }

    static func journalMode(_ db: Database) throws -> String? { try String.fetchOne(db, sql: "PRAGMA journal_mode") }

    @Test func aloneTheWriterUsesARollbackJournalThenReturnsToWAL() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        #expect(try db.count("account") == 0) // a reader was opened, and is let go
        let inside = try db.writeJournaled { try Self.journalMode($0) }
        #expect(inside == "delete")
        #expect(try db.read(Self.journalMode) == "wal")
        #expect(!FileManager.default.fileExists(atPath: db.path + "-journal"))
    }

    @Test func whileAnotherConnectionHasTheFileOpenTheWriterStaysInWAL() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        let other = try scratch.database()
        #expect(try other.count("account") == 0)
        #expect(try db.writeJournaled { try Self.journalMode($0) } == "wal")
        #expect(try other.read(Self.journalMode) == "wal")
    }

    @Test func aFirstImportLandsWholeAndTheDatabaseIsBackInWAL() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Self.files(scratch))
        #expect(try db.read(Self.journalMode) == "wal")
        #expect(!FileManager.default.fileExists(atPath: db.path + "-journal"))
        #expect(try db.count("account") == 5_000)
        // Another opening (another process would do the same) reads it all.
        #expect(try scratch.database().count("account") == 5_000)
    }

    @Test func aRefusedFirstImportLeavesTheNewDatabaseEmpty() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        let problems = failures(scratch) { try importer(db)(Self.files(scratch, refused: true)) }
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("accounts.csv:5001:") == true)
        #expect(try db.count("user") == 0)
        #expect(try db.count("account") == 0)
        #expect(try db.read(Self.journalMode) == "wal")
        #expect(try db.read { try String.fetchOne($0, sql: "PRAGMA quick_check") } == "ok")
    }
}
