import FolioDomain
import Foundation
import GRDB

// Alerts as stored in `alert`, their recipients in `alert_recipient` (one row per login, in
// routing order: migration v7-alert-recipients) and their trail in `alert_event`.

extension Alert: FetchableRecord, TableRecord {
    public static let databaseTableName = "alert"

    public enum Columns {
        public static let id = Column("id"), accountID = Column("account_id"), kind = Column("kind"), severity = Column("severity")
        public static let reason = Column("reason"), raisedOn = Column("raised_on"), raisedAt = Column("raised_at"), dueBy = Column("due_by")
        public static let state = Column("state"), acknowledgedBy = Column("acknowledged_by"), acknowledgedAt = Column("acknowledged_at")
        public static let snoozedUntil = Column("snoozed_until"), snoozeReason = Column("snooze_reason"), resolvedBy = Column("resolved_by")
        public static let resolvedAt = Column("resolved_at"), outcome = Column("outcome"), note = Column("note"), shadow = Column("shadow")
    }

    /// The alert's own row; its recipients are rows of their own, read by `withRecipients`.
    public init(row: Row) throws {
        let r = RecordRow(row, table: "alert", key: "\(row["id"] ?? "")")
        self.init(id: try r.optional(Columns.id), accountID: try r.value(Columns.accountID),
                  kind: try r.value(Columns.kind), severity: try r.value(Columns.severity),
                  reason: try r.value(Columns.reason), raisedOn: try r.value(Columns.raisedOn),
                  raisedAt: try r.value(Columns.raisedAt), dueBy: try r.value(Columns.dueBy),
                  recipients: [], state: try r.value(Columns.state),
                  acknowledgedBy: try r.optional(Columns.acknowledgedBy),
                  acknowledgedAt: try r.optional(Columns.acknowledgedAt),
                  snoozedUntil: try r.optional(Columns.snoozedUntil), snoozeReason: try r.optional(Columns.snoozeReason),
                  resolvedBy: try r.optional(Columns.resolvedBy), resolvedAt: try r.optional(Columns.resolvedAt),
                  outcome: try r.optional(Columns.outcome), note: try r.optional(Columns.note),
                  shadow: try r.value(Columns.shadow))
    }

    /// The alert of this id, with its recipients.
    static func find(id: Int64, in db: Database) throws -> Alert? {
        try Alert.fetchOne(db.cachedStatement(sql: "SELECT * FROM alert WHERE id = ?"), arguments: [id]).map { try $0.routed(in: db) }
    }

    /// The same alert with its recipients read.
    func routed(in db: Database) throws -> Alert {
        guard let id else { return self }
        var alert = self
        alert.recipients = try AlertRecipients.logins(of: id, in: db)
        return alert
    }

    /// Stores a new alert and its recipients, and sets its id. (The daily run raises thousands
    /// on a first run: one cached statement, not a request built per alert.)
    mutating func raise(in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO alert (account_id, kind, severity, reason, raised_on, raised_at, due_by, state, shadow)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [accountID, kind, severity, reason, raisedOn, raisedAt, dueBy, state, shadow])
        id = db.lastInsertedRowID
        try AlertRecipients.write(recipients, of: db.lastInsertedRowID, in: db)
    }

    /// Writes a transition: every column but the id and what raised it, and the recipients
    /// when they changed since `before`.
    func save(from before: Alert, in db: Database) throws {
        guard let id else { return }
        try db.cachedStatement(sql: """
            UPDATE alert SET severity = ?, reason = ?, due_by = ?, state = ?, acknowledged_by = ?, acknowledged_at = ?,
                snoozed_until = ?, snooze_reason = ?, resolved_by = ?, resolved_at = ?, outcome = ?, note = ?
            WHERE id = ?
            """).execute(arguments: [severity, reason, dueBy, state, acknowledgedBy, acknowledgedAt, snoozedUntil, snoozeReason,
                                     resolvedBy, resolvedAt, outcome, note, id])
        if recipients != before.recipients { try AlertRecipients.write(recipients, of: id, replacing: true, in: db) }
    }

    /// What the audit trail keeps of an alert before and after a transition.
    var auditText: String {
        struct Audit: Encodable {
            var state: String, severity: String, dueBy: Int64, recipients: [String]
            var acknowledgedBy: String?, acknowledgedAt: Int64?, snoozedUntil: String?, snoozeReason: String?
            var resolvedBy: String?, resolvedAt: Int64?, outcome: String?, note: String?
        }
        let audit = Audit(state: state.rawValue, severity: severity.rawValue, dueBy: dueBy, recipients: recipients,
                          acknowledgedBy: acknowledgedBy, acknowledgedAt: acknowledgedAt, snoozedUntil: snoozedUntil?.iso,
                          snoozeReason: snoozeReason, resolvedBy: resolvedBy, resolvedAt: resolvedAt,
                          outcome: outcome?.rawValue, note: note)
        return (try? AuditTrail.json(audit)) ?? "{}"
    }
}

extension [Alert] {
    /// The same alerts, each with its recipients in routing order (one query per 500 alerts).
    func withRecipients(in db: Database) throws -> [Alert] {
        let logins = try AlertRecipients.logins(of: compactMap(\.id), in: db)
        return map { alert in
            var alert = alert
            alert.recipients = alert.id.flatMap { logins[$0] } ?? []
            return alert
        }
    }
}

/// Who an alert is routed to: one row per login, in routing order.
enum AlertRecipients {
    static func write(_ logins: [String], of alert: Int64, replacing: Bool = false, in db: Database) throws {
        if replacing { try db.execute(sql: "DELETE FROM alert_recipient WHERE alert_id = ?", arguments: [alert]) }
        let insert = try db.cachedStatement(sql: "INSERT INTO alert_recipient (alert_id, position, login) VALUES (?, ?, ?)")
        for (position, login) in logins.enumerated() { try insert.execute(arguments: [alert, position, login]) }
    }

    /// One alert's recipients, in routing order.
    static func logins(of alert: Int64, in db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT login FROM alert_recipient WHERE alert_id = ? ORDER BY position"), arguments: [alert])
    }

    /// The recipients of each of `alerts`, in routing order.
    static func logins(of alerts: [Int64], in db: Database) throws -> [Int64: [String]] {
        var out: [Int64: [String]] = [:]
        var start = 0
        while start < alerts.count {
            let chunk = alerts[start..<Swift.min(start + 500, alerts.count)]
            let request: SQLRequest<Row> = "SELECT alert_id, login FROM alert_recipient WHERE alert_id IN \(Array(chunk)) ORDER BY alert_id, position"
            let rows = try request.fetchCursor(db)
            while let row = try rows.next() { out[row[0], default: []].append(row[1]) }
            start += 500
        }
        return out
    }
}

/// The trail of an alert's transitions.
enum AlertEvents {
    static func record(_ action: String, alert: Int64, actor: String, at: Int64, before: Alert?, after: Alert?, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO alert_event (alert_id, at, actor, action, before, after) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [alert, at, actor, action, before?.auditText, after?.auditText])
    }
}
