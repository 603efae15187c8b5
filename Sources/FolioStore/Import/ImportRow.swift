import FolioDomain
import Foundation

/// One data record being read against its header: typed access to each Folio column
/// (through the mapping's value maps, joins, formats and transforms), reporting every
/// problem with its line and column and carrying on, so one pass over a file finds all its
/// problems.
struct ImportRow {
    let header: ImportHeader
    let record: CSVRecord
    let file: String
    var problems: [ImportProblem] = []
    /// Whether the row makes a new record: only then do mapping defaults fill what the file lacks.
    var isNew = true
    /// The time zone dates are read into: the account's, once the writer knows it.
    var zone: TimeZone?

    init(header: ImportHeader, record: CSVRecord, file: String) {
        self.header = header
        self.record = record
        self.file = file
    }

    var isValid: Bool { problems.isEmpty }
    var line: Int { record.line }

    mutating func report(_ column: String, _ message: String) {
        problems.append(ImportProblem(file: file, line: record.line, column: header.position(of: column), message: "\(header.label(column)): \(message)"))
    }

    /// Whether the file carries the column (updates change only those).
    func carries(_ column: String) -> Bool { header.carries(column) }

    /// The field's text after value mapping, trimmed; nil when absent or empty. For a new
    /// record, a mapping default stands in for a column the file lacks or leaves empty.
    func text(_ column: String) -> String? {
        if var raw = rawText(column) {
            if header.hasTransforms, case .first? = header.mapping?.transforms[column] {
                raw = raw.split(separator: ";").first.map(String.init) ?? raw
            }
            if header.hasValueMaps, header.mapping?.values[column] != nil { raw = header.mapping!.mapValue(raw, column: column) }
            let t = Self.trimmed(raw)
            if !t.isEmpty { return t }
        }
        if isNew, !header.defaults.isEmpty, let d = header.defaults[column], !d.isEmpty { return d }
        return nil
    }

    /// The field's text as the file has it (no value map), trimmed; nil when absent or empty.
    func original(_ column: String) -> String? {
        guard let raw = rawText(column) else { return nil }
        let t = Self.trimmed(raw)
        return t.isEmpty ? nil : t
    }

    /// A `;`-separated list, each item through the value map (an item mapped to "" is dropped).
    func list(_ column: String) -> [String] {
        var items: [String] = []
        let texts: [String]
        switch header.source(for: column) {
        case .fields(let fields)?: texts = fields.map { record.field($0) }
        case .field(let i)?: texts = [record.field(i)]
        case .template?, .firstOf?: texts = rawText(column).map { [$0] } ?? []
        case nil: texts = isNew ? header.defaults[column].map { [$0] } ?? [] : []
        }
        for text in texts {
            for part in text.split(whereSeparator: { $0 == ";" || $0 == "\n" }) {
                let item = Self.trimmed(String(part))
                guard !item.isEmpty else { continue }
                let mapped = header.mapping?.mapValue(item, column: column) ?? item
                let clean = Self.trimmed(mapped)
                if !clean.isEmpty { items.append(clean) }
            }
        }
        return items
    }

    private func rawText(_ column: String) -> String? {
        switch header.source(for: column) {
        case .field(let i)?:
            return record.field(i)
        case .fields(let list)?:
            return list.map { record.field($0) }.filter { !$0.isEmpty }.joined(separator: ";")
        case .firstOf(let list)?:
            return list.lazy.map { record.field($0) }.first { !Self.trimmed($0).isEmpty }
        case .template(let alternatives)?:
            for parts in alternatives {
                var out = ""
                var anyValue = false
                for part in parts {
                    switch part {
                    case .text(let t): out += t
                    case .field(let i):
                        let v = Self.trimmed(record.field(i))
                        if !v.isEmpty { anyValue = true }
                        out += v
                    }
                }
                if anyValue { return out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            }
            return nil
        case nil:
            return nil
        }
    }

    /// Whether an email-like value has an `@` (ASCII, the usual case, without Foundation's search).
    static func hasAt(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 < 0x80 } ? value.utf8.contains(0x40) : value.contains("@")
    }

