/// What happened at the account, as the customer would see it: the branch of the
/// sequences (DESIGN §2.6) and its magnitude in plain words. Built from the alert and the
/// account's data; never from the score or the band.
public struct OutreachSignal: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case usageDecline = "usage-decline"
        case relationshipDecline = "relationship-decline"
        case usageSurge = "usage-surge"
        case detractor
        case onboardingTrouble = "onboarding-trouble"
    }

    public var kind: Kind
    /// One clause a template can put after "I noticed that": "your team's emails sent fell 42 % over the last four weeks".
    public var summary: String
    /// Whole percent of the change in key actions, unsigned; nil when not about usage.
    public var percent: Int?
    public var activeUsers: Int?
    public var seats: Int?
    public var featuresUsed: Int?
    public var featuresAvailable: Int?
    public var weeksSinceContact: Int?
    /// When the customer's NPS response came, `18 November`.
    public var feedbackDate: String?

    /// Whether an email may ever answer an alert of this kind (payment, support cases and a
    /// CSM's own check-in are for people): the daily run looks no further at the others.
    public static func mayAnswer(_ alert: Alert.Kind) -> Bool {
        switch alert {
        case .criticalCases, .paymentOverdue, .checkinOverdue: false
        case .usageDrop, .usageSurge, .detractor, .goneDark, .sponsorLeft, .healthDrop: true
        }
    }

    /// Which signal an alert is, or nil when it is for people, not for an email (payment,
    /// support cases, a CSM's own check-in, a drop driven by an overdue invoice).
    public static func kind(of facts: OutreachFacts) -> Kind? {
        guard mayAnswer(facts.alert) else { return nil }
        switch facts.alert {
        case .usageDrop: return facts.isOnboarding ? .onboardingTrouble : .usageDecline
        case .usageSurge: return .usageSurge
        case .detractor: return .detractor
        case .goneDark, .sponsorLeft: return .relationshipDecline
        case .healthDrop:
            if facts.isOnboarding { return .onboardingTrouble }
            switch facts.weakestGroup {
            case "usage activity", "product depth", "support": return .usageDecline
            case "relationship", "renewal proximity", "sentiment": return .relationshipDecline
            case nil: return facts.keyActionChange.map { $0 < 0 } == true ? .usageDecline : .relationshipDecline
            default: return nil
            }
        case .criticalCases, .paymentOverdue, .checkinOverdue: return nil
        }
    }

    /// The signal of these facts as the given kind (a person may pick another sequence than
    /// the one the alert suggests: the words follow what is actually known).
    public init(_ kind: Kind, facts: OutreachFacts, keyActions: String) {
        self.kind = kind
        summary = ""
        percent = nil
        let change = facts.keyActionChange.map { Int(abs($0).rounded()) }
        activeUsers = facts.activeUsers.map { Int($0.rounded()) }
        seats = facts.seats
        featuresUsed = facts.featuresUsed
        featuresAvailable = facts.featuresAvailable
        weeksSinceContact = facts.daysSinceContact.map { max(1, $0 / 7) }
        feedbackDate = facts.feedbackDate.map(Self.spoken)
        var seatsLine: String?
        if let used = activeUsers, let seats, seats > 0 { seatsLine = "\(used) of your \(seats) seats were in use over the last four weeks" }
        switch kind {
        case .usageDecline:
            if let change, let raw = facts.keyActionChange, raw < 0, change > 0 {
                percent = change
                summary = "your team's \(keyActions) fell \(change) % over the last four weeks, compared with the four before"
            } else {
                summary = seatsLine ?? "your team has been using \(keyActions.isEmpty ? "the product" : "it") less lately"
            }
        case .usageSurge:
            if let change, let raw = facts.keyActionChange, raw > 0 {
                percent = change
                summary = "your team's \(keyActions) grew \(change) % over the last four weeks, compared with the four before"
            } else {
                summary = "your team has been using it more and more"
            }
            if let used = activeUsers, let seats, used > seats {
                summary += ", and \(used) people are now active on \(seats) seats"
            }
        case .relationshipDecline:
            if let weeks = weeksSinceContact, weeks >= 2 {
                summary = "it has been \(weeks) weeks since we last spoke"
            } else {
                summary = "it has been a while since we properly caught up"
            }
        case .detractor:
            summary = feedbackDate.map { "you shared some candid feedback with us on \($0)" } ?? "you shared some candid feedback with us recently"
        case .onboardingTrouble:
            if let used = activeUsers, let seats, seats > 0 {
                summary = "\(used) of your \(seats) seats are up and running so far"
            } else if let f = featuresUsed, let of = featuresAvailable, of > 0 {
                summary = "your team is using \(f) of the \(of) features included in your plan so far"
            } else {
                summary = "your setup is not quite finished yet"
            }
        }
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    /// `18 November`.
    static func spoken(_ day: Day) -> String { "\(day.components.day) \(months[day.month - 1])" }
}

/// What is known of an account when an alert asks for a sequence; read by the store.
public struct OutreachFacts: Hashable, Sendable {
    public var alert: Alert.Kind
    /// In the first 90 days (DESIGN §2.5, onboarding).
    public var isOnboarding: Bool
    /// For a health drop: the group losing most points (effective weight × shortfall).
    public var weakestGroup: String?
    /// Percent change of key actions, last 4 weeks against the 4 before.
    public var keyActionChange: Double?
    /// Mean active users over the last 4 weeks.
    public var activeUsers: Double?
    public var seats: Int?
    public var featuresUsed: Int?
    public var featuresAvailable: Int?
    public var daysSinceContact: Int?
    public var feedbackDate: Day?

    public init(alert: Alert.Kind, isOnboarding: Bool = false, weakestGroup: String? = nil, keyActionChange: Double? = nil,
                activeUsers: Double? = nil, seats: Int? = nil, featuresUsed: Int? = nil, featuresAvailable: Int? = nil,
                daysSinceContact: Int? = nil, feedbackDate: Day? = nil) {
        self.alert = alert
        self.isOnboarding = isOnboarding
        self.weakestGroup = weakestGroup
        self.keyActionChange = keyActionChange
        self.activeUsers = activeUsers
        self.seats = seats
        self.featuresUsed = featuresUsed
        self.featuresAvailable = featuresAvailable
        self.daysSinceContact = daysSinceContact
        self.feedbackDate = feedbackDate
    }
}
