/// Band cut-offs placed at churn-rate targets. The churn rate is read off each whole score
/// (made to fall as the score rises, by pool-adjacent-violators); the lowest band holds the
/// scores where accounts churn at `lowestRate` or more (by default twice the overall rate),
/// the top band those where they churn at `topRate` or less (half the overall rate); bands
/// between share the rest evenly. The band names stay the base set's.
public struct BandFit: Hashable, Sendable {
    public var bands: BandSet
    /// The churn rates aimed at, and the overall rate.
    public var lowestRate: Double
    public var topRate: Double
    public var baseRate: Double
    /// False when a target could not be met (too few cases at that end): the base set's
    /// edge was kept there.
    public var metLowest: Bool
    public var metTop: Bool

    /// `scores` are the fitted profile's; `lowest` and `top` are multiples of the overall
    /// rate unless `absolute` says they are rates.
    public init(scores: [Double], churned: [Bool], base: BandSet, lowest: Double = 2, top: Double = 0.5, absolute: Bool = false,
                minimumCases: Int = 20) {
        var cases = [Int](repeating: 0, count: 101), churners = [Int](repeating: 0, count: 101)
        for (s, c) in zip(scores, churned) where !s.isNaN {
            let whole = Int(Swift.min(100, Swift.max(0, s.rounded())))
            cases[whole] += 1
            if c { churners[whole] += 1 }
        }
        let total = cases.reduce(0, +), allChurned = churners.reduce(0, +)
        baseRate = total > 0 ? Double(allChurned) / Double(total) : 0
        lowestRate = absolute ? lowest : lowest * baseRate
        topRate = absolute ? top : top * baseRate
        let count = base.bands.count
        // The churn rate at each score with cases, non-increasing as the score rises.
        var pools: [(rate: Double, weight: Double, scores: [Int])] = []
        for score in 0...100 where cases[score] > 0 {
            pools.append((Double(churners[score]) / Double(cases[score]), Double(cases[score]), [score]))
            while pools.count > 1 {
                let b = pools[pools.count - 1], a = pools[pools.count - 2]
                guard a.rate < b.rate else { break }
                pools.removeLast(2)
                let w = a.weight + b.weight
                pools.append(((a.rate * a.weight + b.rate * b.weight) / w, w, a.scores + b.scores))
            }
        }
        var lowEdge: Int?   // last score of the lowest band
        var topEdge: Int?   // first score of the top band
        var below = 0
        for pool in pools {
            let enough = Int(pool.weight) + below >= minimumCases
            if pool.rate >= lowestRate, enough { lowEdge = pool.scores.max() }
            if pool.rate <= topRate, topEdge == nil, total - below >= minimumCases { topEdge = pool.scores.min() }
            below += Int(pool.weight)
        }
        let baseLow = Int(base.bands.first?.max ?? 40), baseTop = Int(base.bands.last?.min ?? 71)
        var low = lowEdge ?? baseLow, high = topEdge ?? baseTop
        metLowest = lowEdge != nil
        metTop = topEdge != nil
        // Room for every band between: at least one score each.
        if high - low - 1 < count - 2 || count < 2 {
            low = baseLow
            high = baseTop
            metLowest = false
            metTop = false
        }
        guard count >= 2 else {
            bands = base
            return
        }
        var edges = [low]   // last score of each band but the top
        let middle = count - 2
        for k in 1...Swift.max(1, middle) where middle > 0 {
            edges.append(low + Int((Double(high - 1 - low) * Double(k) / Double(middle)).rounded()))
        }
        if middle > 0 { edges[edges.count - 1] = high - 1 }
        var out: [Band] = []
        var start = 0
        for (k, band) in base.bands.enumerated() {
            let end = k < count - 1 ? edges[k] : 100
            out.append(Band(name: band.name, min: Double(start), max: Double(end)))
            start = end + 1
        }
        bands = BandSet(name: "custom", bands: out)
    }
}
