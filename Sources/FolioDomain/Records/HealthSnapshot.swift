/// An account's health on one day, with every measure that went into it, so "why is
/// this account red?" can be answered from the snapshot alone, long after the fact.
public struct HealthSnapshot: Hashable, Sendable, Codable {
    /// One measure's part in the score.
    public struct MeasureResult: Hashable, Sendable, Codable {
        public var name: String
        public var group: String
        /// The input as measured (0.52 seat utilisation, 37 days); nil when there was no data
        /// or the input was a word (`category`).
        public var raw: Double?
        /// 0…100 on the measure's curve; nil when there was no data.
        public var score: Double?
        /// The weight in the profile.
        public var weight: Double
        /// The weight after missing measures' weight was spread over the rest.
        public var effectiveWeight: Double
        /// score × effectiveWeight / 100: what this measure added to the total.
        public var points: Double
        /// The day the input was measured.
        public var inputDate: Day?
        public var stale: Bool
        /// The word, for a measure of a categorical attribute (`raw` is then nil).
        public var category: String?

        public init(name: String, group: String, raw: Double?, score: Double?, weight: Double,
                    effectiveWeight: Double, points: Double, inputDate: Day?, stale: Bool, category: String? = nil) {
            self.category = category
            self.name = name
            self.group = group
            self.raw = raw
            self.score = score
            self.weight = weight
            self.effectiveWeight = effectiveWeight
            self.points = points
            self.inputDate = inputDate
            self.stale = stale
        }
    }

    public var accountID: String
    public var date: Day
    /// 0…100; nil when no measure had data ("no data", never 0).
    public var score: Double?
    /// The band's name in the profile's preset (Red, Yellow, Green…).
    public var band: String?
    /// True when most of the score rests on stale inputs, or most of the profile's weight has
    /// no data at all (see `confidenceReason`).
    public var lowConfidence: Bool
    public var measures: [MeasureResult]

    public init(accountID: String, date: Day, score: Double?, band: String?, lowConfidence: Bool,
                measures: [MeasureResult]) {
        self.accountID = accountID
        self.date = date
        self.score = score
        self.band = band
        self.lowConfidence = lowConfidence
        self.measures = measures
    }
}

extension HealthSnapshot {
    /// The share (0…1) of the profile's weight whose measures had no data.
    public var missingShare: Double {
        let total = measures.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return 0 }
        return measures.filter { $0.score == nil }.reduce(0) { $0 + $1.weight } / total
    }

    /// The share (0…1) of the score that rests on stale inputs.
    public var staleShare: Double {
        measures.filter { $0.score != nil && $0.stale }.reduce(0) { $0 + $1.effectiveWeight } / 100
    }

    /// Why a score is low confidence: the larger of the two shares names it.
    public enum ConfidenceReason: Sendable {
        case staleInputs, missingInputs

        /// "mostly stale inputs", "mostly missing inputs".
        public var words: String { self == .staleInputs ? "mostly stale inputs" : "mostly missing inputs" }
    }

    /// Why the score is low confidence; nil when it is not.
    public var confidenceReason: ConfidenceReason? {
        guard lowConfidence else { return nil }
        return missingShare >= staleShare ? .missingInputs : .staleInputs
    }
}

extension HealthSnapshot.MeasureResult {
    /// The input as people read it: "0.52", "37 days", "annual"; "no data" without one.
    /// `source` formats numbers; without it, two decimals.
    public func rawText(source: MeasureSource?) -> String {
        if let category { return category }
        guard let raw else { return "no data" }
        return source?.format(raw) ?? MeasureSource.fixed(raw, decimals: 2)
    }
}
