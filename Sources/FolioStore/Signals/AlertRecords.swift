import FolioDomain
import Foundation
import GRDB

extension Alert: FetchableRecord {
    public init(row: Row) throws {
        let recipients: String = row["recipients"]
        self.init(id: row["id"], accountID: row["account_id"], kind: Kind(rawValue: row["kind"]) ?? .healthDrop,
                  severity: Severity(rawValue: row["severity"]) ?? .amber, reason: row["reason"],
                  raisedOn: row.day("raised_on") ?? Day(ordinal: 0), raisedAt: row["raised_at"], dueBy: row["due_by"],
                  recipients: recipients.split(separator: ";").map(String.init),
                  state: State(rawValue: row["state"]) ?? .open,
                  acknowledgedBy: row["acknowledged_by"], acknowledgedAt: row["acknowledged_at"],
                  snoozedUntil: row.day("snoozed_until"), snoozeReason: row["snooze_reason"],
                  resolvedBy: row["resolved_by"], resolvedAt: row["resolved_at"],
                  outcome: (row["outcome"] as String?).flatMap(Outcome.init(rawValue:)), note: row["note"],
                  shadow: row["shadow"])
    }
}

extension Alert {
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

    /// Writes every column but the id back.
    func update(in db: Database) throws {
        guard let id else { return }
        try db.cachedStatement(sql: """
            UPDATE alert SET severity = ?, reason = ?, due_by = ?, recipients = ?, state = ?, acknowledged_by = ?,
                acknowledged_at = ?, snoozed_until = ?, snooze_reason = ?, resolved_by = ?, resolved_at = ?, outcome = ?, note = ?
            WHERE id = ?
            """).execute(arguments: [severity.rawValue, reason, dueBy, recipients.joined(separator: ";"), state.rawValue, acknowledgedBy,
                             acknowledgedAt, snoozedUntil?.iso, snoozeReason, resolvedBy, resolvedAt, outcome?.rawValue, note, id])
    }

    /// Stores a new alert and sets its id.
    mutating func insert(in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO alert (account_id, kind, severity, reason, raised_on, raised_at, due_by, recipients, state, shadow)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [accountID, kind.rawValue, severity.rawValue, reason, raisedOn.iso, raisedAt, dueBy,
                             recipients.joined(separator: ";"), state.rawValue, shadow])
        id = db.lastInsertedRowID
    }
}

/// The trail of an alert's transitions.
enum AlertEvents {
    static func record(_ action: String, alert: Int64, actor: String, at: Int64, before: Alert?, after: Alert?, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO alert_event (alert_id, at, actor, action, before, after) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [alert, at, actor, action, before?.auditText, after?.auditText])
    }
}
