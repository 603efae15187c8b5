import FolioDomain
import GRDB

extension SequenceEnrolment: FetchableRecord {
    public init(row: Row) throws {
        self.init(id: row["id"], accountID: row["account_id"], contactID: row["contact_id"], sequence: row["sequence"],
                  alertID: row["alert_id"], startedOn: row.day("started_on") ?? Day(ordinal: 0), startedAt: row["started_at"],
                  startedBy: row["started_by"], triggerBand: row["trigger_band"], state: State(rawValue: row["state"]) ?? .stopped,
                  stopReason: row["stop_reason"], stoppedAt: row["stopped_at"], stoppedBy: row["stopped_by"])
    }

    mutating func insert(in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO sequence_enrolment (account_id, contact_id, sequence, alert_id, started_on, started_at, started_by,
                trigger_band, state, stop_reason, stopped_at, stopped_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [accountID, contactID, sequence, alertID, startedOn.iso, startedAt, startedBy, triggerBand,
                             state.rawValue, stopReason, stoppedAt, stoppedBy])
        id = db.lastInsertedRowID
    }
}

extension OutboxMessage: FetchableRecord {
    public init(row: Row) throws {
        self.init(id: row["id"], enrolmentID: row["enrolment_id"], accountID: row["account_id"], contactID: row["contact_id"],
                  toName: row["to_name"], to: row["to_address"], fromName: row["from_name"], from: row["from_address"],
                  subject: row["subject"], body: row["body"], state: State(rawValue: row["state"]) ?? .failed,
                  scheduledAt: row["scheduled_at"], sequence: row["sequence"], step: row["step"], messageID: row["message_id"],
                  createdAt: row["created_at"])
        approvedBy = row["approved_by"]
        approvedAt = row["approved_at"]
        sentAt = row["sent_at"]
        transport = row["transport"]
        attempts = row["attempts"]
        nextAttemptAt = row["next_attempt_at"]
        lastError = row["last_error"]
        claimedAt = row["claimed_at"]
        claimedBy = row["claimed_by"]
        cancelledBy = row["cancelled_by"]
        cancelReason = row["cancel_reason"]
    }

    mutating func insert(in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO outbox_message (enrolment_id, account_id, contact_id, to_name, to_address, from_name, from_address,
                subject, body, state, scheduled_at, sequence, step, message_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [enrolmentID, accountID, contactID, toName, to, fromName, from, subject, body, state.rawValue,
                             scheduledAt, sequence, step, messageID, createdAt])
        id = db.lastInsertedRowID
    }

    /// Writes the fields that change after creation.
    func update(in db: Database) throws {
        guard let id else { return }
        try db.execute(sql: """
            UPDATE outbox_message SET state = ?, scheduled_at = ?, approved_by = ?, approved_at = ?, sent_at = ?, transport = ?,
                attempts = ?, next_attempt_at = ?, last_error = ?, claimed_at = ?, claimed_by = ?, cancelled_by = ?, cancel_reason = ?
            WHERE id = ?
            """, arguments: [state.rawValue, scheduledAt, approvedBy, approvedAt, sentAt, transport, attempts, nextAttemptAt,
                             lastError, claimedAt, claimedBy, cancelledBy, cancelReason, id])
    }

    /// What the audit trail keeps of a message before and after a person's change.
    var auditText: String {
        struct Audit: Encodable {
            var state: String, scheduledAt: Int64, approvedBy: String?, cancelledBy: String?, cancelReason: String?, attempts: Int
        }
        return (try? AuditTrail.json(Audit(state: state.rawValue, scheduledAt: scheduledAt, approvedBy: approvedBy,
                                           cancelledBy: cancelledBy, cancelReason: cancelReason, attempts: attempts))) ?? "{}"
    }

    /// The email as it leaves, dated when it is handed over.
    public func mail(at date: Int64) -> MailMessage {
        MailMessage(fromName: fromName, from: from, toName: toName, to: to, subject: subject, body: body, messageID: messageID,
                    date: date, extra: [("X-Folio-Message", String(id ?? 0)), ("X-Folio-Sequence", "\(sequence) step \(step)")])
    }
}
