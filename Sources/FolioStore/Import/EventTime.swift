import FolioDomain
import Foundation

/// Reads an event's timestamp fast from its bytes: ISO 8601 (`2026-01-05T08:12:00.000Z`,
/// `2026-01-05 08:12:00.123000`, `+01:00`) and Unix time in seconds, milliseconds or
/// microseconds (`1704442320`, `1704442320123`), as Segment, Amplitude and Mixpanel write
/// them. Anything else goes through the general date reader.
enum EventTime {
    enum Parsed {
        /// Seconds since 1970 (UTC).
        case instant(Int64)
        /// A wall-clock time with no offset: seconds since 1970 as if it were UTC.
        case naive(Int64)
        case invalid
    }

    static func parse(_ b: UnsafeRawBufferPointer) -> Parsed {
        let n = b.count
        guard n > 0 else { return .invalid }
        // Unix time: all digits (a fraction allowed).
        if b[0] >= 0x30 && b[0] <= 0x39 && (n < 5 || b[4] != 0x2D) {
            var v: Int64 = 0
            var i = 0
            while i < n, b[i] >= 0x30, b[i] <= 0x39 { v = v &* 10 &+ Int64(b[i] - 0x30); i += 1 }
            if i < n && b[i] != 0x2E { return .invalid }
            switch i {
            case 9...11: return .instant(v)
            case 12...14: return .instant(v / 1000)
            case 15...17: return .instant(v / 1_000_000)
            default: return .invalid
            }
        }
        guard n >= 10, b[4] == 0x2D, b[7] == 0x2D,
              let day = Day(isoBytes: UnsafeRawBufferPointer(rebasing: b[0..<10])) else { return .invalid }
        var seconds = Int64(day.ordinal) * 86_400
        if n == 10 { return .naive(seconds) }
        guard n >= 16, b[10] == 0x54 || b[10] == 0x20 || b[10] == 0x74, b[13] == 0x3A else { return .invalid }
        func two(_ i: Int) -> Int64? {
            guard b[i] >= 0x30, b[i] <= 0x39, b[i + 1] >= 0x30, b[i + 1] <= 0x39 else { return nil }
            return Int64(b[i] - 0x30) * 10 + Int64(b[i + 1] - 0x30)
        }
        guard let hh = two(11), let mm = two(14), hh < 24, mm < 60 else { return .invalid }
        seconds += hh * 3600 + mm * 60
        var i = 16
        if i < n && b[i] == 0x3A {
            guard n >= i + 3, let ss = two(i + 1), ss < 61 else { return .invalid }
            seconds += min(ss, 59)
            i += 3
            if i < n && (b[i] == 0x2E || b[i] == 0x2C) {
                i += 1
                while i < n, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            }
        }
        while i < n && b[i] == 0x20 { i += 1 }
        if i == n { return .naive(seconds) }
        if b[i] == 0x5A || b[i] == 0x7A { return i + 1 == n ? .instant(seconds) : .invalid }
        if n - i == 3, b[i] == 0x55, b[i + 1] == 0x54, b[i + 2] == 0x43 { return .instant(seconds) } // UTC
        guard b[i] == 0x2B || b[i] == 0x2D else { return .invalid }
        let sign: Int64 = b[i] == 0x2B ? 1 : -1
        i += 1
        guard i + 2 <= n, let oh = two(i) else { return .invalid }
        i += 2
        var om: Int64 = 0
        if i < n && b[i] == 0x3A { i += 1 }
        if i + 2 <= n, let m = two(i) { om = m; i += 2 }
        guard i == n, oh <= 14, om < 60 else { return .invalid }
        return .instant(seconds - sign * (oh * 3600 + om * 60))
    }
}

/// A time zone's UTC offsets as a table of transitions, so millions of events find their
/// local day with a binary search instead of a call into Foundation each.
struct ZoneTable: Sendable {
    private var starts: [Int64] = []
    private var offsets: [Int64] = []

    init(_ zone: TimeZone) {
        // 1990 to 2060 covers any export.
        var t = Date(timeIntervalSince1970: 631_152_000)
        let end = Date(timeIntervalSince1970: 2_871_763_200)
        starts.append(Int64.min)
        offsets.append(Int64(zone.secondsFromGMT(for: t)))
        while let next = zone.nextDaylightSavingTimeTransition(after: t), next < end {
            starts.append(Int64(next.timeIntervalSince1970))
            offsets.append(Int64(zone.secondsFromGMT(for: next)))
            t = next
        }
    }

    static let utc = ZoneTable(TimeZone(identifier: "UTC")!)

    @inline(__always)
    func offset(at epoch: Int64) -> Int64 {
        if starts.count == 1 { return offsets[0] }
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= epoch { lo = mid } else { hi = mid - 1 }
        }
        return offsets[lo]
    }

    /// The instant a naive wall-clock time (seconds as if UTC) means in this zone.
    func instant(naive: Int64) -> Int64 {
        let guess = naive - offset(at: naive)
        return naive - offset(at: guess)
    }

    /// The local day (days since 1970) of an instant.
    @inline(__always)
    func day(at epoch: Int64) -> Int {
        let local = epoch + offset(at: epoch)
        return Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    /// The instant a local day starts.
    func start(ofDay day: Int) -> Int64 {
        instant(naive: Int64(day) * 86_400)
    }
}
