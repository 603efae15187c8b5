/// How well a risk ranks what happened: the ROC AUC, the chance that a random account that
/// churned was ranked riskier than a random one that did not (ties count half), with a 95 %
/// confidence interval by DeLong's method.
///
/// Computed in one pass over the values in order (the Mann–Whitney U statistic): each
/// churner's share of non-churners ranked below it is its DeLong component, and so is each
/// non-churner's share of churners ranked above it; the AUC is their mean, the variance
/// var(churners' components)/m + var(others')/n.
public struct RankingAUC: Hashable, Sendable, Codable {
    /// 0…1; 0.5 is chance, 1 perfect, below 0.5 ranks backwards.
    public var auc: Double
    /// The 95 % interval, clamped to 0…1; nil with fewer than two of either kind.
    public var low: Double?
    public var high: Double?
    /// Cases that churned, and cases that did not.
    public var positives: Int
    public var negatives: Int

    public init(auc: Double, low: Double?, high: Double?, positives: Int, negatives: Int) {
        self.auc = auc
        self.low = low
        self.high = high
        self.positives = positives
        self.negatives = negatives
    }

    /// `risk[i]` higher means riskier; `positive[i]` is true when case i churned. Nil when
    /// either kind is missing: there is nothing to rank against. NaN risks are left out.
    public init?(risk: [Double], positive: [Bool]) {
        precondition(risk.count == positive.count, "one outcome per risk")
        var order: [(Double, Bool)] = []
        order.reserveCapacity(risk.count)
        for (r, p) in zip(risk, positive) where !r.isNaN { order.append((r, p)) }
        self.init(sorted: order.sorted { $0.0 < $1.0 })
    }

    /// The same from pairs already in ascending order of risk (ties anywhere).
    public init?(sorted pairs: [(Double, Bool)]) {
        var m = 0, n = 0
        for (_, p) in pairs { if p { m += 1 } else { n += 1 } }
        guard m > 0, n > 0 else { return nil }
        // Components, by tie group, counted from below (negatives under a churner) and above
        // (churners over a non-churner).
        var negativesBelow = 0.0, positivesBelow = 0.0
        var sumPos = 0.0, sumPosSquares = 0.0, sumNeg = 0.0, sumNegSquares = 0.0
        let mm = Double(m), nn = Double(n)
        var i = 0
        while i < pairs.count {
            var j = i, tiedPos = 0.0, tiedNeg = 0.0
            while j < pairs.count, pairs[j].0 == pairs[i].0 {
                if pairs[j].1 { tiedPos += 1 } else { tiedNeg += 1 }
                j += 1
            }
            if tiedPos > 0 {
                let v = (negativesBelow + 0.5 * tiedNeg) / nn
                sumPos += v * tiedPos
                sumPosSquares += v * v * tiedPos
            }
            if tiedNeg > 0 {
                let positivesAbove = mm - positivesBelow - tiedPos
                let v = (positivesAbove + 0.5 * tiedPos) / mm
                sumNeg += v * tiedNeg
                sumNegSquares += v * v * tiedNeg
            }
            negativesBelow += tiedNeg
            positivesBelow += tiedPos
            i = j
        }
        let auc = sumPos / mm
        var low: Double?, high: Double?
        if m >= 2, n >= 2 {
            let varPos = max(0, (sumPosSquares - sumPos * sumPos / mm) / (mm - 1))
            let varNeg = max(0, (sumNegSquares - sumNeg * sumNeg / nn) / (nn - 1))
            let se = (varPos / mm + varNeg / nn).squareRoot()
            low = max(0, auc - 1.959964 * se)
            high = min(1, auc + 1.959964 * se)
        }
        self.init(auc: auc, low: low, high: high, positives: m, negatives: n)
    }

    /// True when the interval lies wholly below chance: the ranking is backwards (too few
    /// cases for an interval say nothing either way).
    public var isBackwards: Bool { high.map { $0 < 0.5 } ?? false }

    /// "0.74 (0.71–0.77)".
    public var text: String {
        let core = MeasureSource.fixed(auc, decimals: 2)
        guard let low, let high else { return core }
        return "\(core) (\(MeasureSource.fixed(low, decimals: 2))–\(MeasureSource.fixed(high, decimals: 2)))"
    }
}
