import FolioDomain

/// `2026-11-23T06:00:00Z`.
enum ISOMoment {
    static func text(_ seconds: Int64) -> String {
        let m = Moment(seconds: seconds)
        let into = Int(seconds - Int64(m.day.ordinal) * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(m.day.iso)T\(two(into / 3600)):\(two(into % 3600 / 60)):\(two(into % 60))Z"
    }

    /// `2026-11-24T15:00:00Z`, `2026-11-24T15:00Z`, or `15:00` (on `day`, UTC).
    static func parse(_ text: String, on day: Day) -> Int64? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var base = day
        if rest.count >= 10, let d = try? Day(input: rest.prefix(10)) {
            base = d
            rest = rest.dropFirst(10)
            if rest.isEmpty { return Int64(base.ordinal) * 86_400 }
            guard rest.first == "T" || rest.first == " " else { return nil }
            rest = rest.dropFirst()
        }
        if rest.last == "Z" { rest = rest.dropLast() }
        let parts = rest.split(separator: ":")
        guard (2...3).contains(parts.count), let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        let s = parts.count == 3 ? Int(parts[2]) ?? -1 : 0
        guard (0..<60).contains(s) else { return nil }
        return Int64(base.ordinal) * 86_400 + Int64(h * 3600 + m * 60 + s)
    }
}
