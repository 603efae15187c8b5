/// Recovery within 60 days (DESIGN §2.7): an alerted health drop recovered when the
/// account scored at or above the alert's threshold within 60 days of the alert.
///
/// Only decided alerts count: recovered, or 60 days gone by (or the account churned)
/// without recovering. An alert still inside its window and not yet back is pending, and
/// left out of the rate rather than counted as a failure.
public struct RecoveryRate: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        case recovered, notRecovered, pending
    }

    public struct OwnerRate: Hashable, Sendable {
        public var owner: String
        public var rate: Ratio
    }

    public struct SeverityRate: Hashable, Sendable {
        public var severity: Alert.Severity
        public var rate: Ratio
    }

    public static let windowDays = 60

    public var overall: Ratio
    /// Shallowest severity first; only severities with alerts.
    public var bySeverity: [SeverityRate]
    /// In login order.
    public var byOwner: [OwnerRate]
    /// Alerts still inside their window and not back yet.
    public var pending: Int

    /// The rate of the real (or, with `shadow`, the control group's) health-drop alerts
    /// raised in the period.
    public init(_ history: ProgrammeHistory, period: ReportPeriod, asOf: Day, shadow: Bool = false) {
        let scores = ScoreIndex(history.scores)
        var overall = Ratio.empty, pending = 0
        var severity: [Alert.Severity: Ratio] = [:], owner: [String: Ratio] = [:]
        for alert in history.alerts where alert.shadow == shadow && period.contains(alert.raisedOn) {
            let outcome = Self.outcome(of: alert, scores: scores, churnedOn: history.churned[alert.accountID], asOf: asOf)
            guard outcome != .pending else { pending += 1; continue }
            let hit = outcome == .recovered
            overall.add(hit)
            severity[alert.severity, default: .empty].add(hit)
            owner[alert.owner, default: .empty].add(hit)
        }
        self.overall = overall
        self.pending = pending
        bySeverity = Alert.Severity.allCases.compactMap { s in severity[s].map { SeverityRate(severity: s, rate: $0) } }
        byOwner = owner.keys.sorted().map { OwnerRate(owner: $0, rate: owner[$0]!) }
    }

    /// `churnedOn`: absent when the account has not churned; `.some(nil)` when it churned on
    /// a day not recorded.
    static func outcome(of alert: ProgrammeHistory.HealthAlert, scores: ScoreIndex, churnedOn: Day??, asOf: Day) -> Outcome {
        let end = alert.raisedOn.adding(days: windowDays)
        let back = scores.history(of: alert.accountID).contains { s in
            s.date > alert.raisedOn && s.date <= end && s.date <= asOf && (s.score.map { $0 >= alert.threshold } ?? false)
        }
        if back { return .recovered }
        if end <= asOf { return .notRecovered }
        if let churned = churnedOn, churned.map({ $0 <= asOf }) ?? true { return .notRecovered }
        return .pending
    }
}

/// Scores by account, oldest first.
struct ScoreIndex {
    private var byAccount: [String: [ProgrammeHistory.Score]] = [:]

    init(_ scores: [ProgrammeHistory.Score]) {
        for score in scores { byAccount[score.accountID, default: []].append(score) }
        for key in byAccount.keys { byAccount[key]!.sort { $0.date < $1.date } }
    }

    func history(of account: String) -> [ProgrammeHistory.Score] { byAccount[account] ?? [] }
}
