/// One measure fitted to what happened: where its poor and healthy thresholds go (or what
/// each value of its table scores), and what the data showed about it, in numbers people
/// can check.
///
/// A line measure: the cases are cut into up to 20 bins of equal size by value, the churn
/// rate of each bin is made monotone (pool-adjacent-violators, in the direction the data
/// ranks), turned into log-odds, and poor and healthy are put where a straight line from
/// 0 to 100 follows those log-odds best. A table: each value's churn rate, pulled towards
/// the overall rate when the value is rare, scored 0 (the worst value) to 100 (the best).
public struct MeasureFit: Sendable {
    /// What the data showed, for the fitted profile's comments and the command's output.
    public struct Evidence: Hashable, Sendable, Codable {
        public var name: String
        public var source: MeasureSource
        public var withData: Int
        public var cases: Int
        /// The fitted measure's own ranking of churn (nil when its cases lack either kind).
        public var auc: Double?
        /// Churn at the poor end (at or beyond poor) and at the healthy end, with their cases.
        public var poorEnd: Band?
        public var healthyEnd: Band?
        /// A table's values: label, cases, churn rate, score.
        public var values: [Value]
        /// Filled by the weight fit: the measure's weight out of 100 (0: left out).
        public var weight: Double = 0
        /// Why the measure has no curve (too few values, no difference in churn), if so.
        public var unfit: String?

        public struct Band: Hashable, Sendable, Codable {
            public var cases: Int
            public var churned: Int
            public var rate: Double { cases > 0 ? Double(churned) / Double(cases) : 0 }
        }

        public struct Value: Hashable, Sendable, Codable {
            public var label: String
            public var cases: Int
            public var churned: Int
            public var score: Double
            public var rate: Double { cases > 0 ? Double(churned) / Double(cases) : 0 }
        }

        public var coverage: Double { cases > 0 ? Double(withData) / Double(cases) : 0 }
    }

    /// The measure as fitted (its weight is the weight fit's business); nil when the data
    /// give it no curve.
    public var measure: HealthMeasure?
    public var evidence: Evidence

    /// Bins a line is fitted over, at most.
    static let bins = 20
    /// A table value with fewer cases than this is pulled towards the overall rate this hard.
    static let prior = 20.0

    /// Fits `base` (or a new measure on `column` when `base` is nil) on `rows` of `data`.
    public init(base: HealthMeasure?, column: FitData.Column, name: String, group: String, data: FitData, rows: [Int]) {
        var evidence = Evidence(name: name, source: column.source, withData: 0, cases: rows.count, auc: nil, poorEnd: nil,
                                healthyEnd: nil, values: [])
        if column.words != nil {
            measure = Self.table(words: column, base: base, name: name, group: group, data: data, rows: rows, evidence: &evidence)
        } else if let table = base?.table, !table.isCategorical {
            measure = Self.table(numbers: column, base: base!, table: table, data: data, rows: rows, evidence: &evidence)
        } else {
            measure = Self.line(column, base: base, name: name, group: group, data: data, rows: rows, evidence: &evidence)
        }
        if let m = measure {
            var risk: [Double] = [], positive: [Bool] = []
            for i in rows {
                guard let input = column.input(i, on: Day(ordinal: 0)), let s = m.score(for: input) else { continue }
                risk.append(-s)
                positive.append(data.churned[i])
            }
            evidence.auc = RankingAUC(risk: risk, positive: positive)?.auc
        }
        self.evidence = evidence
    }

    // MARK: Lines

