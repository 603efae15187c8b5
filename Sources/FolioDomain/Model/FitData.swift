/// What a fit learns from: for each case (an account on a scored day), the value of every
/// source with data and whether the account churned within the horizon. Held as columns of
/// `Float` (a year of a big book is a million cases and more).
public struct FitData: Sendable {
    public struct Column: Sendable {
        public var source: MeasureSource
        /// One per case; NaN where the case has no data. For words, the index into `words`.
        public var values: [Float]
        /// The words of a categorical attribute, by index; nil for numbers.
        public var words: [String]?

        public init(source: MeasureSource, values: [Float], words: [String]? = nil) {
            self.source = source
            self.values = values
            self.words = words
        }

        /// Case i's input, as the scoring reads it; nil without data.
        public func input(_ i: Int, on day: Day) -> HealthInput? {
            let v = values[i]
            guard !v.isNaN else { return nil }
            if let words { return HealthInput(category: words[Int(v)], at: day) }
            return HealthInput(Double(v), at: day)
        }

        /// Cases with data.
        public var withData: Int { values.reduce(0) { $0 + ($1.isNaN ? 0 : 1) } }
    }

    public var columns: [Column]
    public var churned: [Bool]
    /// The account of each case (an index the caller chose), for folds and for counting
    /// accounts rather than days.
    public var accounts: [Int32]
    public var tiers: [Account.Tier]
    /// The cross-validation fold of each case; all of an account's cases share one.
    public var folds: [UInt8]

    public init(columns: [Column], churned: [Bool], accounts: [Int32], tiers: [Account.Tier], folds: [UInt8]) {
        self.columns = columns
        self.churned = churned
        self.accounts = accounts
        self.tiers = tiers
        self.folds = folds
    }

    /// From each case's inputs (tests and small books); words become codes.
    public init(inputs: [HealthInputs], churned: [Bool], accounts: [Int32], tiers: [Account.Tier], folds: [UInt8]) {
        var sources: [MeasureSource] = []
        var seen = Set<MeasureSource>()
        for input in inputs {
            for source in input.values.keys where seen.insert(source).inserted { sources.append(source) }
        }
        sources.sort { $0.rawValue < $1.rawValue }
        columns = sources.map { source in
            var codes: [String: Int] = [:], words: [String] = []
            var isWords = false
            let values: [Float] = inputs.map { input in
                guard let value = input[source] else { return .nan }
                if let word = value.category {
                    isWords = true
                    if let code = codes[word] { return Float(code) }
                    codes[word] = words.count
                    words.append(word)
                    return Float(words.count - 1)
                }
                return Float(value.value)
            }
            return Column(source: source, values: values, words: isWords ? words : nil)
        }
        self.churned = churned
        self.accounts = accounts
        self.tiers = tiers
        self.folds = folds
    }

    public var count: Int { churned.count }

    public func column(_ source: MeasureSource) -> Column? { columns.first { $0.source == source } }

    /// The cases `keep` says yes to, every column cut alike.
    public func subset(_ keep: [Bool]) -> FitData {
        func cut<T>(_ a: [T]) -> [T] { var out: [T] = []; for i in a.indices where keep[i] { out.append(a[i]) }; return out }
        return FitData(columns: columns.map { Column(source: $0.source, values: cut($0.values), words: $0.words) },
                       churned: cut(churned), accounts: cut(accounts), tiers: cut(tiers), folds: cut(folds))
    }

    /// Distinct accounts that churned, and that stayed, among the cases.
    public var accountCounts: (churned: Int, stayed: Int) {
        var churners = Set<Int32>(), all = Set<Int32>()
        for i in 0..<count {
            all.insert(accounts[i])
            if churned[i] { churners.insert(accounts[i]) }
        }
        return (churners.count, all.count - churners.count)
    }

    // MARK: Scoring a profile on the columns

    /// Each case's health score under `profile` (NaN where no measure has data), exactly
    /// as `HealthScoring` computes it (caps included, staleness aside).
    public func scores(_ profile: HealthProfile) -> [Double] {
        var out = [Double](repeating: .nan, count: count)
        // Cases grouped by the measure list their tier uses (tiers sharing a list, one group).
        var lists: [[HealthMeasure]] = []
        var listOfTier: [Account.Tier: Int] = [:]
        for tier in Account.Tier.allCases {
            let list = profile.measures(for: tier)
            if let k = lists.firstIndex(of: list) { listOfTier[tier] = k } else { listOfTier[tier] = lists.count; lists.append(list) }
        }
        var groups = [[Int]](repeating: [], count: lists.count)
        for i in 0..<count { groups[listOfTier[tiers[i]] ?? 0].append(i) }
        for (measures, cases) in zip(lists, groups) where !cases.isEmpty {
            var weighted = [Double](repeating: 0, count: cases.count)
            var weights = [Double](repeating: 0, count: cases.count)
            var cap = [Double](repeating: .infinity, count: cases.count)
            for m in measures {
                guard let column = column(m.source) else { continue }
                for (k, i) in cases.enumerated() {
                    let v = column.values[i]
                    guard !v.isNaN else { continue }
                    let score: Double?
                    if let words = column.words {
                        score = m.score(for: HealthInput(category: words[Int(v)], at: Day(ordinal: 0)))
                    } else {
                        score = m.table == nil ? m.score(raw: Double(v)) : m.score(for: HealthInput(Double(v), at: Day(ordinal: 0)))
                        if let limit = m.cap(raw: Double(v)) { cap[k] = Swift.min(cap[k], limit) }
                    }
                    guard let score else { continue }
                    weighted[k] += m.weight * score
                    weights[k] += m.weight
                }
            }
            for (k, i) in cases.enumerated() where weights[k] > 0 {
                out[i] = Swift.min(cap[k], Swift.min(100, Swift.max(0, weighted[k] / weights[k])))
            }
        }
        return out
    }
}
