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
public struct HealthInputs: Hashable, Sendable {
    public var values: [MeasureSource: HealthInput]

    public init(_ values: [MeasureSource: HealthInput] = [:]) {
        self.values = values
    }

    public subscript(source: MeasureSource) -> HealthInput? {
        get { values[source] }
        set { values[source] = newValue }
    }
}
