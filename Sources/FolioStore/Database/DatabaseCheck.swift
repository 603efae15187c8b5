import Foundation
import GRDB

/// `folio db check`: is the file sound (SQLite's integrity and foreign-key checks), which
/// schema it has against the one this build knows, how big it is, how many rows each table
/// holds and when the daily run last ran. Opens the file read-only and changes nothing (no
/// migration is applied), so it is safe beside running writers and on a newer database.
public struct DatabaseCheck: Sendable, Encodable {
    public struct Schema: Sendable, Encodable {
        /// The last migration applied that this build knows (nil on an empty file).
        public var version: String?
        public var applied: Int
        public var known: Int
        /// Known migrations not yet applied: the next command that writes applies them.
        public var pending: [String]
        /// Applied migrations this build does not know: a newer Folio wrote the file.
        public var unknown: [String]
    }

    public struct Sizes: Sendable, Encodable {
        public var fileBytes: Int64
        public var walBytes: Int64
        public var pageSize: Int
        public var pages: Int
        public var freePages: Int
    }

    public struct TableRows: Sendable, Encodable {
        public var table: String
        public var rows: Int
    }

    public struct DailyRun: Sendable, Encodable {
        public var date: String
        /// When it ran, seconds since 1970 UTC.
        public var ranAt: Int64
    }

    public var path: String
    /// `quick` (PRAGMA quick_check) or `full` (PRAGMA integrity_check).
    public var integrityCheck: String
    /// SQLite's findings; empty when the file is sound.
    public var integrityProblems: [String]
    public var foreignKeyProblems: Int
    public var schema: Schema
    public var sizes: Sizes
    public var tables: [TableRows]
    public var lastDailyRun: DailyRun?
    public var seconds: Double

    /// What is wrong, in words; empty when the database is healthy.
    public var problems: [String] {
        var problems = integrityProblems.map { "integrity: \($0)" }
        if foreignKeyProblems > 0 { problems.append("\(foreignKeyProblems) rows point at rows that are not there (PRAGMA foreign_key_check)") }
        if !schema.unknown.isEmpty {
            problems.append("made by a newer Folio: migrations this build does not know (\(schema.unknown.joined(separator: ", "))); use that Folio or a newer one")
        }
        return problems
    }

    public var isHealthy: Bool { problems.isEmpty }

    /// At most this many of SQLite's integrity messages are kept.
    static let maximumIntegrityMessages = 20

    public static func run(path: String, quick: Bool) throws(StoreError) -> DatabaseCheck {
        let started = Date()
        let queue = try openReadOnly(path)
        do {
            return try queue.read { db in
                let pragma = quick ? "quick_check" : "integrity_check"
                let findings = try String.fetchAll(db, sql: "PRAGMA \(pragma)(\(maximumIntegrityMessages))")
                let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
                let applied = try Migrations.migrator.appliedIdentifiers(db)
                let known = Migrations.migrator.migrations
                let schema = Schema(version: known.last { applied.contains($0) }, applied: applied.count, known: known.count,
                                    pending: known.filter { !applied.contains($0) }, unknown: applied.filter { !known.contains($0) }.sorted())
                let sizes = Sizes(fileBytes: fileSize(path), walBytes: fileSize(path + "-wal"),
                                  pageSize: try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0,
                                  pages: try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0,
                                  freePages: try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0)
                let names = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name
                    """)
                let tables = try names.map { name in
                    TableRows(table: name, rows: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(name.quotedDatabaseIdentifier)") ?? 0)
                }
                var lastRun: DailyRun?
                if names.contains("engine_run"), let row = try Row.fetchOne(db, sql: "SELECT date, ran_at FROM engine_run ORDER BY date DESC LIMIT 1") {
                    lastRun = DailyRun(date: row["date"], ranAt: row["ran_at"])
                }
                return DatabaseCheck(path: path, integrityCheck: quick ? "quick" : "full",
                                     integrityProblems: findings == ["ok"] ? [] : findings, foreignKeyProblems: foreignKeys,
                                     schema: schema, sizes: sizes, tables: tables, lastDailyRun: lastRun,
                                     seconds: Date().timeIntervalSince(started))
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// The file as it is: read-only, no migration, the usual wait for a writer's lock.
    static func openReadOnly(_ path: String) throws(StoreError) -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missing(path) }
        try FolioDatabase.checkIsSQLite(path)
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(FolioDatabase.busyTimeout)
        config.label = "folio-maintenance"
        do {
            return try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}
