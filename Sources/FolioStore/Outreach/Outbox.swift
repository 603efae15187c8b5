import FolioDomain
import GRDB

/// A message as the outbox list shows it.
public struct OutboxListing: Sendable {
    public var message: OutboxMessage
    public var accountName: String
    public var owner: String
    public var tier: Account.Tier
    /// Steps of its sequence, when known.
    public var steps: Int?
}

/// The outbox for people (`folio outbox`, the interface's view 6): listing what the user
/// may see, approving drafts, cancelling what has not gone, retrying what a person has
/// checked. Each change is checked and audited in one transaction.
public struct Outbox: Sendable {
    public let planner: SequencePlanner

    public init(library: SequenceLibrary) { planner = SequencePlanner(library: library) }

    /// Pending messages first (by when they go), then the rest newest first; `all` adds sent
    /// and cancelled ones.
    public static func list(for user: User, scope: PortfolioScope, all: Bool = false, in db: Database) throws -> [OutboxListing] {
        let states: SQL = all ? "1" : "m.state IN ('draft', 'scheduled', 'sending', 'unconfirmed', 'failed')"
        let request: SQLRequest<Row> = """
            SELECT m.*, a.name AS account_name, a.owner AS account_owner, a.tier AS account_tier
            FROM outbox_message m JOIN account a ON a.id = m.account_id
            WHERE \(states) AND \(try scope.accountFilter(for: user, in: db))
            ORDER BY m.state NOT IN ('draft', 'scheduled', 'sending', 'unconfirmed'), 
                     CASE WHEN m.state IN ('draft', 'scheduled', 'sending', 'unconfirmed') THEN m.scheduled_at ELSE -COALESCE(m.sent_at, m.scheduled_at) END,
                     m.id
            """
        return try Row.fetchAll(db, request).map { row in
            OutboxListing(message: try OutboxMessage(row: row), accountName: try row.decode(forColumn: "account_name"),
                          owner: try row.decode(forColumn: "account_owner"), tier: try row.decode(forColumn: "account_tier"), steps: nil)
        }
    }

    public static func message(_ id: Int64, in db: Database) throws -> OutboxMessage? {
        try OutboxMessage.find(id: id, in: db)
    }

    public enum Change: Sendable {
        case approve
        case cancel(reason: String?)
        /// Back to scheduled after a person checked an unconfirmed or failed delivery.
        case retry

        var verb: String {
            switch self {
            case .approve: "approve"
            case .cancel: "cancel"
            case .retry: "retry"
            }
        }
    }

    /// Changes one message as `user`. Approving schedules a draft for its time (or the next
    /// working hour); cancelling a sequence's email stops the sequence.
    @discardableResult
    public func perform(_ change: Change, on id: Int64, by user: User, now: Int64, in database: FolioDatabase) throws -> OutboxMessage {
        let result: Result<OutboxMessage, OutreachFailure> = try database.write { db in
            guard var message = try Self.message(id, in: db),
                  let account = try Account.find(id: message.accountID, in: db) else {
                return .failure(.notFound("no message \(id) in the outbox"))
            }
            if let why = try SequenceDesk.refusal(of: user, for: account, in: db) { return .failure(.notAllowed(why)) }
            let before = message
            let state = message.state
            switch change {
            case .approve:
                guard state == .draft else { return .failure(.conflict("message \(id) is \(Self.describe(message)), not a draft")) }
                message.state = .scheduled
                message.approvedBy = user.login
                message.approvedAt = now
                message.scheduledAt = try planner.sendTime(atOrAfter: max(now, message.scheduledAt), account: account,
                                                           contactID: message.contactID, excluding: id, in: db)
            case .cancel(let reason):
                guard [.draft, .scheduled, .unconfirmed, .failed].contains(state) else {
                    return .failure(.conflict("message \(id) is \(Self.describe(message)); only a draft, a scheduled, an unconfirmed or a failed message can be cancelled"))
                }
                message.state = .cancelled
                message.cancelledBy = user.login
                message.cancelReason = reason ?? "cancelled by \(user.login)"
            case .retry:
                guard state == .unconfirmed || state == .failed else {
                    return .failure(.conflict("message \(id) is \(Self.describe(message)); only an unconfirmed or failed message is retried"))
                }
                message.state = .scheduled
                message.attempts = 0
                message.nextAttemptAt = nil
                message.claimedAt = nil
                message.claimedBy = nil
            }
            try message.update(db)
            if case .cancel(let reason) = change, let enrolment = message.enrolmentID,
               let e = try SequenceEnrolment.find(id: enrolment, in: db),
               e.state == .active {
                try SequenceStops.stop(e, .person(login: user.login, reason: reason ?? "email \(id) cancelled"), by: user.login, at: now, in: db)
            }
            try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "outbox.\(change.verb)", subject: "message \(id)",
                                             before: before.auditText, after: message.auditText), in: db)
            return .success(message)
        }
        return try result.get()
    }

    /// "sent at 2026-11-24 14:00 UTC", "cancelled by chen.wei", "a draft".
    public static func describe(_ m: OutboxMessage) -> String {
        switch m.state {
        case .draft: return "a draft"
        case .scheduled: return "scheduled"
        case .sending: return "being sent right now"
        case .unconfirmed: return "unconfirmed (a delivery was interrupted)"
        case .sent: return "already sent" + (m.sentAt.map { " at \(Moment(seconds: $0).utc)" } ?? "")
        case .cancelled: return "cancelled" + (m.cancelledBy.map { " by \($0)" } ?? "")
        case .failed: return "failed"
        }
    }
}
