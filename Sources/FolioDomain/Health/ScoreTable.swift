/// A measure scored by a table instead of a straight line between poor and healthy: a
/// score per NPS answer (`{0-6: 0, 7: 40, 8: 60, 9: 80, 10: 100}`), or per word of an
/// account attribute (`{monthly: 0, annual: 70, two-year: 100}`).
public struct ScoreTable: Hashable, Sendable, Codable {
    /// What an entry matches.
    public enum Key: Hashable, Sendable, Codable {
        /// Numbers from `low` to `high`, both included (one number: `low == high`).
        case numbers(low: Double, high: Double)
        /// A word, matched ignoring case and surrounding spaces.
        case word(String)

        /// As a profile writes it: "0-6", "7", "annual".
        public var label: String {
            switch self {
            case let .numbers(low, high):
                return low == high ? Self.show(low) : "\(Self.show(low))-\(Self.show(high))"
            case .word(let word):
                return word
            }
        }

        static func show(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }

        func matches(_ input: HealthInput) -> Bool {
            switch self {
            case let .numbers(low, high):
                if let word = input.category { return Double(word).map { low <= $0 && $0 <= high } ?? false }
                return low <= input.value && input.value <= high
            case .word(let word):
                if let text = input.category { return ScoreTable.normal(text) == ScoreTable.normal(word) }
                return Double(word).map { $0 == input.value } ?? false
            }
        }
    }

    public struct Entry: Hashable, Sendable, Codable {
        public var key: Key
        /// 0…100.
        public var score: Double

        public init(_ key: Key, score: Double) {
            self.key = key
            self.score = score
        }
    }

    /// In the profile's order; the first that matches wins.
    public var entries: [Entry]
    /// The score of a value no entry matches; nil makes such a value "no data".
    public var otherwise: Double?

    public init(entries: [Entry], otherwise: Double? = nil) {
        self.entries = entries
        self.otherwise = otherwise
    }

    /// The score of an input, or nil when nothing matches and there is no `otherwise`.
    public func score(for input: HealthInput) -> Double? {
        guard input.hasValue else { return nil }
        for entry in entries where entry.key.matches(input) { return entry.score }
        return otherwise
    }

    /// True when every key is a word (a categorical attribute's table).
    public var isCategorical: Bool {
        entries.allSatisfy { if case .word = $0.key { true } else { false } }
    }

    static func normal(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let f = scalars.first, f == " " { scalars.removeFirst() }
        while let l = scalars.last, l == " " { scalars.removeLast() }
        return String(scalars).lowercased()
    }
}
