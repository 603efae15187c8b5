/// One line of a health profile: what is measured, where poor and healthy are, and how
/// much it counts.
///
/// A measure's score is 0 at or beyond `poor`, 100 at or beyond `healthy` and linear in
/// between, whichever way the thresholds run (days overdue: poor 30, healthy 0) — or, when
/// it has a `table`, the table's score for the value (an NPS answer, an attribute's word).
public struct HealthMeasure: Hashable, Sendable, Codable {
    /// A raw value at or beyond `from`, on the poor side, caps the whole account's score
    /// at `maxScore` ("payment 60+ days overdue caps the score at 40").
    public struct Cap: Hashable, Sendable, Codable {
        public var from: Double
        public var maxScore: Double

        public init(from: Double, maxScore: Double) {
            self.from = from
            self.maxScore = maxScore
        }
    }

    /// Shown in every breakdown, and how tiers refer to the measure.
    public var name: String
    public var source: MeasureSource
    /// "usage activity", "relationship"…: for reading, not for arithmetic.
    public var group: String
    public var direction: MeasureDirection
    public var poor: Double
    public var healthy: Double
    /// Relative: the account score divides by the sum of the weights that have data.
    public var weight: Double
    public var cap: Cap?
    /// An input dated more than this many days before the scoring day is stale; nil means
    /// it never goes stale (a count computed on the day).
    public var freshnessDays: Int?
    /// Scores by value instead of the line from poor to healthy (which then go unused).
    public var table: ScoreTable?

    public init(name: String, source: MeasureSource, group: String, direction: MeasureDirection? = nil,
                poor: Double, healthy: Double, weight: Double, cap: Cap? = nil, freshnessDays: Int? = nil,
                table: ScoreTable? = nil) {
        self.table = table
        self.name = name
        self.source = source
        self.group = group
        self.direction = direction ?? (healthy >= poor ? .higherIsBetter : .lowerIsBetter)
        self.poor = poor
        self.healthy = healthy
        self.weight = weight
        self.cap = cap
        self.freshnessDays = freshnessDays
    }

    /// 0 at or beyond poor, 100 at or beyond healthy, linear in between. NaN scores 0.
    public func score(raw: Double) -> Double {
        guard !raw.isNaN else { return 0 }
        let share = (raw - poor) / (healthy - poor)
        return Swift.min(100, Swift.max(0, share * 100))
    }

    /// The score of an input: the table's, or the line's for a number; nil when the input
    /// has nothing this measure can score (a word for a line, a value no table entry has).
    public func score(for input: HealthInput) -> Double? {
        if let table { return table.score(for: input) }
        guard input.category == nil, !input.value.isNaN else { return nil }
        return score(raw: input.value)
    }

    /// The raw value that scores `score` on the linear part (0 → poor, 100 → healthy);
    /// scores outside 0…100 are clamped.
    public func raw(forScore score: Double) -> Double {
        let s = Swift.min(100, Swift.max(0, score))
        if s == 100 { return healthy }
        return poor + (healthy - poor) * s / 100
    }

    /// The account-score ceiling this raw value imposes through the cap, or nil.
    public func cap(raw: Double) -> Double? {
        guard let cap, !raw.isNaN, table == nil else { return nil }
        let within = direction == .higherIsBetter ? raw <= cap.from : raw >= cap.from
        return within ? cap.maxScore : nil
    }

    /// True when `a` is a better raw value than `b` for this measure.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        direction == .higherIsBetter ? a > b : a < b
    }
}
