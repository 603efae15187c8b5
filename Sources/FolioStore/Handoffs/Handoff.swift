import FolioDomain
import GRDB

/// Work handed from one person to another: an account reassigned (`alertID` nil, `from`
/// its CSM before) or an alert handed over, with the note for the receiver. The receiver
/// is shown it once (`seenAt`); the audit trail keeps the change itself.
public struct Handoff: Sendable, Hashable {
    public var id: Int64?
    public var at: Int64
    public var by: String
    public var to: String
    /// The CSM an account was taken from.
    public var from: String?
    public var accountID: String
    public var alertID: Int64?
    public var note: String
    public var seenAt: Int64?

    public init(id: Int64? = nil, at: Int64, by: String, to: String, from: String? = nil, accountID: String, alertID: Int64? = nil,
                note: String, seenAt: Int64? = nil) {
        self.id = id
        self.at = at
        self.by = by
        self.to = to
        self.from = from
        self.accountID = accountID
        self.alertID = alertID
        self.note = note
        self.seenAt = seenAt
    }

    /// For the receiver: "marta.novak handed you alert 12 on ACC-0003: call them Monday".
    public var sentence: String {
        let what = alertID.map { "handed you alert \($0) on \(accountID)" } ?? "gave you \(accountID)\(from.map { " (was \($0)'s)" } ?? "")"
        return "\(by) \(what)" + (note.isEmpty ? "" : ": \(note)")
    }

    func record(in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO handoff (at, by_login, to_login, from_login, account_id, alert_id, note) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [at, by, to, from, accountID, alertID, note])
    }

    init(row: Row) throws {
        let r = RecordRow(row, table: "handoff", key: "\(row["id"] ?? "")")
        self.init(id: try r.optional(Column("id")), at: try r.value(Column("at")), by: try r.value(Column("by_login")),
                  to: try r.value(Column("to_login")), from: try r.optional(Column("from_login")),
                  accountID: try r.value(Column("account_id")), alertID: try r.optional(Column("alert_id")),
                  note: try r.value(Column("note")), seenAt: try r.optional(Column("seen_at")))
    }
}

/// What was handed to a person, and marking it shown.
public enum Handoffs {
    /// Those handed to `login` not yet shown to them, oldest first.
    public static func unseen(by login: String, in db: Database) throws -> [Handoff] {
        try Row.fetchAll(db, sql: "SELECT * FROM handoff WHERE to_login = ? AND seen_at IS NULL ORDER BY id", arguments: [login])
            .map(Handoff.init(row:))
    }

    /// The latest handed to `login` (seen or not), newest first.
    public static func recent(to login: String, limit: Int = 20, in db: Database) throws -> [Handoff] {
        try Row.fetchAll(db, sql: "SELECT * FROM handoff WHERE to_login = ? ORDER BY id DESC LIMIT ?", arguments: [login, limit])
            .map(Handoff.init(row:))
    }

    /// Reads those not yet shown to `login` and marks them shown at `now`, in one transaction
    /// (two sessions of the same person: one shows each).
    public static func takeUnseen(by login: String, at now: Int64, in database: FolioDatabase) throws -> [Handoff] {
        try database.write { db in
            let handoffs = try unseen(by: login, in: db)
            if !handoffs.isEmpty {
                try db.execute(sql: "UPDATE handoff SET seen_at = ? WHERE to_login = ? AND seen_at IS NULL", arguments: [now, login])
            }
            return handoffs
        }
    }
}
