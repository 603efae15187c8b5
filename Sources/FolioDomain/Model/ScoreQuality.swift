/// How well a set of scored cases predicted churn: the ranking (AUC), the churn rate per
/// band (calibration) and the riskiest tenth's lift, overall and per tier. A lower score
/// is the riskier one.
public struct ScoreQuality: Hashable, Sendable, Codable {
    public struct Group: Hashable, Sendable, Codable {
        public var cases: Int
        public var churned: Int
        /// Churned over cases; nil without cases.
        public var churnRate: Double?
        /// Nil when the group has no churners or nobody who stayed.
        public var auc: RankingAUC?
        public var calibration: CalibrationTable
        public var lift: DecileLift?

        /// `accounts`, when given, cluster the cases (an account's days) for the AUC's interval.
        public init(scores: [Double], churned: [Bool], accounts: [Int32]? = nil, bands: BandSet) {
            cases = scores.count
            self.churned = churned.reduce(0) { $0 + ($1 ? 1 : 0) }
            churnRate = cases > 0 ? Double(self.churned) / Double(cases) : nil
            // The cases grouped by risk once, for both the ranking and the lift.
            let groups = RiskGroups(risk: scores.map { -$0 }, positive: churned)
            auc = RankingAUC(groups: groups, positive: churned, clusters: accounts)
            calibration = CalibrationTable(scores: scores, churned: churned, bands: bands)
            lift = DecileLift(groups: groups)
        }
    }

    public var overall: Group
    /// Tiers with cases, enterprise first.
    public var byTier: [(tier: Account.Tier, group: Group)]

    public init(_ cases: OutcomeCases, bands: BandSet) {
        overall = Group(scores: cases.scores, churned: cases.churned, accounts: cases.accounts, bands: bands)
        byTier = Account.Tier.allCases.sorted().compactMap { tier in
            var scores: [Double] = [], churned: [Bool] = [], accounts: [Int32] = []
            for i in 0..<cases.count where cases.tiers[i] == tier {
                scores.append(cases.scores[i])
                churned.append(cases.churned[i])
                accounts.append(cases.accounts[i])
            }
            return scores.isEmpty ? nil : (tier, Group(scores: scores, churned: churned, accounts: accounts, bands: bands))
        }
    }

    public static func == (a: ScoreQuality, b: ScoreQuality) -> Bool {
        a.overall == b.overall && a.byTier.map(\.tier) == b.byTier.map(\.tier) && a.byTier.map(\.group) == b.byTier.map(\.group)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(overall)
        for t in byTier { hasher.combine(t.tier); hasher.combine(t.group) }
    }

    enum CodingKeys: String, CodingKey { case overall, byTier }
    struct TierGroup: Codable { var tier: Account.Tier; var group: Group }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        overall = try c.decode(Group.self, forKey: .overall)
        byTier = try c.decode([TierGroup].self, forKey: .byTier).map { ($0.tier, $0.group) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(overall, forKey: .overall)
        try c.encode(byTier.map { TierGroup(tier: $0.tier, group: $0.group) }, forKey: .byTier)
    }
}
