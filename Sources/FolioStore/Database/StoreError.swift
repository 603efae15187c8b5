import Foundation
import GRDB

/// What can go wrong opening or using the database, in words a user can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotCreateFolder(String, reason: String)
    case notADatabase(String)
    case unreadable(String)
    case readOnlyFile(String)
    case missing(String)
    case outdatedSchema(String)
    /// Schema changes (migration names) this build does not know: a newer Folio wrote the file.
    case newerSchema(String, unknown: [String])
    /// A read-only file whose write-ahead log still holds changes.
    case pendingLog(String)
    case locked(String)
    case sqlite(String, message: String)

    init(_ error: any Error, path: String) {
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_NOTADB: self = .notADatabase(path)
            case .SQLITE_BUSY, .SQLITE_LOCKED: self = .locked(path)
            case .SQLITE_READONLY, .SQLITE_PERM: self = .readOnlyFile(path)
            default: self = .sqlite(path, message: e.message ?? "\(e.resultCode)")
            }
        } else {
            self = .sqlite(path, message: "\(error)")
        }
    }

    public var description: String {
        switch self {
        case let .cannotCreateFolder(folder, reason):
            return "cannot create the database folder \(folder): \(reason)"
        case let .notADatabase(path):
            return "\(path) is not a Folio database (it is not an SQLite file); choose another path with --db"
        case let .unreadable(path):
            return "cannot read \(path): permission denied"
        case let .readOnlyFile(path):
            return "\(path) is read-only (or its folder is): Folio needs to write to it; check its permissions or use --db"
        case let .missing(path):
            return "no database at \(path); run `folio demo` or `folio import` first"
        case let .outdatedSchema(path):
            return "\(path) was made by an older Folio and is read-only here; open it once with a Folio that may write to it, to upgrade it"
        case let .newerSchema(path, unknown):
            return "\(path) was changed by a newer Folio: its schema has \(unknown.joined(separator: ", ")), which this Folio "
                + "(schema up to \(Migrations.migrator.migrations.last ?? "none")) does not know; change it only with a Folio whose schema has "
                + "\(unknown.count == 1 ? "it" : "them"). Reading it with this one still works"
        case let .pendingLog(path):
            return "\(path) and its folder are read-only, and changes are still waiting in \(path)-wal, which only a writer can fold in: "
                + "ask its owner to open it once with Folio, or make the folder writable"
        case let .locked(path):
            return "\(path) is locked by another process that is writing (waited \(Int(FolioDatabase.busyTimeout)) s); try again when it is done"
        case let .sqlite(path, message):
            return "\(path): \(message)"
        }
    }
}
