import FolioDomain
import Foundation

/// A date, maybe with a time of day and a UTC offset, as read from a field: `2026-01-05`,
/// `2026-01-05 08:12`, `2026-01-05T08:12:00.000Z`, `1/5/2026 8:12 AM`, `05.01.2026 08:12`.
struct DateTimeValue: Hashable, Sendable {
    var day: Day
    /// Seconds into the day, when a time was given.
    var secondsOfDay: Int?
    /// Seconds east of UTC, when the value said (`Z`, `+01:00`, ` UTC`).
    var offset: Int?

    /// The instant, in seconds since 1970: a naive value is read in `zone` (UTC when nil).
    func epochSeconds(naiveZone zone: TimeZone?) -> Int64 {
        let local = Int64(day.ordinal) * 86_400 + Int64(secondsOfDay ?? 0)
        if let offset { return local - Int64(offset) }
        guard let zone else { return local }
        // Two guesses settle on the zone's offset at that local time (DST edges included).
        var guess = local - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local))))
        guess = local - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(guess))))
        return guess
    }

    /// The calendar day in `target`: a value with an offset (or a naive one read in
    /// `naiveZone`) moves to the target's day; otherwise it is the day as written.
    func day(naiveZone: TimeZone?, target: TimeZone?) -> Day {
        guard let target, secondsOfDay != nil, offset != nil || naiveZone != nil else { return day }
        let epoch = epochSeconds(naiveZone: naiveZone)
        let local = epoch + Int64(target.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch))))
        return Day(ordinal: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
    }
}

/// A date (and time) pattern as people write them (`dd.MM.yyyy HH:mm`, `M/d/yyyy h:mm a`,
/// `yyyy-MM-dd'T'HH:mm:ssXXX`), the letters of Unicode's date patterns, read leniently where
/// exports differ: numbers take one or two digits, any run of spaces matches any other, a
/// comma before a space is optional (`1/5/2026, 8:12 AM`), and a date pattern also reads a
/// value that has a time after it.
struct DateTimePattern: Hashable, Sendable {
    enum Token: Hashable, Sendable {
        case year4, year2, month, monthName, day, hour24, hour12, minute, second, fraction, ampm, offset, zoneName, weekdayName
        case literal(Character)
        case space
    }

    let text: String
    let tokens: [Token]
    var hasTime: Bool { tokens.contains { [.hour24, .hour12].contains($0) } }

