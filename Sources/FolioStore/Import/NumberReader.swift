import FolioDomain

/// Reads numbers as exports write them: thousands separators (`1,657`, `1.657` in a
/// decimal-comma locale, `1 657`, `1'657`), currency symbols and codes (`$1,200.00`,
/// `1.200,00 €`, `USD 1200`), accounting negatives (`(1,200)`), exponents (`4.8E7`, as the
/// Salesforce API writes doubles). A separator that cannot be a thousands separator is
/// refused with its likely cause rather than guessed.
struct NumberReader: Sendable {
    let locale: ImportLocale
    /// Thousands separators, spaces of every kind included.
    private let grouping: Set<Character>

    init(locale: ImportLocale) {
        self.locale = locale
        grouping = locale.groupingSeparators.union(Self.spaces)
    }

    /// A number exactly as written: `significand × 10^exponent`.
    struct Value: Hashable {
        var negative: Bool
        var significand: UInt64
        var exponent: Int

        var double: Double {
            let v = Double(significand) * pow10(exponent)
            return negative ? -v : v
        }

        /// Cents, rounded half away from zero below a cent; nil when too large.
        var cents: Int64? {
            let shift = exponent + 2
            var magnitude: UInt64
            if shift >= 0 {
                guard shift <= 18 else { return significand == 0 ? 0 : nil }
                let (m, overflow) = significand.multipliedReportingOverflow(by: Self.powersOfTen[shift])
                guard !overflow, m <= UInt64(Int64.max) else { return nil }
                magnitude = m
            } else {
                guard -shift <= 19 else { return 0 }
                let divisor = Self.powersOfTen[min(-shift, 19)]
                magnitude = significand / divisor
                if significand % divisor >= (divisor + 1) / 2 { magnitude += 1 }
            }
            return negative ? -Int64(magnitude) : Int64(magnitude)
        }

        /// A whole number, when it is one.
        var integer: Int? {
            guard let cents, cents % 100 == 0 else { return nil }
            return Int(cents / 100)
        }

        static let powersOfTen: [UInt64] = (0...19).map { k in (0..<k).reduce(UInt64(1)) { a, _ in a * 10 } }

        private func pow10(_ e: Int) -> Double {
            var r = 1.0
            for _ in 0..<abs(e) { r *= 10 }
            return e < 0 ? 1 / r : r
        }
    }

    enum Outcome {
        case value(Value)
        case problem(String)
    }

    private static let currencySymbols: Set<Character> = ["$", "€", "£", "¥", "₹", "₩", "₽", "₺", "₪", "฿", "₫", "₴", "₦", "¢"]
    private static let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{2007}"]

