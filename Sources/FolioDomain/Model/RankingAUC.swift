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
        self.init(groups: RiskGroups(risk: risk, positive: positive), positive: positive, clusters: clusters)
    }

    /// The same from the cases already grouped by risk (`groups` of `positive`'s cases).
    public init?(groups: RiskGroups, positive: [Bool], clusters: [Int32]? = nil) {
        precondition(groups.groupOf.count == positive.count, "one outcome per case")
        precondition(clusters == nil || clusters!.count == positive.count, "one cluster per risk")
        let m = groups.positiveCount, n = groups.negativeCount
        guard m > 0, n > 0 else { return nil }
        let mm = Double(m), nn = Double(n)
        // Each tie group's components: negatives under a churner, churners over a
        // non-churner, ties half.
        let count = groups.values.count
        var positiveComponent = [Double](repeating: 0, count: count), negativeComponent = positiveComponent
        var negativesBelow = 0.0, positivesBelow = 0.0, sumPos = 0.0
        var sp = 0.0, spp = 0.0, sn = 0.0, snn = 0.0
        for g in 0..<count {
            let tiedPos = Double(groups.positives[g]), tiedNeg = Double(groups.negatives[g])
            let p = (negativesBelow + 0.5 * tiedNeg) / nn, q = (mm - positivesBelow - tiedPos + 0.5 * tiedPos) / mm
            positiveComponent[g] = p
            negativeComponent[g] = q
            sumPos += tiedPos * p
            sp += tiedPos * p; spp += tiedPos * p * p
            sn += tiedNeg * q; snn += tiedNeg * q * q
            negativesBelow += tiedNeg
            positivesBelow += tiedPos
        }
        let auc = sumPos / mm
        var variance: Double?
        if let clusters {
            variance = Self.clusteredVariance(groups: groups, positive: positive, positiveComponent: positiveComponent,
                                              negativeComponent: negativeComponent, clusters: clusters, auc: auc, m: mm, n: nn)
        } else if m >= 2, n >= 2 {
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
    static func clusteredVariance(groups: RiskGroups, positive: [Bool], positiveComponent: [Double], negativeComponent: [Double],
                                  clusters: [Int32], auc: Double, m: Double, n: Double) -> Double? {
        let (slots, count) = denseClusters(clusters, groups: groups)
        var posSum = [Double](repeating: 0, count: count), negSum = posSum
        var posCount = [Double](repeating: 0, count: count), negCount = posCount
        for i in positive.indices {
            let g = Int(groups.groupOf[i])
            guard g >= 0 else { continue }
            let k = Int(slots[i])
            if positive[i] { posSum[k] += positiveComponent[g]; posCount[k] += 1 } else { negSum[k] += negativeComponent[g]; negCount[k] += 1 }
        }
        let withPos = posCount.filter { $0 > 0 }.count, withNeg = negCount.filter { $0 > 0 }.count
        guard withPos >= 2, withNeg >= 2 else { return nil }
        let kk = Double(count)
        var s10 = 0.0, s01 = 0.0, s11 = 0.0
        for c in 0..<count {
            let a = posSum[c] - posCount[c] * auc
            let b = negSum[c] - negCount[c] * auc
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

    /// Each case's cluster as 0, 1, 2… in the order first met (cases with a NaN risk left
    /// out of the count), and how many clusters there are: by an array when the cluster
    /// numbers are small (account indices), else by a dictionary.
    static func denseClusters(_ clusters: [Int32], groups: RiskGroups) -> (slots: [Int32], count: Int) {
        var slots = [Int32](repeating: -1, count: clusters.count)
        var count: Int32 = 0
        let largest = Int(clusters.max() ?? 0)
        if largest < 4 * clusters.count + 1_024 {
            var slot = [Int32](repeating: -1, count: largest + 1)
            for i in clusters.indices where groups.groupOf[i] >= 0 {
                let c = Int(clusters[i])
                if slot[c] < 0 { slot[c] = count; count += 1 }
                slots[i] = slot[c]
            }
        } else {
            var slot: [Int32: Int32] = [:]
            for i in clusters.indices where groups.groupOf[i] >= 0 {
                if let known = slot[clusters[i]] { slots[i] = known } else { slot[clusters[i]] = count; slots[i] = count; count += 1 }
            }
        }
        return (slots, Int(count))
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