    /// Compiles a pattern; nil with the reason when a letter is not understood.
    static func compile(_ text: String) -> Result<DateTimePattern, PatternError> {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                var j = i + 1
                while j < chars.count && chars[j] != "'" { tokens.append(.literal(chars[j])); j += 1 }
                i = j + 1
                continue
            }
            if c.isWhitespace {
                if tokens.last != .space { tokens.append(.space) }
                i += 1
                continue
            }
            guard c.isLetter && c.isASCII else {
                tokens.append(.literal(c))
                i += 1
                continue
            }
            var n = 1
            while i + n < chars.count && chars[i + n] == c { n += 1 }
            let token: Token
            switch c {
            case "y", "Y", "u": token = n == 2 ? .year2 : .year4
            case "M", "L": token = n >= 3 ? .monthName : .month
            case "d", "D": token = .day
            case "H", "k": token = .hour24
            case "h", "K": token = .hour12
            case "m": token = .minute
            case "s": token = .second
            case "S": token = .fraction
            case "a": token = .ampm
            case "X", "x", "Z", "O": token = .offset
            case "z", "v", "V": token = .zoneName
            case "E", "e", "c": token = .weekdayName
            case "T":
                token = .literal("T") // `yyyy-MM-ddTHH:mm` as people often write it, unquoted
            default:
                return .failure(PatternError(pattern: text, letter: c))
            }
            tokens.append(token)
            i += n
        }
        guard tokens.contains(.day) || tokens.contains(.month) || tokens.contains(.year4) else {
            return .failure(PatternError(pattern: text, letter: nil))
        }
        return .success(DateTimePattern(text: text, tokens: tokens))
    }

    struct PatternError: Error, Hashable {
        var pattern: String
        var letter: Character?

        var message: String {
            if let letter {
                return "date pattern \"\(pattern)\": \"\(letter)\" is not a pattern letter; use yyyy, MM, dd, HH, hh, mm, ss, SSS, a (AM/PM), XXX (offset), and quote literal text ('T')"
            }
            return "date pattern \"\(pattern)\" has no day, month or year (like dd.MM.yyyy or M/d/yyyy h:mm a)"
        }
    }

    /// Reads `text`; nil when it does not match.
    func parse(_ text: String) -> DateTimeValue? {
        var scanner = DateScanner(text)
        var year: Int?, month: Int?, day: Int?, hour: Int?, minute = 0, second = 0
        var pm: Bool?, offset: Int?
        for (k, token) in tokens.enumerated() {
            switch token {
            case .year4:
                guard let y = scanner.number(min: 4, max: 4) else { return nil }
                year = y
            case .year2:
                guard let y = scanner.number(min: 2, max: 2) else { return nil }
                year = y < 70 ? 2000 + y : 1900 + y
            case .month:
                guard let m = scanner.number(min: 1, max: 2) else { return nil }
                month = m
            case .monthName:
                guard let m = scanner.monthName() else { return nil }
                month = m
            case .day:
                guard let d = scanner.number(min: 1, max: 2) else { return nil }
                day = d
            case .hour24, .hour12:
                guard let h = scanner.number(min: 1, max: 2) else { return nil }
                hour = h
            case .minute:
                guard let m = scanner.number(min: 2, max: 2) else { return nil }
                minute = m
            case .second:
                guard let s = scanner.number(min: 2, max: 2) else { return nil }
                second = s
            case .fraction:
                guard scanner.digits() > 0 else { return nil }
            case .ampm:
                guard let p = scanner.ampm() else { return nil }
                pm = p
            case .offset:
                guard let o = scanner.offset() else { return nil }
                offset = o
            case .zoneName:
                guard let o = scanner.zoneName() else { return nil }
                offset = o
            case .weekdayName:
                guard scanner.letters() > 0 else { return nil }
                scanner.skip(",")
            case .literal(let c):
                if c == ",", scanner.peekIsSpaceOrEnd, k + 1 < tokens.count, tokens[k + 1] == .space { continue }
                guard scanner.take(c) else { return nil }
            case .space:
                guard scanner.spaces() else { return nil }
            }
        }
        // A date pattern reads a value with a time after it (a date-time column mapped to a date).
        if !scanner.atEnd && !hasTime {
            guard let tail = Self.trailingTime(&scanner) else { return nil }
            hour = tail.hour; minute = tail.minute; second = tail.second; pm = tail.pm; offset = tail.offset ?? offset
        }
        scanner.skipSpaces()
        guard scanner.atEnd, let y = year, let m = month else { return nil }
        let d = day ?? 1
        guard let date = Day(year: y, month: m, day: d) else { return nil }
        var seconds: Int?
        if var h = hour {
            if let pm {
                guard (1...12).contains(h) else { return nil }
                h = h % 12 + (pm ? 12 : 0)
            }
            guard (0...23).contains(h), (0...59).contains(minute), (0...60).contains(second) else { return nil }
            seconds = h * 3600 + minute * 60 + min(second, 59)
        }
        return DateTimeValue(day: date, secondsOfDay: seconds, offset: offset)
    }

    /// ` 8:12`, ` 08:12:00 PM`, `T08:12:00.000Z`, ` 08:12:00 +0100` after a date.
    static func trailingTime(_ scanner: inout DateScanner) -> (hour: Int, minute: Int, second: Int, pm: Bool?, offset: Int?)? {
        if !scanner.take("T") {
            scanner.skip(",")
            guard scanner.spaces() else { return nil }
        }
        guard let h = scanner.number(min: 1, max: 2), scanner.take(":"), let m = scanner.number(min: 2, max: 2) else { return nil }
        var s = 0
        if scanner.take(":") {
            guard let sec = scanner.number(min: 2, max: 2) else { return nil }
            s = sec
            if scanner.take(".") || scanner.take(",") { guard scanner.digits() > 0 else { return nil } }
        }
        var pm: Bool?
        var offset: Int?
        var probe = scanner
        probe.skipSpaces()
        if let p = probe.ampm() { pm = p; scanner = probe }
        probe = scanner
        probe.skipSpaces()
        if let o = probe.offset() ?? probe.zoneName() { offset = o; scanner = probe }
        return (h, m, s, pm, offset)
    }
}

/// Reads dates without a pattern: every ISO 8601 form a tool writes (`2026-01-05`,
/// `2026-01-05 08:12`, `2026-01-05T08:12:00.000Z`, `+01:00` or ` +0100` or ` UTC`),
/// `2026/01/05`, `05.01.2026` (day first: nobody writes month.day.year), `Jan 5, 2026`, and
/// the locale's short date when the mapping names one (`1/5/2026 8:12 AM` for en-US).
struct DateReader: Sendable {
    var patterns: [DateTimePattern]
    /// Locale patterns tried after ISO; empty when no locale is set.
    var localePatterns: [DateTimePattern]

    init(pattern: DateTimePattern?, locale: ImportLocale) {
        patterns = pattern.map { [$0] } ?? []
        var local: [DateTimePattern] = []
        if !locale.datePattern.isEmpty, case .success(let p) = DateTimePattern.compile(locale.datePattern) { local.append(p) }
        localePatterns = local
    }

    static let iso: [DateTimePattern] = ["yyyy-M-d", "yyyy/M/d", "d.M.yyyy", "MMM d yyyy", "MMM d, yyyy", "d MMM yyyy", "yyyyMMdd"].compactMap {
        if case .success(let p) = DateTimePattern.compile($0) { return p }
        return nil
    }

    /// The value, or nil; `slashAmbiguous` is set when a `1/5/2026`-like value was seen
    /// without a locale to say which comes first.
    func read(_ text: String) -> DateTimeValue? {
        for p in patterns { if let v = p.parse(text) { return v } }
        if let v = Self.fastISO(text) { return v }
        for p in Self.iso { if let v = p.parse(text) { return v } }
        for p in localePatterns { if let v = p.parse(text) { return v } }
        return nil
    }

