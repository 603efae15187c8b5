/// An account enrolled in a recovery sequence, addressed to one contact.
public struct SequenceEnrolment: Hashable, Sendable, Codable {
    public enum State: String, CaseIterable, Sendable, Codable {
        /// Steps are still to come.
        case active
        /// Every step was sent.
        case completed
        /// A stop condition (a reply, a meeting, recovery, opt-out, churn, a person) ended it.
        case stopped
        /// It never started: nobody at the account may be written to.
        case skipped
    }

    public var id: Int64?
    public var accountID: String
    /// Nil when skipped for want of a contact.
    public var contactID: String?
    /// The sequence's name in the sequences file (`product-optimization`…).
    public var sequence: String
    /// The alert that caused it; the first email waits until 24 h after it was raised.
    public var alertID: Int64?
    public var startedOn: Day
    public var startedAt: Int64
    /// `folio` for the daily run, else the login of the person who started it.
    public var startedBy: String
    /// The band the account was in when it started: recovering out of it stops the sequence.
    /// Internal only: never part of a template's context.
    public var triggerBand: String?
    public var state: State
    /// Why it stopped: a reply, a meeting, recovery, opt-out, churn, a person.
    public var stopReason: String?
    public var stoppedAt: Int64?
    public var stoppedBy: String?

    public init(id: Int64? = nil, accountID: String, contactID: String?, sequence: String, alertID: Int64?,
                startedOn: Day, startedAt: Int64, startedBy: String, triggerBand: String? = nil, state: State = .active,
                stopReason: String? = nil, stoppedAt: Int64? = nil, stoppedBy: String? = nil) {
        self.id = id
        self.accountID = accountID
        self.contactID = contactID
        self.sequence = sequence
        self.alertID = alertID
        self.startedOn = startedOn
        self.startedAt = startedAt
        self.startedBy = startedBy
        self.triggerBand = triggerBand
        self.state = state
        self.stopReason = stopReason
        self.stoppedAt = stoppedAt
        self.stoppedBy = stoppedBy
    }
}

/// One customer email, from draft to sent.
public struct OutboxMessage: Hashable, Sendable, Codable {
    public enum State: String, CaseIterable, Sendable, Codable {
        /// Written for a person to review (enterprise accounts); sent only once approved.
        case draft
        /// Waiting for its time; a person can still cancel it.
        case scheduled
        /// Claimed by a delivery run that is handing it over right now.
        case sending
        /// A delivery run stopped while handing it over: it may or may not have left, so a
        /// person checks the mail log and retries or cancels it. Never resent blindly.
        case unconfirmed
        case sent
        case cancelled
        /// Delivery failed too many times.
        case failed

        /// Still to be sent or decided on.
        public var isPending: Bool { [.draft, .scheduled, .sending, .unconfirmed].contains(self) }
    }

    public var id: Int64?
    public var enrolmentID: Int64?
    public var accountID: String
    public var contactID: String
    public var toName: String
    public var to: String
    public var fromName: String
    public var from: String
    public var subject: String
    public var body: String
    public var state: State
    /// Seconds since 1970 (UTC) when it may be sent.
    public var scheduledAt: Int64
    public var sequence: String
    /// 1-based.
    public var step: Int
    /// Kept from creation so a retry after a failure carries the same Message-ID.
    public var messageID: String
    public var createdAt: Int64
    public var approvedBy: String?
    public var approvedAt: Int64?
    public var sentAt: Int64?
    /// How the message left: `sendmail`, `maildir`, `demo`.
    public var transport: String?
    public var attempts: Int
    public var nextAttemptAt: Int64?
    public var lastError: String?
    public var claimedAt: Int64?
    public var claimedBy: String?
    public var cancelledBy: String?
    public var cancelReason: String?

    public init(id: Int64? = nil, enrolmentID: Int64?, accountID: String, contactID: String, toName: String, to: String,
                fromName: String, from: String, subject: String, body: String, state: State, scheduledAt: Int64,
                sequence: String, step: Int, messageID: String, createdAt: Int64) {
        self.id = id
        self.enrolmentID = enrolmentID
        self.accountID = accountID
        self.contactID = contactID
        self.toName = toName
        self.to = to
        self.fromName = fromName
        self.from = from
        self.subject = subject
        self.body = body
        self.state = state
        self.scheduledAt = scheduledAt
        self.sequence = sequence
        self.step = step
        self.messageID = messageID
        self.createdAt = createdAt
        attempts = 0
    }
}
