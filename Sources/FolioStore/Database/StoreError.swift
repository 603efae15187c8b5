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
            return "\(path) was made by an older Folio; open it once without --readonly to upgrade it"
        case let .locked(path):
            return "\(path) is locked by another process that is writing (waited \(Int(FolioDatabase.busyTimeout)) s); try again when it is done"
        case let .sqlite(path, message):
            return "\(path): \(message)"
        }
    }
}