    func read(_ raw: String) -> Outcome {
        if let plain = Self.plain(raw, decimalPoint: locale.decimalSeparator == ".") { return .value(plain) }
        var text = Substring(raw.trimmingCharacters(in: .whitespaces))
        var negative = false
        if text.hasPrefix("(") && text.hasSuffix(")") {
            negative = true
            text = text.dropFirst().dropLast()
        }
        text = Self.strippingCurrency(text)
        if let first = text.first, first == "-" || first == "+" || first == "−" {
            negative = negative != (first != "+")
            text = text.dropFirst()
            text = Self.strippingCurrency(text)
        }
        guard !text.isEmpty else { return .problem("is not a number") }
        // The mantissa and an exponent (`4.8E7`): an exponent says the point is a decimal point.
        if let e = text.firstIndex(where: { $0 == "E" || $0 == "e" }), let x = Int(text[text.index(after: e)...]), abs(x) < 40 {
            let m = text[..<e]
            if !m.isEmpty, m.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), m.filter({ $0 == "." }).count <= 1 {
                return Self.digits(m, decimal: ".", negative: negative, exponent: x)
            }
        }
        let mantissa = text
        let decimal = locale.decimalSeparator
        var integerPart = Substring(mantissa)
        var fraction: Substring = ""
        let decimals = mantissa.filter { $0 == decimal }.count
        if decimals > 1 {
            return .problem(decimal == "."
                ? "has more than one \".\"; if \".\" groups thousands here (1.657.000), set a decimal-comma locale in the mapping (locale: de-DE)"
                : "has more than one \",\"; if \",\" groups thousands here (1,657,000), set locale: en-US in the mapping")
        }
        if decimals == 1, let point = mantissa.lastIndex(of: decimal) {
            integerPart = mantissa[..<point]
            fraction = mantissa[mantissa.index(after: point)...]
        }
        // Thousands: groups of three after the first.
        var digits = ""
        var groupLength = -1
        var separatorSeen: Character?
        for c in integerPart {
            if c.isASCII && c.isNumber {
                digits.append(c)
                if groupLength >= 0 { groupLength += 1 }
            } else if grouping.contains(c) {
                if groupLength >= 0 && groupLength != 3 || digits.isEmpty {
                    return .problem(Self.separatorProblem(c, decimal: decimal))
                }
                separatorSeen = c
                groupLength = 0
            } else {
                return .problem(Self.foreignCharacterProblem(c, decimal: decimal))
            }
        }
        if groupLength >= 0 && groupLength != 3 {
            return .problem(Self.separatorProblem(separatorSeen ?? ",", decimal: decimal))
        }
        for c in fraction where !(c.isASCII && c.isNumber) {
            return .problem(Self.foreignCharacterProblem(c, decimal: decimal))
        }
        guard !digits.isEmpty || !fraction.isEmpty else { return .problem("is not a number") }
        return Self.digits(Substring(digits + "." + fraction), decimal: ".", negative: negative, exponent: 0)
    }

    /// `125000`, `-3.25`, `0.5`: a plain decimal read straight from its bytes (most values
    /// are). In a decimal-comma locale a point groups thousands: those go the long way.
    static func plain(_ text: String, decimalPoint: Bool) -> Value? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Value? in
            var significand: UInt64 = 0
            var digits = 0, fractionDigits = 0
            var negative = false, point = false
            for i in 0..<bytes.count {
                let b = bytes[i]
                switch b {
                case 0x30...0x39:
                    guard digits < 18 else { return nil }
                    significand = significand &* 10 &+ UInt64(b &- 0x30)
                    digits += 1
                    if point { fractionDigits += 1 }
                case 0x2D where i == 0:
                    negative = true
                case 0x2E where decimalPoint && !point && digits > 0:
                    point = true
                default:
                    return nil
                }
            }
            guard digits > 0, !(point && fractionDigits == 0) else { return nil }
            return Value(negative: negative && significand != 0, significand: significand, exponent: -fractionDigits)
        } ?? nil
    }

    private static func separatorProblem(_ c: Character, decimal: Character) -> String {
        if c == "," && decimal == "." {
            return "has a \",\" that does not group thousands: is it a decimal comma? Set the file's locale in the mapping (locale: de-DE, fr-FR…)"
        }
        if c == "." && decimal == "," {
            return "has a \".\" that does not group thousands, but this mapping reads numbers with a decimal comma (locale); is the file's locale en-US?"
        }
        return "has a \"\(c)\" that does not group thousands"
    }

    private static func foreignCharacterProblem(_ c: Character, decimal: Character) -> String {
        if c == "," || c == "." {
            return separatorProblem(c, decimal: decimal)
        }
        return "is not a number (unexpected \"\(c)\")"
    }

    private static func strippingCurrency(_ text: Substring) -> Substring {
        var t = text
        // Symbols and ISO codes on either side: `$`, `US$`, `€`, `USD `, ` EUR`.
        while let first = t.first, currencySymbols.contains(first) || spaces.contains(first) { t = t.dropFirst() }
        while let last = t.last, currencySymbols.contains(last) || spaces.contains(last) { t = t.dropLast() }
        let letters = t.prefix { $0.isLetter }
        if (2...3).contains(letters.count), letters.allSatisfy(\.isUppercase) {
            t = t.dropFirst(letters.count)
            while let first = t.first, currencySymbols.contains(first) || spaces.contains(first) { t = t.dropFirst() }
        }
        let trailing = t.reversed().prefix { $0.isLetter }
        if trailing.count == 3, trailing.allSatisfy(\.isUppercase) {
            t = t.dropLast(3)
            while let last = t.last, spaces.contains(last) { t = t.dropLast() }
        }
        return t
    }

    /// `digits[.fraction]` (ASCII) to a value.
    private static func digits(_ text: Substring, decimal: Character, negative: Bool, exponent: Int) -> Outcome {
        var significand: UInt64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var count = 0
        for c in text {
            if c == decimal { seenPoint = true; continue }
            guard let v = c.wholeNumberValue else { return .problem("is not a number") }
            // Beyond 18 significant digits only the scale matters (and trailing zeros).
            if count >= 18 {
                if !seenPoint { fractionDigits -= 1 }
                continue
            }
            if significand == 0 && v == 0 && !seenPoint { continue }
            significand = significand * 10 + UInt64(v)
            count += 1
            if seenPoint { fractionDigits += 1 }
        }
        return .value(Value(negative: negative && significand != 0, significand: significand, exponent: exponent - fractionDigits))
    }
}

/// Reads yes/no values as CRMs and spreadsheets write them.
enum BooleanReader {
    static func read(_ text: String) -> Bool? {
        switch text {
        case "true", "false", "1", "0", "TRUE", "FALSE", "True", "False", "Yes", "No", "yes", "no":
            return text == "true" || text == "1" || text == "TRUE" || text == "True" || text == "Yes" || text == "yes"
        default:
            break
        }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "t", "yes", "y", "1", "on", "x", "checked", "ja", "oui", "sí", "si", "wahr", "vrai", "1.0": return true
        case "false", "f", "no", "n", "0", "off", "unchecked", "nein", "non", "nee", "falsch", "faux", "0.0": return false
        default: return nil
        }
    }
}
