/// Scored account-days and what followed each: the rows a backtest ranks. Held as columns,
/// since a year of weekly runs over a big book is millions of them.
public struct OutcomeCases: Sendable {
    /// The health score on the day (0–100).
    public private(set) var scores: [Double] = []
    /// True when the account churned within the horizon after the day.
    public private(set) var churned: [Bool] = []
    public private(set) var tiers: [Account.Tier] = []
    public private(set) var days: [Day] = []
    /// The account of each case (an index the caller chose): the cluster its days share.
    public private(set) var accounts: [Int32] = []

    public init() {}

    public var count: Int { scores.count }

    public mutating func reserve(_ n: Int) {
        scores.reserveCapacity(n)
        churned.reserveCapacity(n)
        tiers.reserveCapacity(n)
        days.reserveCapacity(n)
        accounts.reserveCapacity(n)
    }

    public mutating func append(score: Double, churned: Bool, tier: Account.Tier, day: Day, account: Int32) {
        scores.append(score)
        self.churned.append(churned)
        tiers.append(tier)
        days.append(day)
        accounts.append(account)
    }

    /// The cases `keep` says yes to.
    public func filter(_ keep: (Int) -> Bool) -> OutcomeCases {
        var out = OutcomeCases()
        for i in scores.indices where keep(i) {
            out.append(score: scores[i], churned: churned[i], tier: tiers[i], day: days[i], account: accounts[i])
        }
        return out
    }

    /// Churners among the cases.
    public var positives: Int { churned.reduce(0) { $0 + ($1 ? 1 : 0) } }
}
