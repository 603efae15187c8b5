import Foundation
import GRDB

/// The shared Folio database: one SQLite file in WAL mode that several processes
/// (CSMs over SSH, a cron job running the daily tick) open at once.
public final class FolioDatabase: Sendable {
    public let path: String
    public let pool: DatabasePool

    /// How long a writer waits for another process's write to finish before giving up.
    public static let busyTimeout: TimeInterval = 10
    /// How often a writer kept waiting tries again.
    static let busyPoll: TimeInterval = 0.002

    /// Why this process may only read the database (nil: it may write): the file or its
    /// folder is read-only, or a newer Folio changed the schema.
    public let readOnlyReason: StoreError?
    public var isReadOnly: Bool { readOnlyReason != nil }

    /// Opens the database at `path`.
    ///
    /// For writing (`readonly: false`): creates the file and its folders when missing, brings
    /// the schema up to date, and refuses a read-only file or a schema a newer Folio wrote.
    /// For reading (`readonly: true`): never creates anything; a file this process cannot
    /// write is opened read-only (immutable when its folder is read-only too, so nothing is
    /// written beside it), and a newer schema is read as long as every change this build
    /// knows is there.
    public init(path: String, readonly: Bool = false, busyTimeout: TimeInterval = FolioDatabase.busyTimeout) throws(StoreError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let exists = FileManager.default.fileExists(atPath: path)
        if exists {
            try Self.checkIsSQLite(path)
        } else if readonly {
            throw StoreError.missing(path)
        } else {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError.cannotCreateFolder(folder, reason: error.localizedDescription)
            }
        }
        let writable = !exists || (Self.isWritable(path) && Self.isWritable(folder))
        if !readonly && !writable { throw StoreError.readOnlyFile(path) }

        var config = Configuration()
        config.foreignKeysEnabled = true
        config.readonly = !writable
        // Polled often rather than SQLite's backing-off sleeps (up to 100 ms): the daily run
        // lets writers in for a few milliseconds between its short transactions (`WriteWindow`).
        let polls = Int(busyTimeout / Self.busyPoll)
        config.busyMode = .callback { tries in
            guard tries < polls else { return false }
            usleep(useconds_t(Self.busyPoll * 1_000_000))
            return true
        }
        config.label = "folio"
        do {
            pool = try Self.openPool(path: path, folder: folder, writable: writable, configuration: config)
            let migrator = Migrations.migrator
            let (superseded, complete, unknown) = try pool.read { db in
                (try migrator.hasBeenSuperseded(db), try migrator.completedMigrations(db) == migrator.migrations,
                 try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted())
            }
            if superseded {
                // Reading goes on only where every table this build reads is there.
                guard readonly, complete else { throw StoreError.newerSchema(path, unknown: unknown) }
                readOnlyReason = .newerSchema(path, unknown: unknown)
            } else if writable {
                try migrator.migrate(pool)
                readOnlyReason = nil
            } else if !complete {
                throw StoreError.outdatedSchema(path)
            } else {
                readOnlyReason = .readOnlyFile(path)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// A pool on the file; read-only when this process may not write it. SQLite keeps a
    /// WAL database's shared memory in `PATH-shm`: in a read-only folder without one, the
    /// file is opened immutable (nothing written, no locks), unless changes are still
    /// waiting in `PATH-wal`, which only a writer can fold back in.
    private static func openPool(path: String, folder: String, writable: Bool, configuration: Configuration) throws -> DatabasePool {
        let fm = FileManager.default
        guard !writable, !isWritable(folder), !fm.fileExists(atPath: path + "-shm") else {
            return try DatabasePool(path: path, configuration: configuration)
        }
        let wal = (try? fm.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        if wal > 0 { throw StoreError.pendingLog(path) }
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        return try DatabasePool(path: "file:\(encoded)?immutable=1", configuration: configuration)
    }

    /// Reads the first 16 bytes: an SQLite file starts with "SQLite format 3\0"; an empty
    /// file is a new database.
    static func checkIsSQLite(_ path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.unreadable(path)
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }
        if header != Data("SQLite format 3\u{0}".utf8) {
            throw StoreError.notADatabase(path)
        }
    }

    /// Writable by us, and not marked read-only: a file (or folder) with no write permission
    /// for anyone is treated as read-only even by root, who could otherwise write to it anyway.
    static func isWritable(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & 0o222 != 0 && FileManager.default.isWritableFile(atPath: path)
    }

    /// Runs `body` in one write transaction: all of it lands, or none of it.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        } catch let error as RowDecodingError {
            throw StoreError.sqlite(path, message: "a stored value cannot be read: \(error)")
        }
    }

    /// Runs `body` on the writer connection, outside any transaction, with a rollback journal
    /// in place of the WAL when no other connection has the file open.
    ///
    /// For filling a new database: the WAL takes every new page and later copies it into the
    /// file (a checkpoint), where a rollback journal keeps only the pages that were there
    /// before, so new ones are written once. The switch needs the file to itself: SQLite
    /// refuses it at once when another connection has it open, and `body` then runs in WAL
    /// as always. While it runs, other processes cannot open the file (they wait, up to the
    /// busy timeout). A commit, a rollback and a crash keep their meaning: the journal holds
    /// the pages as they were, and whoever opens the file next puts them back.
    func writeJournaled<T>(_ body: (Database) throws -> T) throws -> T {
        // This process's idle readers keep the file open too.
        pool.invalidateReadOnlyConnections()
        return try pool.writeWithoutTransaction { db in
            guard (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete" else {
                return try body(db)
            }
            // GRDB's NORMAL is safe in WAL only; a rollback journal is synced before the file is written.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            defer {
                // Back to WAL; if another process got in first, its own opening does it.
                _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                try? db.execute(sql: "PRAGMA synchronous = NORMAL")
                // A read opens the log again, so this process's read-only connections find it.
                _ = try? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
            }
            return try body(db)
        }
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        } catch let error as RowDecodingError {
            throw StoreError.sqlite(path, message: "a stored value cannot be read: \(error)")
        }
    }

    /// True when nothing has been imported yet.
    public func isEmpty() throws -> Bool {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") ?? 0 } == 0
    }
}
