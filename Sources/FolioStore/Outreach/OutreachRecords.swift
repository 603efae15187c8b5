import FolioDomain
import GRDB

// Recovery sequences and their emails as stored in `sequence_enrolment` and `outbox_message`
// (migration v6-sequences).

extension SequenceEnrolment: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "sequence_enrolment"

    public enum Columns {
        public static let id = Column("id"), accountID = Column("account_id"), contactID = Column("contact_id")
        public static let sequence = Column("sequence"), alertID = Column("alert_id"), startedOn = Column("started_on")
        public static let startedAt = Column("started_at"), startedBy = Column("started_by"), triggerBand = Column("trigger_band")
        public static let state = Column("state"), stopReason = Column("stop_reason"), stoppedAt = Column("stopped_at")
        public static let stoppedBy = Column("stopped_by")
    }

    public init(row: Row) throws {
        let r = RecordRow(row, table: "sequence_enrolment", key: "\(row["id"] ?? "")")
        self.init(id: try r.optional(Columns.id), accountID: try r.value(Columns.accountID),
                  contactID: try r.optional(Columns.contactID), sequence: try r.value(Columns.sequence),
                  alertID: try r.optional(Columns.alertID), startedOn: try r.value(Columns.startedOn),
                  startedAt: try r.value(Columns.startedAt), startedBy: try r.value(Columns.startedBy),
                  triggerBand: try r.optional(Columns.triggerBand), state: try r.value(Columns.state),
                  stopReason: try r.optional(Columns.stopReason), stoppedAt: try r.optional(Columns.stoppedAt),
                  stoppedBy: try r.optional(Columns.stoppedBy))
    }

    /// The stop kind (`stop_kind`) is written by `SequenceStops` alongside the state.
    public func encode(to container: inout PersistenceContainer) throws {
        container[Columns.id] = id
        container[Columns.accountID] = accountID
        container[Columns.contactID] = contactID
        container[Columns.sequence] = sequence
        container[Columns.alertID] = alertID
        container[Columns.startedOn] = startedOn
        container[Columns.startedAt] = startedAt
        container[Columns.startedBy] = startedBy
        container[Columns.triggerBand] = triggerBand
        container[Columns.state] = state
        container[Columns.stopReason] = stopReason
        container[Columns.stoppedAt] = stoppedAt
        container[Columns.stoppedBy] = stoppedBy
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    static func find(id: Int64, in db: Database) throws -> SequenceEnrolment? {
        try SequenceEnrolment.fetchOne(db.cachedStatement(sql: "SELECT * FROM sequence_enrolment WHERE id = ?"), arguments: [id])
    }

    /// The account's running sequence, if any (at most one: `sequence_enrolment_one_active`).
    static func active(on accountID: String, in db: Database) throws -> SequenceEnrolment? {
        try SequenceEnrolment.fetchOne(db.cachedStatement(sql: "SELECT * FROM sequence_enrolment WHERE account_id = ? AND state = 'active'"),
                                       arguments: [accountID])
    }
}

extension OutboxMessage: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outbox_message"

    public enum Columns {
        public static let id = Column("id"), enrolmentID = Column("enrolment_id"), accountID = Column("account_id")
        public static let contactID = Column("contact_id"), toName = Column("to_name"), to = Column("to_address")
        public static let fromName = Column("from_name"), from = Column("from_address"), subject = Column("subject")
        public static let body = Column("body"), state = Column("state"), scheduledAt = Column("scheduled_at")
        public static let sequence = Column("sequence"), step = Column("step"), messageID = Column("message_id")
        public static let createdAt = Column("created_at"), approvedBy = Column("approved_by"), approvedAt = Column("approved_at")
        public static let sentAt = Column("sent_at"), transport = Column("transport"), attempts = Column("attempts")
        public static let nextAttemptAt = Column("next_attempt_at"), lastError = Column("last_error")
        public static let claimedAt = Column("claimed_at"), claimedBy = Column("claimed_by")
        public static let cancelledBy = Column("cancelled_by"), cancelReason = Column("cancel_reason")
    }

    public init(row: Row) throws {
        let r = RecordRow(row, table: "outbox_message", key: "\(row["id"] ?? "")")
        self.init(id: try r.optional(Columns.id), enrolmentID: try r.optional(Columns.enrolmentID),
                  accountID: try r.value(Columns.accountID), contactID: try r.value(Columns.contactID),
                  toName: try r.value(Columns.toName), to: try r.value(Columns.to),
                  fromName: try r.value(Columns.fromName), from: try r.value(Columns.from),
                  subject: try r.value(Columns.subject), body: try r.value(Columns.body),
                  state: try r.value(Columns.state), scheduledAt: try r.value(Columns.scheduledAt),
                  sequence: try r.value(Columns.sequence), step: try r.value(Columns.step),
                  messageID: try r.value(Columns.messageID), createdAt: try r.value(Columns.createdAt))
        approvedBy = try r.optional(Columns.approvedBy)
        approvedAt = try r.optional(Columns.approvedAt)
        sentAt = try r.optional(Columns.sentAt)
        transport = try r.optional(Columns.transport)
        attempts = try r.value(Columns.attempts)
        nextAttemptAt = try r.optional(Columns.nextAttemptAt)
        lastError = try r.optional(Columns.lastError)
        claimedAt = try r.optional(Columns.claimedAt)
        claimedBy = try r.optional(Columns.claimedBy)
        cancelledBy = try r.optional(Columns.cancelledBy)
        cancelReason = try r.optional(Columns.cancelReason)
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container[Columns.id] = id
        container[Columns.enrolmentID] = enrolmentID
        container[Columns.accountID] = accountID
        container[Columns.contactID] = contactID
        container[Columns.toName] = toName
        container[Columns.to] = to
        container[Columns.fromName] = fromName
        container[Columns.from] = from
        container[Columns.subject] = subject
        container[Columns.body] = body
        container[Columns.state] = state
        container[Columns.scheduledAt] = scheduledAt
        container[Columns.sequence] = sequence
        container[Columns.step] = step
        container[Columns.messageID] = messageID
        container[Columns.createdAt] = createdAt
        container[Columns.approvedBy] = approvedBy
        container[Columns.approvedAt] = approvedAt
        container[Columns.sentAt] = sentAt
        container[Columns.transport] = transport
        container[Columns.attempts] = attempts
        container[Columns.nextAttemptAt] = nextAttemptAt
        container[Columns.lastError] = lastError
        container[Columns.claimedAt] = claimedAt
        container[Columns.claimedBy] = claimedBy
        container[Columns.cancelledBy] = cancelledBy
        container[Columns.cancelReason] = cancelReason
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    static func find(id: Int64, in db: Database) throws -> OutboxMessage? {
        try OutboxMessage.fetchOne(db.cachedStatement(sql: "SELECT * FROM outbox_message WHERE id = ?"), arguments: [id])
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
