/// The stored history a programme report reads, as plain values (the store fills it in for
/// a period and a scope; tests build it by hand).
public struct ProgrammeHistory: Hashable, Sendable {
    /// One health-drop alert, real or shadow (control group).
    public struct HealthAlert: Hashable, Sendable {
        public var accountID: String
        /// The account's CSM.
        public var owner: String
        /// The severity it was raised at (before any escalation or easing).
        public var severity: Alert.Severity
        /// The score it was raised below: the recovery line.
        public var threshold: Double
        public var raisedOn: Day
        /// Seconds since 1970, UTC.
        public var raisedAt: Int64
        /// When the first acknowledgement was owed (the SLA at raise).
        public var dueBy: Int64
        /// The first acknowledgement, if any.
        public var acknowledgedAt: Int64?
        public var shadow: Bool

        public init(accountID: String, owner: String, severity: Alert.Severity, threshold: Double, raisedOn: Day, raisedAt: Int64,
                    dueBy: Int64, acknowledgedAt: Int64? = nil, shadow: Bool = false) {
            self.accountID = accountID
            self.owner = owner
            self.severity = severity
            self.threshold = threshold
            self.raisedOn = raisedOn
            self.raisedAt = raisedAt
            self.dueBy = dueBy
            self.acknowledgedAt = acknowledgedAt
            self.shadow = shadow
        }
    }

    /// One score of one account on one day (an engine run).
    public struct Score: Hashable, Sendable {
        public var accountID: String
        public var date: Day
        public var score: Double?
        public var band: String?

        public init(accountID: String, date: Day, score: Double?, band: String? = nil) {
            self.accountID = accountID
            self.date = date
            self.score = score
            self.band = band
        }
    }

    /// A renewal that closed: won or churned.
    public struct ClosedRenewal: Hashable, Sendable {
        public var accountID: String
        public var owner: String
        public var tier: Account.Tier
        public var closedOn: Day
        public var won: Bool
        /// The account's latest check-in, call, meeting or QBR on or before the close.
        public var lastCheckIn: Day?

        public init(accountID: String, owner: String, tier: Account.Tier, closedOn: Day, won: Bool, lastCheckIn: Day?) {
            self.accountID = accountID
            self.owner = owner
            self.tier = tier
            self.closedOn = closedOn
            self.won = won
            self.lastCheckIn = lastCheckIn
        }
    }

    public var alerts: [HealthAlert]
    /// Scores of the alerted accounts (for recovery) and of every account in scope (for the
    /// health distribution).
    public var scores: [Score]
    /// The day each churned account left; `nil` for one whose day is not recorded.
    public var churned: [String: Day?]
    public var renewals: [ClosedRenewal]
    /// Recovery sequences started in the period, with whether they emailed and were answered.
    public var sequences: [SequenceResponse.Outcome] = []

    public init(alerts: [HealthAlert] = [], scores: [Score] = [], churned: [String: Day?] = [:], renewals: [ClosedRenewal] = []) {
        self.alerts = alerts
        self.scores = scores
        self.churned = churned
        self.renewals = renewals
    }
}
