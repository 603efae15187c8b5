/// A calendar quarter (Q1 = January–March): what renewal pipelines and QBRs are counted in.
public struct Quarter: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1…4.
    public let number: Int

    public init(year: Int, number: Int) {
        precondition((1...4).contains(number), "a quarter is numbered 1 to 4")
        self.year = year
        self.number = number
    }

    /// The quarter a day falls in.
    public init(containing day: Day) {
        let (y, m, _) = day.components
        self.init(year: y, number: (m - 1) / 3 + 1)
    }

    // By ordinal: a quarter past year 9999 (an as-of near the calendar's end) never traps.
    public var firstDay: Day { Day(ordinal: Day.ordinal(year: year, month: 3 * number - 2, day: 1)) }

    public var lastDay: Day {
        let month = 3 * number
        return Day(ordinal: Day.ordinal(year: year, month: month, day: Day.daysIn(month: month, year: year)))
    }

    public var next: Quarter { number == 4 ? Quarter(year: year + 1, number: 1) : Quarter(year: year, number: number + 1) }
    public var previous: Quarter { number == 1 ? Quarter(year: year - 1, number: 4) : Quarter(year: year, number: number - 1) }

    /// `2026-Q4`.
    public var description: String { "\(year)-Q\(number)" }

    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.number) < (b.year, b.number) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: "-Q")
        guard parts.count == 2, let y = Int(parts[0]), let n = Int(parts[1]), (1...4).contains(n) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(text) is not a quarter like 2026-Q4"))
        }
        self.init(year: y, number: n)
    }
}
