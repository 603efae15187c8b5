/// Renewal rate and renewal lift (DESIGN §2.7): closed won over closed in the period, and
/// that rate for accounts covered at the close (a check-in, call, meeting or QBR within the
/// tier's limit, `CheckInPolicy`) against accounts not covered.
public struct RenewalRate: Hashable, Sendable {
    public struct OwnerRate: Hashable, Sendable {
        public var owner: String
        public var rate: Ratio
    }

    public var overall: Ratio
    public var covered: Ratio
    public var uncovered: Ratio
    /// In login order.
    public var byOwner: [OwnerRate]

    public init(_ renewals: [ProgrammeHistory.ClosedRenewal], period: ReportPeriod, policy: CheckInPolicy = .standard) {
        var overall = Ratio.empty, covered = Ratio.empty, uncovered = Ratio.empty
        var owner: [String: Ratio] = [:]
        for r in renewals where period.contains(r.closedOn) {
            overall.add(r.won)
            owner[r.owner, default: .empty].add(r.won)
            let days = r.lastCheckIn.map { $0.days(until: r.closedOn) }
            let isCovered = days.map { $0 >= 0 && !policy.isOverdue(tier: r.tier, daysSinceActivity: $0) } ?? false
            if isCovered { covered.add(r.won) } else { uncovered.add(r.won) }
        }
        self.overall = overall
        self.covered = covered
        self.uncovered = uncovered
        byOwner = owner.keys.sorted().map { OwnerRate(owner: $0, rate: owner[$0]!) }
    }

    /// Percentage points by which covered accounts renewed more than uncovered ones; nil
    /// when either group is empty.
    public var lift: Double? {
        guard let c = covered.rate, let u = uncovered.rate else { return nil }
        return (c - u) * 100
    }
}
