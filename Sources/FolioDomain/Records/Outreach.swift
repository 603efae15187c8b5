/// An account enrolled in a recovery sequence, addressed to one contact.
public struct SequenceEnrolment: Hashable, Sendable, Codable {
    public enum State: String, CaseIterable, Sendable, Codable {
        case active, completed, stopped
    }

    public var id: Int64?
    public var accountID: String
    public var contactID: String
    /// The sequence's name in the sequences file (`product-optimization`…).
    public var sequence: String
    /// The alert that caused it; the first email waits until 24 h after it was raised.
    public var alertID: Int64?
    public var startedAt: Day
    public var state: State
    /// Why it stopped: a reply, a meeting, recovery, opt-out, churn, a person.
    public var stopReason: String?

    public init(id: Int64? = nil, accountID: String, contactID: String, sequence: String, alertID: Int64?,
                startedAt: Day, state: State = .active, stopReason: String? = nil) {
        self.id = id
        self.accountID = accountID
        self.contactID = contactID
        self.sequence = sequence
        self.alertID = alertID
        self.startedAt = startedAt
        self.state = state
        self.stopReason = stopReason
    }
}

/// One customer email, from draft to sent.
public struct OutboxMessage: Hashable, Sendable, Codable {
    public enum State: String, CaseIterable, Sendable, Codable {
        case draft, scheduled, sent, cancelled, failed
    }

    public var id: Int64?
    public var enrolmentID: Int64?
    public var accountID: String
    public var contactID: String
    public var to: String
    public var subject: String
    public var body: String
    public var state: State
    /// Seconds since 1970 (UTC) when it may be sent.
    public var scheduledAt: Int64
    public var sequence: String
    public var step: Int

    public init(id: Int64? = nil, enrolmentID: Int64?, accountID: String, contactID: String, to: String,
                subject: String, body: String, state: State, scheduledAt: Int64, sequence: String, step: Int) {
        self.id = id
        self.enrolmentID = enrolmentID
        self.accountID = accountID
        self.contactID = contactID
        self.to = to
        self.subject = subject
        self.body = body
        self.state = state
        self.scheduledAt = scheduledAt
        self.sequence = sequence
        self.step = step
    }
}
