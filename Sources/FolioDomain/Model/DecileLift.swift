/// Top-decile lift: how much more the riskiest tenth of the cases churns than all of them.
/// 1 is no better than picking at random; 3 means the riskiest tenth churns three times as
/// often. Cases tied at the cut count in part, as if the tie were broken at random.
public struct DecileLift: Hashable, Sendable, Codable {
    /// The share of the riskiest cases looked at (0.1).
    public var share: Double
    /// How many cases that is (a fraction when ties straddle the cut).
    public var cases: Double
    /// The churners expected among them.
    public var churned: Double
    public var rate: Double
    public var baseRate: Double
    /// rate / baseRate; nil when nobody churned.
    public var lift: Double?

    /// `risk` higher is riskier; nil when there are no cases.
    public init?(risk: [Double], churned: [Bool], share: Double = 0.1) {
        self.init(groups: RiskGroups(risk: risk, positive: churned), share: share)
    }

    /// The same from the cases grouped by risk; nil when there are no cases.
    public init?(groups: RiskGroups, share: Double = 0.1) {
        let all = Double(groups.positiveCount), total = all + Double(groups.negativeCount)
        guard total > 0 else { return nil }
        let want = share * total
        var taken = 0.0, positives = 0.0
        // The riskiest groups first.
        var g = groups.values.count - 1
        while g >= 0, taken < want {
            let size = Double(groups.positives[g] + groups.negatives[g])
            let part = Swift.min(1, (want - taken) / size)
            taken += size * part
            positives += Double(groups.positives[g]) * part
            g -= 1
        }
        self.share = share
        cases = taken
        self.churned = positives
        rate = taken > 0 ? positives / taken : 0
        baseRate = all / total
        lift = all > 0 ? rate / baseRate : nil
    }
}
