/// An amount of money in cents, exact: ARR and renewal amounts are added up across
/// thousands of accounts and must come out the same as a spreadsheet would.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }
    public init(units: Int64) { self.cents = units * 100 }

    public static let zero = Money(cents: 0)

    /// Parses a plain decimal (`125000`, `125000.5`, `-3.25`): digits, an optional sign and
    /// at most two decimals. No thousands separators, no currency symbols, no exponent.
    public init?(decimal text: some StringProtocol) {
        var u = Substring(text).utf8[...]
        var negative = false
        if let first = u.first, first == 0x2D || first == 0x2B {
            negative = first == 0x2D
            u = u.dropFirst()
        }
        guard !u.isEmpty else { return nil }
        var whole: Int64 = 0, fraction: Int64 = 0, fractionDigits = 0
        var seenPoint = false, digits = 0
        for c in u {
            if c == 0x2E {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard c >= 0x30, c <= 0x39 else { return nil }
            let v = Int64(c - 0x30)
            if seenPoint {
                fractionDigits += 1
                guard fractionDigits <= 2 else { return nil }
                fraction = fraction * 10 + v
            } else {
                digits += 1
                guard digits <= 15 else { return nil }
                whole = whole * 10 + v
            }
        }
        guard digits > 0 || fractionDigits > 0 else { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        let cents = whole * 100 + fraction
        self.cents = negative ? -cents : cents
    }

    /// `125000`, `125000.50`: the import format, round-trips through `init(decimal:)`.
    public var decimal: String {
        let sign = cents < 0 ? "-" : ""
        let a = cents.magnitude
        let whole = a / 100, frac = a % 100
        return frac == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// Whole units with thousands separators: `1,250,000`.
    public var grouped: String {
        let units = (cents.magnitude + 50) / 100
        var s = String(units)
        var i = s.count - 3
        while i > 0 {
            s.insert(",", at: s.index(s.startIndex, offsetBy: i))
            i -= 3
        }
        return (cents < 0 ? "-" : "") + s
    }

    /// Short form for tables: `950`, `12.5k`, `1.2M`.
    public var compact: String {
        let units = Double(cents) / 100
        let a = abs(units)
        let sign = units < 0 ? "-" : ""
        func trim(_ v: Double) -> String {
            let r = (v * 10).rounded() / 10
            return r == r.rounded() ? String(Int(r)) : String(r)
        }
        if a >= 1_000_000 { return sign + trim(a / 1_000_000) + "M" }
        if a >= 1_000 { return sign + trim(a / 1_000) + "k" }
        return sign + String(Int(a.rounded()))
    }

    public var description: String { decimal }

    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }
    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    public static func += (a: inout Money, b: Money) { a.cents += b.cents }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        self.cents = Int64((try c.decode(Double.self) * 100).rounded())
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Double(cents) / 100)
    }
}
