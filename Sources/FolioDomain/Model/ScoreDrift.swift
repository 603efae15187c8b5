/// Is the score still as good as it was? The AUC quarter by quarter (each scored day against
/// what followed it within the horizon), and the share of accounts per band over time: a
/// falling AUC or a band filling up says the profile needs looking at again.
public struct ScoreDrift: Hashable, Sendable, Codable {
    public struct Quarterly: Hashable, Sendable, Codable {
        public var quarter: Quarter
        /// Scored days in the quarter.
        public var days: Int
        public var cases: Int
        public var churned: Int
        public var auc: RankingAUC?

        public init(quarter: Quarter, days: Int, cases: Int, churned: Int, auc: RankingAUC?) {
            self.quarter = quarter
            self.days = days
            self.cases = cases
            self.churned = churned
            self.auc = auc
        }
    }

    public struct BandShares: Hashable, Sendable, Codable {
        /// The scored day.
        public var day: Day
        public var total: Int
        /// Accounts per band, lowest band first.
        public var counts: [Int]
        /// counts / total, lowest band first; zeros for an empty day.
        public var shares: [Double]

        public init(day: Day, counts: [Int]) {
            self.day = day
            self.counts = counts
            let total = counts.reduce(0, +)
            self.total = total
            shares = counts.map { total > 0 ? Double($0) / Double(total) : 0 }
        }
    }

    public var quarters: [Quarterly]
    public var bands: [String]
    public var shares: [BandShares]

    /// `shares` come as they are (one entry per scored day the caller picked).
    public init(_ cases: OutcomeCases, bands: BandSet, shares: [BandShares]) {
        var byQuarter: [Quarter: (days: Set<Day>, risk: [Double], churned: [Bool], accounts: [Int32])] = [:]
        for i in 0..<cases.count {
            let q = Quarter(containing: cases.days[i])
            byQuarter[q, default: ([], [], [], [])].days.insert(cases.days[i])
            byQuarter[q]!.risk.append(-cases.scores[i])
            byQuarter[q]!.churned.append(cases.churned[i])
            byQuarter[q]!.accounts.append(cases.accounts[i])
        }
        quarters = byQuarter.keys.sorted().map { q in
            let g = byQuarter[q]!
            return Quarterly(quarter: q, days: g.days.count, cases: g.risk.count, churned: g.churned.reduce(0) { $0 + ($1 ? 1 : 0) },
                             auc: RankingAUC(risk: g.risk, positive: g.churned, clusters: g.accounts))
        }
        self.bands = bands.bands.map(\.name)
        self.shares = shares.sorted { $0.day < $1.day }
    }
}
