/// A count out of a count: "7 of 12". The rate is nil when there is nothing to count, so an
/// empty group reads "not enough data", never 0 % or a division by zero.
public struct Ratio: Hashable, Sendable {
    public var count: Int
    public var of: Int

    public init(_ count: Int, of total: Int) {
        self.count = count
        self.of = total
    }

    public static let empty = Ratio(0, of: 0)

    public var rate: Double? { of == 0 ? nil : Double(count) / Double(of) }

    /// Adds one case to the group, a hit or not.
    public mutating func add(_ hit: Bool) {
        of += 1
        if hit { count += 1 }
    }
}
