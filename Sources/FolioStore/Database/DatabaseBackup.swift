import Foundation
import GRDB

/// `folio db backup`: a copy of the database through SQLite's online backup API, taken in
/// one read transaction, so it is one consistent moment even while others write (in WAL
/// mode they are never blocked by it). The copy is written beside its target, checked,
/// made a single file (no WAL) and renamed into place: a failed backup leaves nothing half
/// written under the target's name.
public enum DatabaseBackup {
    public struct Result: Sendable, Encodable {
        public var source: String
        public var path: String
        public var bytes: Int64
        public var pages: Int
        public var seconds: Double
        /// Older backups removed by `keep`.
        public var removed: [String]
    }

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Backs up `source` to `target`: a file, or a folder (existing, or named with a final
    /// `/`) in which the copy is named `STEM-YYYYMMDD-HHMMSS.db` (UTC); with a folder,
    /// `keep` removes all but the newest `keep` backups of this database there.
    public static func run(source: String, target: String, overwrite: Bool, keep: Int?, now: Date = Date()) throws -> Result {
        let started = Date()
        let fm = FileManager.default
        let destination = try destinationPath(source: source, target: target, now: now)
        let sourceURL = URL(fileURLWithPath: source).standardizedFileURL.resolvingSymlinksInPath()
        if URL(fileURLWithPath: destination).standardizedFileURL.resolvingSymlinksInPath() == sourceURL {
            throw Failure(description: "\(destination) is the database itself; back it up to another file")
        }
        if fm.fileExists(atPath: destination) && !overwrite {
            throw Failure(description: isFolder(target) ? "\(destination) already exists (a backup made this second); try again"
                                                        : "\(destination) already exists; use --force to replace it, or back up to a folder")
        }
        let folder = URL(fileURLWithPath: destination).deletingLastPathComponent()
        do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw StoreError.cannotCreateFolder(folder.path, reason: error.localizedDescription)
        }
        guard access(folder.path, W_OK) == 0 else { throw Failure(description: "cannot write to \(folder.path): permission denied") }

        let reader = try DatabaseCheck.openReadOnly(source)
        let partial = folder.appendingPathComponent(".\(URL(fileURLWithPath: destination).lastPathComponent).partial-\(getpid())").path
        removeFiles(at: partial)
        defer { removeFiles(at: partial) }
        // Customer data: the copy is the owner's alone.
        guard fm.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "cannot create \(partial)")
        }
        var pages = 0
        do {
            let copy = try DatabaseQueue(path: partial)
            try reader.backup(to: copy) { progress in pages = progress.totalPageCount }
            try copy.writeWithoutTransaction { db in
                // One self-contained file: a restore is a plain copy.
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                let check = try String.fetchAll(db, sql: "PRAGMA quick_check(5)")
                guard check == ["ok"] else {
                    throw Failure(description: "the copy failed its check (\(check.joined(separator: "; "))); \(destination) was not written")
                }
            }
            try copy.close()
            try reader.close()
        } catch let failure as Failure {
            throw failure
        } catch {
            throw StoreError(error, path: source)
        }
        try syncFile(partial)
        if rename(partial, destination) != 0 {
            throw Failure(description: "cannot move the backup to \(destination): \(String(cString: strerror(errno)))")
        }
        try? syncFile(folder.path)
        var removed: [String] = []
        if let keep, isFolder(target) {
            removed = try prune(folder: folder, source: source, keep: keep)
        }
        return Result(source: source, path: destination, bytes: DatabaseCheck.fileSize(destination), pages: pages,
                      seconds: Date().timeIntervalSince(started), removed: removed)
    }

    static func isFolder(_ target: String) -> Bool {
        var isDirectory: ObjCBool = false
        return target.hasSuffix("/") || (FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    /// The file a backup to `target` writes.
    static func destinationPath(source: String, target: String, now: Date) throws -> String {
        guard isFolder(target) else { return target }
        return URL(fileURLWithPath: target).appendingPathComponent(backupName(source: source, at: now)).path
    }

    /// `folio-20261123-053000.db` for `folio.db` at 05:30:00 UTC on 2026-11-23.
    static func backupName(source: String, at date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                           parts.tm_hour, parts.tm_min, parts.tm_sec)
        return "\(stem(of: source))-\(stamp).db"
    }

    static func stem(of source: String) -> String {
        URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
    }

    /// Removes all but the newest `keep` backups of `source` in `folder` (by the time in their names).
    static func prune(folder: URL, source: String, keep: Int) throws -> [String] {
        let prefix = stem(of: source) + "-"
        let pattern = /^\d{8}-\d{6}\.db$/
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix(prefix) && $0.dropFirst(prefix.count).wholeMatch(of: pattern) != nil }
            .sorted(by: >)
        var removed: [String] = []
        for name in names.dropFirst(max(keep, 1)) {
            let path = folder.appendingPathComponent(name).path
            removeFiles(at: path)
            removed.append(path)
        }
        return removed
    }

    /// The file and its journal, WAL and shared-memory companions.
    static func removeFiles(at path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// Makes the file's (or folder's) contents durable before the rename is relied on.
    static func syncFile(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot open \(path) to sync it: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Failure(description: "cannot sync \(path): \(String(cString: strerror(errno)))") }
    }
}