    static func line(_ column: FitData.Column, base: HealthMeasure?, name: String, group: String, data: FitData, rows: [Int],
                     evidence: inout Evidence) -> HealthMeasure? {
        var pairs: [(Double, Bool)] = []
        pairs.reserveCapacity(rows.count)
        for i in rows where !column.values[i].isNaN { pairs.append((Double(column.values[i]), data.churned[i])) }
        evidence.withData = pairs.count
        pairs.sort { $0.0 < $1.0 }
        guard let first = pairs.first, let last = pairs.last, first.0 < last.0 else {
            evidence.unfit = pairs.isEmpty ? "no data" : "one value only"
            return nil
        }
        // Higher values riskier when they rank churn above chance.
        let risingRisk = (RankingAUC(sorted: pairs)?.auc ?? 0.5) >= 0.5
        var bins = Self.cut(pairs)
        if !risingRisk { bins.reverse() }
        // Pool adjacent bins whose churn rate falls as the value gets poorer.
        let pooled = PooledBins(bins)
        let logits = pooled.logits
        guard let top = logits.max(), let bottom = logits.min(), top - bottom > 0.05 else {
            evidence.unfit = "churn hardly differs across its values"
            return nil
        }
        // Target score per bin: 100 at the lowest log-odds of churn, 0 at the highest.
        let target = logits.map { 100 * (top - $0) / (top - bottom) }
        let xs = bins.map(\.mean)
        let candidates = Array(Set(xs)).sorted()
        var best: (poor: Double, healthy: Double, error: Double)?
        for (a, low) in candidates.enumerated() {
            for high in candidates[(a + 1)...] {
                // Rising risk: poor is the high end.
                let (poor, healthy) = risingRisk ? (high, low) : (low, high)
                var error = 0.0
                for (k, x) in xs.enumerated() {
                    let s = Swift.min(100, Swift.max(0, (x - poor) / (healthy - poor) * 100))
                    error += Double(bins[k].cases) * (s - target[k]) * (s - target[k])
                }
                if best.map({ error < $0.error }) ?? true { best = (poor, healthy, error) }
            }
        }
        guard let best else { return nil }
        let source = column.source
        // Round numbers people can read: the source's step, or coarser for a wide range (an
        // attribute of minutes or dollars: 293, not 292.87).
        let step = Swift.max(source.resolution, Self.niceStep(last.0 - first.0))
        var poor = Self.round(best.poor, step), healthy = Self.round(best.healthy, step)
        if poor == healthy { healthy = risingRisk ? poor - step : poor + step }
        var m = base ?? HealthMeasure(name: name, source: source, group: group, poor: poor, healthy: healthy, weight: 1)
        m.table = nil
        m.poor = poor
        m.healthy = healthy
        m.direction = healthy > poor ? .higherIsBetter : .lowerIsBetter
        // A cap stays while the measure still reads the same way.
        if m.cap != nil, m.direction != base?.direction { m.cap = nil }
        var poorEnd = Evidence.Band(cases: 0, churned: 0), healthyEnd = Evidence.Band(cases: 0, churned: 0)
        for (x, churned) in pairs {
            let s = m.score(raw: x)
            if s <= 0 { poorEnd.cases += 1; if churned { poorEnd.churned += 1 } }
            if s >= 100 { healthyEnd.cases += 1; if churned { healthyEnd.churned += 1 } }
        }
        evidence.poorEnd = poorEnd
        evidence.healthyEnd = healthyEnd
        return m
    }

    /// Bins of about equal size by value, ties kept in one bin, in ascending value.
    static func cut(_ sorted: [(Double, Bool)]) -> [Bin] {
        let size = Swift.max(1, sorted.count / bins)
        var out: [Bin] = []
        var current = Bin()
        for (k, (x, churned)) in sorted.enumerated() {
            current.add(x, churned)
            let last = k == sorted.count - 1
            if last || (current.cases >= size && sorted[k + 1].0 != x) {
                out.append(current)
                current = Bin()
            }
        }
        return out
    }

    struct Bin {
        var cases = 0
        var churned = 0
        var sum = 0.0
        var mean: Double { cases > 0 ? sum / Double(cases) : 0 }

        mutating func add(_ x: Double, _ c: Bool) {
            cases += 1
            sum += x
            if c { churned += 1 }
        }
    }

    /// Pool-adjacent-violators on churn rates that should not fall from one bin to the
    /// next; each bin gets its pool's log-odds.
    struct PooledBins {
        var logits: [Double]

        init(_ bins: [Bin]) {
            var pools: [(cases: Double, churned: Double, count: Int)] = []
            for bin in bins {
                pools.append((Double(bin.cases), Double(bin.churned), 1))
                while pools.count > 1 {
                    let b = pools[pools.count - 1], a = pools[pools.count - 2]
                    guard a.churned / a.cases > b.churned / b.cases else { break }
                    pools.removeLast(2)
                    pools.append((a.cases + b.cases, a.churned + b.churned, a.count + b.count))
                }
            }
            logits = pools.flatMap { pool in
                Array(repeating: PortableMath.logit(events: pool.churned, of: pool.cases), count: pool.count)
            }
        }
    }

