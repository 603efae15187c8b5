/// How well a risk ranks what happened: the ROC AUC, the chance that a random case that
/// churned was ranked riskier than a random one that did not (ties count half), with a 95 %
/// confidence interval by DeLong's method.
///
/// Computed in one pass over the values in order (the Mann–Whitney U statistic): each
/// churner's share of non-churners ranked below it is its DeLong component, and so is each
/// non-churner's share of churners ranked above it; the AUC is their mean, the variance
/// var(churners' components)/m + var(others')/n. When cases come in clusters — the same
/// account scored on many days — the components are summed per cluster and the variance is
/// Obuchowski's (1997) for clustered data, so a year of weekly scores of one account does not
/// pass for 52 independent accounts.
public struct RankingAUC: Hashable, Sendable, Codable {
    /// 0…1; 0.5 is chance, 1 perfect, below 0.5 ranks backwards.
    public var auc: Double
    /// The 95 % interval, clamped to 0…1; nil with fewer than two of either kind (two
    /// clusters with each kind, when clustered).
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

    /// `risk[i]` higher means riskier; `positive[i]` is true when case i churned;
    /// `clusters[i]`, when given, the cluster (account) of case i, 0 or more. Nil when either
    /// kind is missing: there is nothing to rank against. NaN risks are left out.
    public init?(risk: [Double], positive: [Bool], clusters: [Int32]? = nil) {
        precondition(risk.count == positive.count, "one outcome per risk")
        precondition(clusters == nil || clusters!.count == risk.count, "one cluster per risk")
        var order: [Int] = []
        order.reserveCapacity(risk.count)
        for i in risk.indices where !risk[i].isNaN { order.append(i) }
        order.sort { risk[$0] < risk[$1] }
        var m = 0, n = 0
        for i in order { if positive[i] { m += 1 } else { n += 1 } }
        guard m > 0, n > 0 else { return nil }
        let mm = Double(m), nn = Double(n)
        // Each case's component, by tie group: negatives under a churner, churners over a
        // non-churner, ties half.
        var component = [Double](repeating: 0, count: risk.count)
        var negativesBelow = 0.0, positivesBelow = 0.0
        var k = 0
        while k < order.count {
            var j = k, tiedPos = 0.0, tiedNeg = 0.0
            while j < order.count, risk[order[j]] == risk[order[k]] {
                if positive[order[j]] { tiedPos += 1 } else { tiedNeg += 1 }
                j += 1
            }
            let positiveComponent = (negativesBelow + 0.5 * tiedNeg) / nn
            let negativeComponent = (mm - positivesBelow - tiedPos + 0.5 * tiedPos) / mm
            for t in k..<j { component[order[t]] = positive[order[t]] ? positiveComponent : negativeComponent }
            negativesBelow += tiedNeg
            positivesBelow += tiedPos
            k = j
        }
        var sumPos = 0.0
        for i in order where positive[i] { sumPos += component[i] }
        let auc = sumPos / mm
        var variance: Double?
        if let clusters {
            variance = Self.clusteredVariance(order: order, positive: positive, component: component, clusters: clusters,
                                              auc: auc, m: mm, n: nn)
        } else if m >= 2, n >= 2 {
            var sp = 0.0, spp = 0.0, sn = 0.0, snn = 0.0
            for i in order {
                let v = component[i]
                if positive[i] { sp += v; spp += v * v } else { sn += v; snn += v * v }
            }
            let varPos = max(0, (spp - sp * sp / mm) / (mm - 1))
            let varNeg = max(0, (snn - sn * sn / nn) / (nn - 1))
            variance = varPos / mm + varNeg / nn
        }
        var low: Double?, high: Double?
        if let variance {
            let se = max(0, variance).squareRoot()
            low = max(0, auc - 1.959964 * se)
            high = min(1, auc + 1.959964 * se)
        }
        self.init(auc: auc, low: low, high: high, positives: m, negatives: n)
    }

    /// Obuchowski's variance: components summed per cluster; nil with fewer than two
    /// clusters holding churners or two holding the others.
    static func clusteredVariance(order: [Int], positive: [Bool], component: [Double], clusters: [Int32], auc: Double,
                                  m: Double, n: Double) -> Double? {
        var slot: [Int32: Int] = [:]
        var pos: [(sum: Double, count: Double)] = [], neg: [(sum: Double, count: Double)] = []
        for i in order {
            let k: Int
            if let known = slot[clusters[i]] { k = known } else {
                k = pos.count
                slot[clusters[i]] = k
                pos.append((0, 0))
                neg.append((0, 0))
            }
            if positive[i] { pos[k].sum += component[i]; pos[k].count += 1 } else { neg[k].sum += component[i]; neg[k].count += 1 }
        }
        let withPos = pos.filter { $0.count > 0 }.count, withNeg = neg.filter { $0.count > 0 }.count
        guard withPos >= 2, withNeg >= 2 else { return nil }
        let kk = Double(pos.count)
        var s10 = 0.0, s01 = 0.0, s11 = 0.0
        for c in pos.indices {
            let a = pos[c].sum - pos[c].count * auc
            let b = neg[c].sum - neg[c].count * auc
            s10 += a * a
            s01 += b * b
            s11 += a * b
        }
        let scale = kk / (kk - 1)
        s10 *= scale / m
        s01 *= scale / n
        s11 *= scale
        return s10 / m + s01 / n + 2 * s11 / (m * n)
    }

    /// The same from pairs already in ascending order of risk (ties anywhere); the AUC only,
    /// with DeLong's interval.
    public init?(sorted pairs: [(Double, Bool)]) {
        self.init(risk: pairs.map(\.0), positive: pairs.map(\.1))
    }

    /// True when the interval lies wholly below chance: the ranking is backwards (too few
    /// cases for an interval say nothing either way).
    public var isBackwards: Bool { high.map { $0 < 0.5 - 1e-9 } ?? false }

    /// "0.74 (0.71–0.77)".
    public var text: String {
        let core = MeasureSource.fixed(auc, decimals: 2)
        guard let low, let high else { return core }
        return "\(core) (\(MeasureSource.fixed(low, decimals: 2))–\(MeasureSource.fixed(high, decimals: 2)))"
    }
}
