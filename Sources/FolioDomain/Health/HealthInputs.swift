/// One measured value and the day it was measured (for staleness): a number, or for an
/// account attribute that is a word (`annual`), the word (`value` is then NaN).
public struct HealthInput: Hashable, Sendable {
    public var value: Double
    public var date: Day
    /// The word, for a categorical attribute; nil for a number.
    public var category: String?

    public init(_ value: Double, at date: Day) {
        self.value = value
        self.date = date
        self.category = nil
    }

    public init(category: String, at date: Day) {
        self.value = .nan
        self.date = date
        self.category = category
    }

    /// An attribute's text as an input: a plain number (`12`, `-3.5`) is a number, anything
    /// else a word.
    public init(attribute text: String, at date: Day) {
        if let number = Double(text), number.isFinite {
            self.init(number, at: date)
        } else {
            self.init(category: text, at: date)
        }
    }

    /// True when there is something to score: a number, or a word.
    public var hasValue: Bool { category != nil || !value.isNaN }
}

/// An account's inputs on a day, by source; a source without a value has no data.
/// The built-in sources sit in a small array indexed by the source's position: the daily
/// run builds one per account, and a dictionary keyed by the sources' names costs a string
/// hash per lookup. Attributes, fewer and named by the team, sit in a dictionary.
public struct HealthInputs: Hashable, Sendable {
    private var slots: [HealthInput?]
    private var attributes: [String: HealthInput] = [:]

    public init(_ values: [MeasureSource: HealthInput] = [:]) {
        slots = [HealthInput?](repeating: nil, count: MeasureSource.allCases.count)
        for (source, input) in values { self[source] = input }
    }

    public subscript(source: MeasureSource) -> HealthInput? {
        get {
            if let slot = source.slot { return slots[slot] }
            return source.attributeName.flatMap { attributes[$0] }
        }
        set {
            if let slot = source.slot {
                slots[slot] = newValue
            } else if let name = source.attributeName {
                attributes[name] = newValue
            }
        }
    }

    /// The sources that have a value, with it.
    public var values: [MeasureSource: HealthInput] {
        var out: [MeasureSource: HealthInput] = [:]
        for source in MeasureSource.allCases { if let input = self[source] { out[source] = input } }
        for (name, input) in attributes { out[.attribute(name)] = input }
        return out
    }
}

extension MeasureSource {
    /// The source's position among the built-in sources, without hashing its name; nil for
    /// an attribute.
    @usableFromInline var slot: Int? {
        switch self {
        case .seatUtilisation: 0
        case .keyActionTrend: 1
        case .featureDepth: 2
        case .daysSinceActivity: 3
        case .daysSinceMeeting: 4
        case .sponsorPresent: 5
        case .npsMean: 6
        case .openCriticalCases: 7
        case .severeCases90d: 8
        case .daysOverdue: 9
        case .daysToRenewal: 10
        case .npsLatest: 11
        case .cases90d: 12
        case .caseDaysOpen: 13
        case .tenureMonths: 14
        case .contractTerm: 15
        case .arrChange: 16
        case .attribute: nil
        }
    }
}