    static func trimmed(_ value: String) -> String {
        let edges = value.utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard let f = b.first, let l = b.last else { return false }
            return f == 0x20 || l == 0x20 || f == 0x09 || l == 0x09 || f == 0x0A || l == 0x0A || f == 0x0D || l == 0x0D || f > 0x7F || l > 0x7F
        } ?? true
        return edges ? value.trimmingCharacters(in: .whitespacesAndNewlines) : value
    }

    /// Reports a required column that is missing or empty: for a new record, what to add.
    mutating func required(_ column: String) -> String? {
        if let v = text(column) { return v }
        if header.carries(column) {
            report(column, "is empty; a value is required")
        } else if isNew && header.kind.column(column)?.need != .key {
            missingForNew(column)
        }
        return nil
    }

    private mutating func missingForNew(_ column: String) {
        let hint = header.mapping?.needs[column].map { " (\($0))" } ?? ""
        let near = header.nearMiss(for: column)
        let remedy = near.isEmpty ? "; add one, map one (columns:), or give a default in the mapping (defaults:)" : near
        problems.append(ImportProblem(file: file, line: record.line, column: header.fieldCount + 1,
                                      message: "\(column): a new \(Self.singular(header.kind)) needs it, and the file has no \(column) column\(hint)\(remedy)"))
    }

    static func singular(_ kind: ImportKind) -> String {
        switch kind {
        case .users: return "user"
        case .accounts: return "account"
        case .contacts: return "contact"
        case .usage: return "usage week"
        case .cases: return "case"
        case .nps: return "NPS response"
        case .payments: return "payment status"
        case .activities: return "activity"
        case .opportunities: return "opportunity"
        case .outcomes: return "outcome"
        case .events: return "event"
        }
    }

    /// A date-time as written (for the caller to place in a zone), or nil.
    mutating func dateTime(_ column: String, required: Bool = true) -> DateTimeValue? {
        guard let v = required ? self.required(column) : text(column) else { return nil }
        if let d = header.dateReader(for: column).read(v) { return d }
        if header.mapping?.dates[column] == nil && header.mapping?.dates["*"] == nil && header.mapping?.locale == nil && DateReader.isSlashDate(v) {
            report(column, "\"\(Self.excerpt(v))\" could be day/month or month/day; say which with locale: (en-US reads M/D/YYYY, en-GB D/M/YYYY) or a pattern (dates: {\(column): MM/dd/yyyy}) in a mapping")
        } else {
            let pattern = header.mapping?.dates[column] ?? header.mapping?.dates["*"]
            let expected = pattern.map { "expected \($0)" }
                ?? "expected YYYY-MM-DD (a time may follow)\(header.mapping?.locale.map { " or the \($0) short date" } ?? "")"
            report(column, "\"\(Self.excerpt(v))\" is not a valid date; \(expected)")
        }
        return nil
    }

    /// The calendar day of a date column, in the row's zone; transforms fill it when the file
    /// lacks it (contract start = renewal date − term).
    mutating func day(_ column: String, required: Bool = true) -> Day? {
        if let day = plainDay(column) { return day }
        if header.hasTransforms, case .monthsBefore(let other, let months)? = header.mapping?.transforms[column], text(column) == nil {
            guard let base = day(other, required: required) else { return nil }
            let n: Int?
            switch months {
            case .fixed(let k): n = k
            case .column(let c): n = count(c, required: false) ?? (header.kind == .accounts && c == "term_months" ? 12 : nil)
            }
            guard let n else { return nil }
            let day = base.adding(months: -n)
            guard Day.supported.contains(day) else { report(column, "\(day) (\(n) months before \(other)) \(Day.InputProblem.outOfRange)"); return nil }
            return day
        }
        guard let value = dateTime(column, required: required) else { return nil }
        let day = value.day(naiveZone: header.zone, target: zone ?? header.zone)
        guard Day.supported.contains(day) else { report(column, "\(Self.excerpt(text(column) ?? "")) \(Day.InputProblem.outOfRange)"); return nil }
        return day
    }

    private mutating func number(_ column: String, required: Bool) -> NumberReader.Value? {
        guard let v = required ? self.required(column) : text(column) else { return nil }
        switch header.numbers.read(v) {
        case .value(var n):
            if header.hasTransforms, case .scale(let factor)? = header.mapping?.transforms[column] {
                let scaled = n.double * factor
                n = NumberReader.Value(negative: scaled < 0, significand: UInt64(abs(scaled * 100).rounded()), exponent: -2)
            }
            return n
        case .problem(let message):
            report(column, "\"\(Self.excerpt(v))\" \(message)")
            return nil
        }
    }

    /// A whole number ≥ 0 (a count, a score, months); a picklist term when the mapping says so.
    mutating func count(_ column: String, required: Bool = true, max: Int = 1_000_000_000) -> Int? {
        if let whole = plainCount(column), whole <= max { return whole }
        if header.hasTransforms, case .term? = header.mapping?.transforms[column] {
            guard let v = required ? self.required(column) : text(column) else { return nil }
            guard let months = ContractTermLabel.months(v) else {
                report(column, "\"\(Self.excerpt(v))\" is not a contract term Folio can read (like Annual, Monthly, 2 Years, 36 months)")
                return nil
            }
            return months
        }
        guard let n = number(column, required: required) else { return nil }
        guard !n.negative else { report(column, "\(Self.excerpt(text(column) ?? "")) is negative; expected a whole number ≥ 0"); return nil }
        guard let whole = n.integer else {
            // Past what a number of cents holds, it is too large before it is anything else.
            if n.double > Double(max) { report(column, "\(Self.excerpt(text(column) ?? "")) is too large (at most \(max))") }
            else { report(column, "\"\(Self.excerpt(text(column) ?? ""))\" is not a whole number") }
            return nil
        }
        guard whole <= max else { report(column, "\(text(column) ?? "") is too large (at most \(max))"); return nil }
        return whole
    }

    /// A field of plain ASCII digits (most counts are), read straight from its bytes; nil
    /// sends anything else (and any mapping that transforms or translates values) the long way.
    private func plainCount(_ column: String) -> Int? {
        guard !header.hasTransforms, !header.hasValueMaps, case .field(let i)? = header.source(for: column) else { return nil }
        return record.withBytes(i) { bytes -> Int? in
            guard bytes.count > 0, bytes.count <= 18 else { return nil }
            var n = 0
            for b in bytes {
                guard b &- 0x30 < 10 else { return nil }
                n = n &* 10 &+ Int(b &- 0x30)
            }
            return n
        }
    }

    /// `day` for the reading thread, which does not know the account's time zone yet: a plain
    /// `YYYY-MM-DD`, or `.some(nil)` for nothing given where nothing is required; nil for
    /// anything else (the zone may move a date-time to another day; a problem is reported
    /// by `day` on the importing thread).
    func zoneFreeDay(_ column: String, required: Bool = true) -> Day?? {
        if let day = plainDay(column) { return .some(day) }
        if !required, !header.hasTransforms, text(column) == nil { return .some(nil) }
        return nil
    }

    /// A field written `YYYY-MM-DD` in a file without date patterns or transforms: the day as
    /// written; nil sends anything else the long way.
    private func plainDay(_ column: String) -> Day? {
        guard !header.hasTransforms, !header.hasValueMaps, case .field(let i)? = header.source(for: column) else { return nil }
        guard let day = record.withBytes(i, { Day(isoBytes: $0) }), Day.supported.contains(day),
              header.dateReader(for: column).patterns.isEmpty else { return nil }
        return day
    }

    static let largestAmount = Money(units: 10_000_000_000)

    /// An amount of money ≥ 0 (or any sign when `signed`), at most `largestAmount`.
    mutating func money(_ column: String, required: Bool = true, signed: Bool = false) -> Money? {
        guard let n = number(column, required: required) else { return nil }
        guard let cents = n.cents else { report(column, "\(text(column) ?? "") is too large for an amount"); return nil }
        if cents < 0 && !signed { report(column, "\(Self.excerpt(text(column) ?? "")) is negative; expected an amount ≥ 0"); return nil }
        // Ten billion a contract: a million such accounts still add up without overflowing.
        guard abs(cents) <= Self.largestAmount.cents else {
            report(column, "\(Self.excerpt(text(column) ?? "")) is too large (at most \(Self.largestAmount.decimal))"); return nil
        }
        return Money(cents: cents)
    }

    mutating func bool(_ column: String) -> Bool? {
        guard let v = text(column) else { return nil }
        if let b = BooleanReader.read(v) { return b }
        report(column, "\"\(Self.excerpt(v))\" is not a yes/no value; expected true/false, yes/no or 1/0")
        return nil
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type, required: Bool = true) -> T?
    where T.RawValue == String {
        guard let v = required ? self.required(column) : text(column) else { return nil }
        if let c = T(rawValue: v) ?? T(rawValue: v.lowercased()) { return c }
        let mapped = header.mapping?.values[column] != nil ? " (the mapping's values: do not cover it)" : " (a mapping can translate it: values:)"
        report(column, "unknown value \"\(Self.excerpt(v))\"; expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))\(header.mapping == nil ? "" : mapped)")
        return nil
    }

    /// A short, printable excerpt of a bad value for an error message.
    static func excerpt(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars.prefix(40) {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return value.unicodeScalars.count > 40 ? out + "…" : out
    }
}

