/// A point in time as Folio stores it (whole seconds since 1970, UTC), for "who did it and
/// when" lines. Reading the clock is the executable's job; this only formats.
public struct Moment: Hashable, Comparable, Sendable, Codable {
    public let seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// Midnight UTC at the start of a day: when the daily run acts on that day.
    public init(startOf day: Day) { seconds = Int64(day.ordinal) * 86_400 }

    /// The UTC day it falls on.
    public var day: Day {
        Day(ordinal: Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400))
    }

    /// `2026-11-23 14:05 UTC`.
    public var utc: String {
        let intoDay = Int(seconds - Int64(day.ordinal) * 86_400)
        let hours = intoDay / 3600, minutes = intoDay % 3600 / 60
        return "\(day.iso) \(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes) UTC"
    }

    public static func < (a: Moment, b: Moment) -> Bool { a.seconds < b.seconds }

    public init(from decoder: any Decoder) throws {
        seconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(seconds)
    }
}
