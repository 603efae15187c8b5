/// How fast CSMs acknowledge health-drop alerts (DESIGN §2.7), and whether speed pays:
/// the recovery rate of alerts acknowledged within their SLA (fast) against those
/// acknowledged late or never (slow).
public struct ResponseSpeed: Hashable, Sendable {
    public struct Times: Hashable, Sendable {
        /// A login, or nil for everyone together.
        public var owner: String?
        public var alerts: Int
        public var acknowledged: Int
        /// Hours from raise to first acknowledgement; nil with none acknowledged.
        public var medianHours: Double?
        public var p90Hours: Double?
        /// Acknowledged within the SLA, of those whose SLA has run out or that were acknowledged.
        public var withinSLA: Ratio
    }

    public var overall: Times
    /// In login order.
    public var byOwner: [Times]
    public var fast: RecoveryBucket
    public var slow: RecoveryBucket

    public struct RecoveryBucket: Hashable, Sendable {
        public var alerts: Int
        public var recovery: Ratio
    }

    /// The real health-drop alerts raised in the period; `asOf` ends at the day's last second.
    public init(_ history: ProgrammeHistory, period: ReportPeriod, asOf: Day) {
        let now = Int64(asOf.ordinal + 1) * 86_400 - 1
        let alerts = history.alerts.filter { !$0.shadow && period.contains($0.raisedOn) }
        let scores = ScoreIndex(history.scores)

        func times(_ alerts: [ProgrammeHistory.HealthAlert], owner: String?) -> Times {
            let hours = alerts.compactMap { a in a.acknowledgedAt.map { Double($0 - a.raisedAt) / 3_600 } }.sorted()
            var within = Ratio.empty
            for a in alerts {
                if let ack = a.acknowledgedAt { within.add(ack <= a.dueBy) } else if a.dueBy < now { within.add(false) }
            }
            return Times(owner: owner, alerts: alerts.count, acknowledged: hours.count, medianHours: Self.median(hours),
                         p90Hours: Self.percentile(hours, 0.9), withinSLA: within)
        }
        overall = times(alerts, owner: nil)
        let byOwner = Dictionary(grouping: alerts, by: \.owner)
        self.byOwner = byOwner.keys.sorted().map { times(byOwner[$0]!, owner: $0) }

        var fast = RecoveryBucket(alerts: 0, recovery: .empty), slow = fast
        for a in alerts {
            let isFast: Bool
            if let ack = a.acknowledgedAt { isFast = ack <= a.dueBy } else if a.dueBy < now { isFast = false } else { continue }
            let outcome = RecoveryRate.outcome(of: a, scores: scores, churnedOn: history.churned[a.accountID], asOf: asOf)
            if isFast { fast.alerts += 1 } else { slow.alerts += 1 }
            guard outcome != .pending else { continue }
            if isFast { fast.recovery.add(outcome == .recovered) } else { slow.recovery.add(outcome == .recovered) }
        }
        self.fast = fast
        self.slow = slow
    }

    /// The middle value (the mean of the two middle ones for an even count); nil when empty.
    public static func median(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Nearest rank: the smallest value with at least `p` of the values at or below it.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