/// A contract term from a CRM picklist label: `Annual`, `Monthly`, `Quarterly`, `2 Years`,
/// `Multi-Year (3)`, `36 months`, `24`.
enum ContractTermLabel {
    static func months(_ label: String) -> Int? {
        let t = label.lowercased().trimmingCharacters(in: .whitespaces)
        let number = Int(t.filter(\.isNumber))
        switch t {
        case "annual", "annually", "yearly", "1 year", "one year", "12 months", "jährlich", "annuel": return 12
        case "monthly", "month-to-month", "month to month", "1 month", "monatlich", "mensuel": return 1
        case "quarterly", "quarter", "3 months", "vierteljährlich", "trimestriel": return 3
        case "semi-annual", "semiannual", "half-yearly", "biannual", "6 months": return 6
        case "biennial", "two years", "two-year": return 24
        case "three years", "three-year", "triennial": return 36
        default: break
        }
        guard let n = number, n > 0 else { return nil }
        if t.contains("year") || t.contains("yr") || t.contains("jahr") || t.contains("an") && !t.contains("month") {
            return n <= 10 ? n * 12 : nil
        }
        if t.contains("month") || t.contains("mo") || t.allSatisfy(\.isNumber) { return n <= 120 ? n : nil }
        return nil
    }
}