    /// A power of ten about a hundredth of `range`: 1 for a range of 350, 0.01 for one of 1.
    static func niceStep(_ range: Double) -> Double {
        guard range > 0, range.isFinite else { return 0 }
        var step = 1.0
        while step * 100 > range * 1.0001 { step /= 10 }
        while step * 1000 <= range { step *= 10 }
        return step
    }

    static func round(_ x: Double, _ step: Double) -> Double {
        let r = (x / step).rounded() * step
        // 0.30000000000000004 → 0.3
        return (r * 10_000).rounded() / 10_000
    }

    // MARK: Tables

    /// A numeric table (NPS by answer): the base table's entries keep their keys, scores refit.
    static func table(numbers column: FitData.Column, base: HealthMeasure, table: ScoreTable, data: FitData, rows: [Int],
                      evidence: inout Evidence) -> HealthMeasure? {
        var counts = [(cases: Double, churned: Double)](repeating: (0, 0), count: table.entries.count)
        var other = (cases: 0.0, churned: 0.0)
        var all = (cases: 0.0, churned: 0.0)
        for i in rows where !column.values[i].isNaN {
            let input = HealthInput(Double(column.values[i]), at: Day(ordinal: 0))
            let c = data.churned[i] ? 1.0 : 0
            all.cases += 1; all.churned += c
            if let k = table.entries.firstIndex(where: { $0.key.matches(input) }) {
                counts[k].cases += 1; counts[k].churned += c
            } else {
                other.cases += 1; other.churned += c
            }
        }
        evidence.withData = Int(all.cases)
        guard all.cases > 0, all.churned > 0, all.churned < all.cases else {
            evidence.unfit = all.cases == 0 ? "no data" : "everyone with data churned, or nobody did"
            return nil
        }
        let baseRate = all.churned / all.cases
        // Numbers in order: churn made monotone across the keys, in the direction the data lean.
        var logits = counts.map { Self.shrunk($0, baseRate) }
        let rising = Self.slope(logits, weights: counts.map(\.cases)) >= 0
        logits = Self.monotone(logits, weights: counts.map { Swift.max($0.cases, 1) }, rising: rising)
        let otherLogit = other.cases > 0 ? Self.shrunk(other, baseRate) : nil
        let all_ = logits + (otherLogit.map { [$0] } ?? [])
        guard let top = all_.max(), let bottom = all_.min(), top - bottom > 0.05 else {
            evidence.unfit = "churn hardly differs across its values"
            return nil
        }
        func score(_ l: Double) -> Double { (100 * (top - l) / (top - bottom)).rounded() }
        var m = base
        m.table = ScoreTable(entries: zip(table.entries, logits).map { ScoreTable.Entry($0.key, score: score($1)) },
                             otherwise: otherLogit.map(score) ?? table.otherwise)
        evidence.values = zip(table.entries, counts).enumerated().map { k, pair in
            Evidence.Value(label: pair.0.key.label, cases: Int(pair.1.cases), churned: Int(pair.1.churned), score: m.table!.entries[k].score)
        }
        if other.cases > 0, let s = m.table?.otherwise {
            evidence.values.append(Evidence.Value(label: "other", cases: Int(other.cases), churned: Int(other.churned), score: s))
        }
        return m
    }

