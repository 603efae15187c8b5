/// The share of active accounts that heard from their CSM recently enough (DESIGN §2.4):
/// a check-in, call, meeting or QBR within the tier's limit (`CheckInPolicy`). A rate under
/// the flag (80 % by default) is flagged, per CSM and overall.
public struct CheckInCoverage: Hashable, Sendable {
    /// One account: its owner, its tier and the day of its latest qualifying activity.
    public struct Entry: Hashable, Sendable {
        public var owner: String
        public var tier: Account.Tier
        public var lastCheckIn: Day?

        public init(owner: String, tier: Account.Tier, lastCheckIn: Day?) {
            self.owner = owner
            self.tier = tier
            self.lastCheckIn = lastCheckIn
        }
    }

    public struct Rate: Hashable, Sendable {
        public var covered: Int
        public var accounts: Int
        public var isFlagged: Bool

        /// Nil for an empty book: no accounts, no rate (and no flag).
        public var rate: Double? { accounts == 0 ? nil : Double(covered) / Double(accounts) }

        init(covered: Int, accounts: Int, flag: Double) {
            self.covered = covered
            self.accounts = accounts
            self.isFlagged = accounts > 0 && Double(covered) < flag * Double(accounts)
        }
    }

    public struct OwnerRate: Hashable, Sendable {
        public var owner: String
        public var rate: Rate
    }

    public var overall: Rate
    /// Per owner login, in login order.
    public var byOwner: [OwnerRate]
    public var flag: Double

    /// The default flag: under 80 % covered.
    public static let standardFlag = 0.8

    public init(_ entries: [Entry], asOf: Day, policy: CheckInPolicy = .standard, flag: Double = CheckInCoverage.standardFlag) {
        var counts: [String: (covered: Int, accounts: Int)] = [:]
        var covered = 0
        for entry in entries {
            let days = entry.lastCheckIn.map { $0.days(until: asOf) }
            // An activity dated after the day does not count for that day.
            let isCovered = days.map { $0 >= 0 && !policy.isOverdue(tier: entry.tier, daysSinceActivity: $0) } ?? false
            var c = counts[entry.owner] ?? (0, 0)
            c.accounts += 1
            if isCovered { c.covered += 1; covered += 1 }
            counts[entry.owner] = c
        }
        self.flag = flag
        overall = Rate(covered: covered, accounts: entries.count, flag: flag)
        byOwner = counts.keys.sorted().map { OwnerRate(owner: $0, rate: Rate(covered: counts[$0]!.covered, accounts: counts[$0]!.accounts, flag: flag)) }
    }
}
