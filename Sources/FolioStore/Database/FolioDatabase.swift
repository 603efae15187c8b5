import Foundation
import GRDB

/// The shared Folio database: one SQLite file in WAL mode that several processes
/// (CSMs over SSH, a cron job running the daily tick) open at once.
public final class FolioDatabase: Sendable {
    public let path: String
    public let pool: DatabasePool

    /// How long a writer waits for another process's write to finish before giving up.
    public static let busyTimeout: TimeInterval = 10

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String, readonly: Bool = false, busyTimeout: TimeInterval = FolioDatabase.busyTimeout) throws(StoreError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        if !readonly {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError.cannotCreateFolder(folder, reason: error.localizedDescription)
            }
        }
        if FileManager.default.fileExists(atPath: path) {
            try Self.checkIsSQLite(path)
            if !readonly && !Self.isWritable(path) {
                throw StoreError.readOnlyFile(path)
            }
        } else if readonly {
            throw StoreError.missing(path)
        }

        var config = Configuration()
        config.foreignKeysEnabled = true
        config.readonly = readonly
        config.busyMode = .timeout(busyTimeout)
        config.label = "folio"
        do {
            pool = try DatabasePool(path: path, configuration: config)
            if !readonly {
                try Migrations.migrator.migrate(pool)
            } else if try pool.read({ try !Migrations.migrator.hasCompletedMigrations($0) }) {
                throw StoreError.outdatedSchema(path)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(error, path: path)
        }
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

    /// Writable by us, and not marked read-only: a file with no write permission for anyone
    /// is treated as read-only even by root, who could otherwise write to it anyway.
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