    /// `2026-01-05` and `2026-01-05T08:12:00(.000)(Z|±hh:mm)`, the common case, without scanning patterns.
    static func fastISO(_ text: String) -> DateTimeValue? {
        guard text.utf8.count == 10, let day = Day(iso: text) else { return nil }
        return DateTimeValue(day: day, secondsOfDay: nil, offset: nil)
    }

    static func isSlashDate(_ text: String) -> Bool {
        let head = text.prefix { !$0.isWhitespace }
        let parts = head.split(separator: "/")
        return parts.count == 3 && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }
}

/// A cursor over a value's characters for `DateTimePattern`.
struct DateScanner {
    private let chars: [Character]
    private var i = 0

    init(_ text: String) { chars = Array(text.trimmingCharacters(in: .whitespaces)) }

    var atEnd: Bool { i >= chars.count }
    var peekIsSpaceOrEnd: Bool { atEnd || chars[i].isWhitespace }

    mutating func number(min: Int, max: Int) -> Int? {
        var n = 0, k = 0
        while k < max, i + k < chars.count, let v = chars[i + k].wholeNumberValue, chars[i + k].isASCII {
            n = n * 10 + v
            k += 1
        }
        guard k >= min else { return nil }
        i += k
        return n
    }

    mutating func digits() -> Int {
        var k = 0
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1; k += 1 }
        return k
    }

    mutating func letters() -> Int {
        var k = 0
        while i < chars.count, chars[i].isLetter || chars[i] == "." { i += 1; k += 1 }
        return k
    }

    mutating func take(_ c: Character) -> Bool {
        guard i < chars.count, chars[i] == c || (c.isLetter && chars[i].lowercased() == c.lowercased()) else { return false }
        i += 1
        return true
    }

    mutating func skip(_ c: Character) { _ = take(c) }

    /// One or more spaces (any kind: exports put U+00A0 or U+202F before AM/PM).
    mutating func spaces() -> Bool {
        var k = 0
        while i < chars.count, chars[i].isWhitespace { i += 1; k += 1 }
        return k > 0
    }

    mutating func skipSpaces() { _ = spaces() }

    mutating func ampm() -> Bool? {
        let rest = String(chars[i...].prefix(4)).lowercased()
        for (text, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] where rest.hasPrefix(text) {
            i += text.count
            return pm
        }
        return nil
    }

    /// `Z`, `+01:00`, `+0100`, `+01`, `-08:00`, `UTC`, `GMT+1`.
    mutating func offset() -> Int? {
        guard i < chars.count else { return nil }
        if chars[i] == "Z" || chars[i] == "z" { i += 1; return 0 }
        if let named = zoneName() { return named }
        return signedOffset()
    }

    private mutating func signedOffset() -> Int? {
        guard i < chars.count, chars[i] == "+" || chars[i] == "-" || chars[i] == "−" else { return nil }
        let sign = chars[i] == "+" ? 1 : -1
        let start = i
        i += 1
        guard let h = number(min: 1, max: 2) else { i = start; return nil }
        var m = 0
        if take(":") {
            guard let mm = number(min: 2, max: 2) else { i = start; return nil }
            m = mm
        } else if let mm = number(min: 2, max: 2) {
            m = mm
        }
        guard h <= 14, m < 60 else { i = start; return nil }
        return sign * (h * 3600 + m * 60)
    }

    /// `UTC`, `GMT`, `GMT+01:00`, and the US abbreviations exports use.
    mutating func zoneName() -> Int? {
        let rest = String(chars[i...].prefix(3)).uppercased()
        let names = ["UTC": 0, "GMT": 0, "PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "CST": -6, "CDT": -5, "EST": -5, "EDT": -4, "CET": 1, "CEST": 2]
        if String(chars[i...].prefix(4)).uppercased() == "CEST" { i += 4; return 7200 }
        guard let hours = names[rest] else { return nil }
        i += 3
        if rest == "UTC" || rest == "GMT", let extra = signedOffset() { return extra }
        return hours * 3600
    }

    mutating func monthName() -> Int? {
        var word = ""
        while i < chars.count, chars[i].isLetter { word.append(chars[i]); i += 1 }
        skip(".")
        let w = word.lowercased()
        guard w.count >= 3 else { return nil }
        let months = [["jan", "janv", "jän", "ene", "gen"], ["feb", "fév", "fev", "febr"], ["mar", "mär", "mrz", "mars", "marzo"],
                      ["apr", "avr", "abr"], ["may", "mai", "mag", "mei", "mayo"], ["jun", "juin", "giu"],
                      ["jul", "juil", "lug"], ["aug", "aoû", "aou", "ago"], ["sep", "sept", "set"],
                      ["oct", "okt", "ott", "out"], ["nov"], ["dec", "déc", "dez", "dic"]]
        for (index, names) in months.enumerated() where names.contains(where: { w.hasPrefix($0) }) {
            return index + 1
        }
        return nil
    }
}
