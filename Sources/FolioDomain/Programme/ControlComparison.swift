/// Did alerting help? (DESIGN §2.7): accounts whose health dropped and were alerted
/// against held-out accounts with the same drop, recorded as shadow alerts. For each group:
/// how many accounts and alerts, the recovery rate within 60 days and the churn rate.
public struct ControlComparison: Hashable, Sendable {
    public struct Group: Hashable, Sendable {
        /// Accounts with a health-drop alert raised in the period.
        public var accounts: Int
        public var alerts: Int
        public var recovery: RecoveryRate
        /// Of those accounts, how many have churned by the as-of day.
        public var churn: Ratio
    }

    /// Under this many accounts in a group, a difference is anecdote, not evidence.
    public static let standardMinimum = 10

    public var alerted: Group
    public var control: Group
    public var minimum: Int

    public init(_ history: ProgrammeHistory, period: ReportPeriod, asOf: Day, minimum: Int = ControlComparison.standardMinimum) {
        func group(shadow: Bool) -> Group {
            let alerts = history.alerts.filter { $0.shadow == shadow && period.contains($0.raisedOn) }
            let accounts = Set(alerts.map(\.accountID))
            var churn = Ratio.empty
            for account in accounts.sorted() {
                let churned = history.churned[account].map { day in day.map { $0 <= asOf } ?? true } ?? false
                churn.add(churned)
            }
            return Group(accounts: accounts.count, alerts: alerts.count,
                         recovery: RecoveryRate(history, period: period, asOf: asOf, shadow: shadow), churn: churn)
        }
        alerted = group(shadow: false)
        control = group(shadow: true)
        self.minimum = minimum
    }

    /// True when both groups are big enough to compare.
    public var isComparable: Bool { alerted.accounts >= minimum && control.accounts >= minimum }

    /// An honest sentence when a group is too small (or empty); nil when both are big enough.
    public var note: String? {
        let small = [("alerted", alerted.accounts), ("control", control.accounts)].filter { $0.1 < minimum }
        guard !small.isEmpty else { return nil }
        let sizes = small.map { "the \($0.0) group has \($0.1) account\($0.1 == 1 ? "" : "s")" }.joined(separator: " and ")
        return "Too small to compare: \(sizes) (under \(minimum)); treat any difference as anecdote, not evidence."
    }

    /// Percentage points by which the alerted group recovered more than the control group;
    /// nil when either has no decided alerts.
    public var recoveryLift: Double? {
        guard let a = alerted.recovery.overall.rate, let c = control.recovery.overall.rate else { return nil }
        return (a - c) * 100
    }

    /// Percentage points by which the alerted group churned less than the control group.
    public var churnReduction: Double? {
        guard let a = alerted.churn.rate, let c = control.churn.rate else { return nil }
        return (c - a) * 100
    }
}
