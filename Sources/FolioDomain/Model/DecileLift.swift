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
        let pairs = zip(risk, churned).filter { !$0.0.isNaN }.sorted { $0.0 > $1.0 }
        guard !pairs.isEmpty else { return nil }
        let want = share * Double(pairs.count)
        var taken = 0.0, positives = 0.0
        var i = 0
        while i < pairs.count, taken < want {
            var j = i, tiedPositives = 0.0
            while j < pairs.count, pairs[j].0 == pairs[i].0 {
                if pairs[j].1 { tiedPositives += 1 }
                j += 1
            }
            let size = Double(j - i)
            let part = Swift.min(1, (want - taken) / size)
            taken += size * part
            positives += tiedPositives * part
            i = j
        }
        let all = pairs.reduce(0.0) { $0 + ($1.1 ? 1 : 0) }
        self.share = share
        cases = taken
        self.churned = positives
        rate = taken > 0 ? positives / taken : 0
        baseRate = all / Double(pairs.count)
        lift = all > 0 ? rate / baseRate : nil
    }
}
