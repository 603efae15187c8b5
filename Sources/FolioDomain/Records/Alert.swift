/// Work for a person, raised by the daily run when something changed on an account.
/// Times are seconds since 1970 (UTC): SLAs run in hours, not days.
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

        /// Words for people: "health drop", "check-in overdue".
        public var title: String {
            switch self {
            case .healthDrop: "health drop"
            case .usageDrop: "usage drop"
            case .usageSurge: "usage surge"
            case .criticalCases: "critical cases"
            case .sponsorLeft: "sponsor left"
            case .detractor: "detractor"
            case .paymentOverdue: "payment overdue"
            case .goneDark: "gone dark"
            case .checkinOverdue: "check-in overdue"
            }
        }
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
    /// The engine's day that raised it.
    public var raisedOn: Day
    public var raisedAt: Int64
    public var dueBy: Int64
    /// Logins; empty for a shadow alert.
    public var recipients: [String]
    public var state: State
    public var acknowledgedBy: String?
    public var acknowledgedAt: Int64?
    public var snoozedUntil: Day?
    public var snoozeReason: String?
    /// What else ends the snooze before its day (nil: only the day).
    public var snoozeWake: SnoozeWake?
    public var resolvedBy: String?
    public var resolvedAt: Int64?
    public var outcome: Outcome?
    public var note: String?
    /// Raised for an account in the control group: recorded, routed to no one.
    public var shadow: Bool

    public init(id: Int64? = nil, accountID: String, kind: Kind, severity: Severity, reason: String,
                raisedOn: Day, raisedAt: Int64, dueBy: Int64, recipients: [String], state: State = .open,
                acknowledgedBy: String? = nil, acknowledgedAt: Int64? = nil, snoozedUntil: Day? = nil,
                snoozeReason: String? = nil, resolvedBy: String? = nil, resolvedAt: Int64? = nil,
                outcome: Outcome? = nil, note: String? = nil, shadow: Bool = false, snoozeWake: SnoozeWake? = nil) {
        self.snoozeWake = snoozeWake
        self.id = id
        self.accountID = accountID
        self.kind = kind
        self.severity = severity
        self.reason = reason
        self.raisedOn = raisedOn
        self.raisedAt = raisedAt
        self.dueBy = dueBy
        self.recipients = recipients
        self.state = state
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.snoozedUntil = snoozedUntil
        self.snoozeReason = snoozeReason
        self.resolvedBy = resolvedBy
        self.resolvedAt = resolvedAt
        self.outcome = outcome
        self.note = note
        self.shadow = shadow
    }

    public var isOpen: Bool { state != .resolved }

    /// Unacknowledged past its SLA: it shows in the manager's escalations.
    public func isOverdue(at now: Int64) -> Bool { state == .open && now > dueBy }
}
