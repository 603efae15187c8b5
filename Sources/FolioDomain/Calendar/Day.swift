/// A calendar day with no time of day and no time zone: the unit every rule in Folio
/// counts in (contract start, usage week, renewal date, "as of").
///
/// Stored as the number of days since 1970-01-01, so comparing and subtracting days is
/// integer arithmetic and a week of usage is `day + 7`.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// A valid Gregorian date, or nil (2026-02-30 is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.ordinal = Day.ordinal(year: year, month: month, day: day)
    }

    /// The days a person or an import may name (`--as-of`, `--from`, a renewal date): far
    /// wider than any contract, narrow enough that every rule's arithmetic on them (terms,
    /// quarters, windows, years of history) stays inside the calendar Folio can write.
    public static let supported = Day(ordinal: ordinal(year: 1900, month: 1, day: 1))...Day(ordinal: ordinal(year: 2199, month: 12, day: 31))

    /// Why a day typed by a person or read from an import is refused.
    public enum InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
        case notADate
        case outOfRange

        public var description: String {
            switch self {
            case .notADate: "is not a date; expected YYYY-MM-DD"
            case .outOfRange: "is outside the days Folio works with (\(Day.supported.lowerBound) to \(Day.supported.upperBound))"
            }
        }
    }

    /// A day typed by a person (`--as-of`, `--until`, a form) or read from an import:
    /// `YYYY-MM-DD`, a real date, within `Day.supported`.
    public init(input text: some StringProtocol) throws(InputProblem) {
        guard let day = Day(iso: text) else { throw .notADate }
        guard Day.supported.contains(day) else { throw .outOfRange }
        self = day
    }

    /// Parses `YYYY-MM-DD` exactly: four-digit year, two-digit month and day, a real date.
    @inlinable
    public init?(iso text: some StringProtocol) {
        if let parsed = text.utf8.withContiguousStorageIfAvailable({ Day(isoBytes: UnsafeRawBufferPointer($0)) }) {
            guard let parsed else { return nil }
            self = parsed
            return
        }
        guard let parsed = Array(text.utf8).withUnsafeBytes({ Day(isoBytes: $0) }) else { return nil }
        self = parsed
    }

    /// Parses `YYYY-MM-DD` from UTF-8 bytes (a CSV field, an SQLite column) without
    /// making a string first.
    @inlinable
    public init?(isoBytes bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        var ok = true
        func digits(_ range: Range<Int>) -> Int {
            var n = 0
            for k in range {
                let c = bytes[k]
                if c < 0x30 || c > 0x39 { ok = false }
                n = n &* 10 &+ Int(c &- 0x30)
            }
            return n
        }
        let year = digits(0..<4), month = digits(5..<7), day = digits(8..<10)
        guard ok else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var components: (year: Int, month: Int, day: Int) {
        // Inverse of `ordinal(year:month:day:)` (H. Hinnant's civil_from_days).
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = components
        // Written byte by byte: this runs for every row of a large import.
        return String(unsafeUninitializedCapacity: 10) { buf in
            let year = max(0, min(9999, y))
            buf[0] = UInt8(0x30 + year / 1000)
            buf[1] = UInt8(0x30 + year / 100 % 10)
            buf[2] = UInt8(0x30 + year / 10 % 10)
            buf[3] = UInt8(0x30 + year % 10)
            buf[4] = 0x2D
            buf[5] = UInt8(0x30 + m / 10)
            buf[6] = UInt8(0x30 + m % 10)
            buf[7] = 0x2D
            buf[8] = UInt8(0x30 + d / 10)
            buf[9] = UInt8(0x30 + d % 10)
            return 10
        }
    }

    public var description: String { iso }

    /// 1 = Monday … 7 = Sunday (ISO 8601). 1970-01-01 was a Thursday.
    public var weekday: Int {
        let r = (ordinal + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    public var isMonday: Bool { weekday == 1 }

    /// The Monday on or before this day: the week a usage row belongs to.
    public var weekStart: Day { adding(days: -(weekday - 1)) }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Same day of month `months` later, clamped to the month's end (Jan 31 + 1 → Feb 28).
    public func adding(months: Int) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let ny = total >= 0 ? total / 12 : (total - 11) / 12
        let nm = total - ny * 12 + 1
        // By ordinal, not the checked initialiser: arithmetic never traps, whatever the year.
        return Day(ordinal: Day.ordinal(year: ny, month: nm, day: min(d, Day.daysIn(month: nm, year: ny))))
    }

    public func adding(years: Int) -> Day { adding(months: 12 * years) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days since 1970-01-01 of any proleptic Gregorian date (no range check).
    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        // H. Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "\(text) is not a YYYY-MM-DD date"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
