/// One measured number and the day it was measured (for staleness).
public struct HealthInput: Hashable, Sendable {
    public var value: Double
    public var date: Day

    public init(_ value: Double, at date: Day) {
        self.value = value
        self.date = date
    }
}

/// An account's inputs on a day, by source; a source without a value has no data.
/// Held in a small array indexed by the source's position: the daily run builds one per
/// account, and a dictionary keyed by the sources' names costs a string hash per lookup.
public struct HealthInputs: Hashable, Sendable {
    private var slots: [HealthInput?]

    public init(_ values: [MeasureSource: HealthInput] = [:]) {
        slots = [HealthInput?](repeating: nil, count: MeasureSource.allCases.count)
        for (source, input) in values { slots[source.slot] = input }
    }

    public subscript(source: MeasureSource) -> HealthInput? {
        get { slots[source.slot] }
        set { slots[source.slot] = newValue }
    }

    /// The sources that have a value, with it.
    public var values: [MeasureSource: HealthInput] {
        var out: [MeasureSource: HealthInput] = [:]
        for source in MeasureSource.allCases { if let input = slots[source.slot] { out[source] = input } }
        return out
    }
}

extension MeasureSource {
    /// The source's position among all sources, without hashing its name.
    @usableFromInline var slot: Int {
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
        }
    }
}
