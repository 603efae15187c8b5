/// The days a report covers, both ends included.
public struct ReportPeriod: Hashable, Sendable {
    public var from: Day
    public var to: Day

    public init(from: Day, to: Day) {
        self.from = from
        self.to = to
    }

    /// The default: the 90 days up to and including `asOf`.
    public static func standard(asOf: Day) -> ReportPeriod {
        ReportPeriod(from: asOf.adding(days: -89), to: asOf)
    }

    public func contains(_ day: Day) -> Bool { from <= day && day <= to }
}
