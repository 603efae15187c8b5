import FolioDomain
import Foundation
import GRDB

/// What the health history holds and how long it keeps it (`folio history`).
public struct HistoryStatus: Sendable, Equatable {
    public var retention: HistoryRetention
    /// Days with snapshots, oldest first.
    public var days: [Day]
    /// Of `days`, those inside the daily window on the as-of day (every run's snapshots).
    public var dailyDays: Int
    public var snapshots: Int
    /// The blocks' size in the file.
    public var bytes: Int
    /// Accounts with a history key.
    public var accounts: Int

    public static func load(asOf: Day, in db: Database) throws -> HistoryStatus {
        let retention = try HistoryThinning.retention(in: db)
        let days = try HealthHistory.days(in: db)
        var snapshots = 0, bytes = 0
        for row in try Row.fetchAll(db, sql: "SELECT scores, length(scores) + length(measures) FROM snapshot_block") {
            snapshots += try SnapshotBlock.decodeScores([UInt8](row[0] as Data)).count { $0 != nil }
            bytes += row[1] as Int
        }
        let from = retention.dailyFrom(asOf: asOf)
        return HistoryStatus(retention: retention, days: days, dailyDays: days.count { $0 >= from && $0 <= asOf }, snapshots: snapshots,
                             bytes: bytes, accounts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshot_key") ?? 0)
    }

    /// Only those who answer for the whole book's records may shorten them.
    public static func mayChangeRetention(_ user: User) -> Bool { user.role == .manager || user.role == .vp }

    /// Sets how long the history is kept (applied by the next daily run), with an audit entry.
    /// Throws `HistoryRetentionRefusal` when the numbers are out of bounds or `user` may not.
    public static func setRetention(_ retention: HistoryRetention, by user: User, at: Int64, in db: Database) throws {
        guard mayChangeRetention(user) else { throw HistoryRetentionRefusal.notAllowed(user.login) }
        if let problem = retention.problem { throw HistoryRetentionRefusal.invalid(problem) }
        let before = try HistoryThinning.retention(in: db)
        guard before != retention else { return }
        try HistoryThinning.store(retention, in: db)
        try AuditTrail.record(AuditEntry(actor: user.login, at: at, action: "history.retention", subject: "health history",
                                         before: try AuditTrail.json(before), after: try AuditTrail.json(retention)), in: db)
    }
}

public enum HistoryRetentionRefusal: Error, CustomStringConvertible {
    case notAllowed(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .notAllowed(let login): "\(login) may not change how long the history is kept: only a manager or a VP may"
        case .invalid(let problem): problem
        }
    }
}
