/// Work for a person, raised by the daily run when something changed on an account.
public struct Alert: Hashable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case healthDrop = "health-drop"
        case usageDrop = "usage-drop"
        case usageSurge = "usage-surge"
        case criticalCases = "critical-cases"
        case sponsorLeft = "sponsor-left"
        case detractor
        case paymentOverdue = "payment-overdue"
        case goneDark = "gone-dark"
        case checkinOverdue = "checkin-overdue"
    }

    public enum Severity: String, CaseIterable, Sendable, Codable, Comparable {
        case info, amber, orange, red

        public static func < (a: Severity, b: Severity) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public enum State: String, CaseIterable, Sendable, Codable {
        case open, acknowledged, snoozed, resolved
    }

    public enum Outcome: String, CaseIterable, Sendable, Codable {
        case recovered, saved, churned, noAction = "no-action", falsePositive = "false-positive"
    }

    public var id: Int64?
    public var accountID: String
    public var kind: Kind
    public var severity: Severity
    /// The signal and its magnitude, in words a CSM can act on.
    public var reason: String
    public var raisedAt: Day
    public var dueBy: Day
    public var recipients: [String]
    public var state: State
    public var acknowledgedBy: String?
    public var acknowledgedAt: Day?
    public var snoozedUntil: Day?
    public var resolvedBy: String?
    public var resolvedAt: Day?
    public var outcome: Outcome?
    /// Raised for an account in the control group: recorded, routed to no one.
    public var shadow: Bool

    public init(id: Int64? = nil, accountID: String, kind: Kind, severity: Severity, reason: String,
                raisedAt: Day, dueBy: Day, recipients: [String], state: State = .open,
                acknowledgedBy: String? = nil, acknowledgedAt: Day? = nil, snoozedUntil: Day? = nil,
                resolvedBy: String? = nil, resolvedAt: Day? = nil, outcome: Outcome? = nil, shadow: Bool = false) {
        self.id = id
        self.accountID = accountID
        self.kind = kind
        self.severity = severity
        self.reason = reason
        self.raisedAt = raisedAt
        self.dueBy = dueBy
        self.recipients = recipients
        self.state = state
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.snoozedUntil = snoozedUntil
        self.resolvedBy = resolvedBy
        self.resolvedAt = resolvedAt
        self.outcome = outcome
        self.shadow = shadow
    }

    public var isOpen: Bool { state != .resolved }
}