    /// A word attribute: a score per word with at least 10 cases (the 24 commonest); the
    /// rest are `other`.
    static func table(words column: FitData.Column, base: HealthMeasure?, name: String, group: String, data: FitData, rows: [Int],
                      evidence: inout Evidence) -> HealthMeasure? {
        guard let words = column.words else { return nil }
        var counts = [(cases: Double, churned: Double)](repeating: (0, 0), count: words.count)
        var all = (cases: 0.0, churned: 0.0)
        for i in rows where !column.values[i].isNaN {
            let c = data.churned[i] ? 1.0 : 0
            counts[Int(column.values[i])].cases += 1
            counts[Int(column.values[i])].churned += c
            all.cases += 1; all.churned += c
        }
        evidence.withData = Int(all.cases)
        guard all.cases > 0, all.churned > 0, all.churned < all.cases else {
            evidence.unfit = all.cases == 0 ? "no data" : "everyone with data churned, or nobody did"
            return nil
        }
        let baseRate = all.churned / all.cases
        // Words with the same meaning ignoring case share a count.
        var byWord: [String: (label: String, cases: Double, churned: Double)] = [:]
        for (k, word) in words.enumerated() where counts[k].cases > 0 {
            let key = ScoreTable.normal(word)
            let prior = byWord[key] ?? (word, 0, 0)
            byWord[key] = (prior.label, prior.cases + counts[k].cases, prior.churned + counts[k].churned)
        }
        let common = byWord.values.filter { $0.cases >= 10 }.sorted { ($0.cases, $1.label) > ($1.cases, $0.label) }.prefix(24)
        let kept = Set(common.map { ScoreTable.normal($0.label) })
        var other = (cases: 0.0, churned: 0.0)
        for (key, v) in byWord where !kept.contains(key) { other.cases += v.cases; other.churned += v.churned }
        let logits = common.map { Self.shrunk(($0.cases, $0.churned), baseRate) }
        let otherLogit = other.cases > 0 ? Self.shrunk(other, baseRate) : PortableMath.logit(events: all.churned, of: all.cases)
        let everything = logits + [otherLogit]
        guard let top = everything.max(), let bottom = everything.min(), top - bottom > 0.05 else {
            evidence.unfit = "churn hardly differs across its values"
            return nil
        }
        func score(_ l: Double) -> Double { (100 * (top - l) / (top - bottom)).rounded() }
        let entries = zip(common, logits).map { ScoreTable.Entry(.word($0.0.label), score: score($0.1)) }
            .sorted { $0.score < $1.score }
        var m = base ?? HealthMeasure(name: name, source: column.source, group: group, poor: 0, healthy: 100, weight: 1)
        m.table = ScoreTable(entries: entries, otherwise: score(otherLogit))
        m.cap = nil
        evidence.values = entries.map { e in
            let v = common.first { ScoreTable.normal($0.label) == ScoreTable.normal(e.key.label) }!
            return Evidence.Value(label: e.key.label, cases: Int(v.cases), churned: Int(v.churned), score: e.score)
        }
        if other.cases > 0 {
            evidence.values.append(Evidence.Value(label: "other", cases: Int(other.cases), churned: Int(other.churned), score: score(otherLogit)))
        }
        return m
    }

    /// Log-odds of churn, pulled towards the base rate by `prior` cases' worth.
    static func shrunk(_ c: (cases: Double, churned: Double), _ baseRate: Double) -> Double {
        PortableMath.logit(events: c.churned + prior * baseRate, of: c.cases + prior)
    }

    /// The sign of the weighted trend of values in order.
    static func slope(_ values: [Double], weights: [Double]) -> Double {
        let total = weights.reduce(0, +)
        guard total > 0 else { return 0 }
        let meanX = zip(values.indices, weights).reduce(0) { $0 + Double($1.0) * $1.1 } / total
        let meanY = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
        return zip(values.indices, zip(values, weights)).reduce(0) { $0 + $1.1.1 * (Double($1.0) - meanX) * ($1.1.0 - meanY) }
    }

    /// Weighted isotonic regression of values in order: non-decreasing when `rising`, else
    /// non-increasing.
    static func monotone(_ values: [Double], weights: [Double], rising: Bool) -> [Double] {
        var pools: [(value: Double, weight: Double, count: Int)] = []
        for (v, w) in zip(values, weights) {
            pools.append((v, w, 1))
            while pools.count > 1 {
                let b = pools[pools.count - 1], a = pools[pools.count - 2]
                guard rising ? a.value > b.value : a.value < b.value else { break }
                pools.removeLast(2)
                let w = a.weight + b.weight
                pools.append(((a.value * a.weight + b.value * b.weight) / w, w, a.count + b.count))
            }
        }
        return pools.flatMap { Array(repeating: $0.value, count: $0.count) }
    }
}
