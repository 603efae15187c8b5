import FolioDomain
import Foundation

/// One data record being read against its header: typed access to each Folio column,
/// reporting every problem with its line and column and carrying on, so one pass over a
/// file finds all its problems.
struct ImportRow {
    let header: ImportHeader
    let record: CSVRecord
    let file: String
    var problems: [ImportProblem] = []

    init(header: ImportHeader, record: CSVRecord, file: String) {
        self.header = header
        self.record = record
        self.file = file
    }

    var isValid: Bool { problems.isEmpty }
    var line: Int { record.line }

    mutating func report(_ column: String, _ message: String) {
        let position = header.position(of: column).map { $0 + 1 } ?? 1
        problems.append(ImportProblem(file: file, line: record.line, column: position, message: "\(column): \(message)"))
    }

    /// The field's text after value mapping, trimmed; nil when absent or empty.
    func text(_ column: String) -> String? {
        if let i = header.position(of: column) {
            var value = record.fields[i]
            if !header.valueMaps.isEmpty, let map = header.valueMaps[i] {
                value = map[value] ?? map[value.trimmingCharacters(in: .whitespaces)] ?? value
            }
            if value.isEmpty { return nil }
            if let f = value.utf8.first, let l = value.utf8.last, f == 0x20 || l == 0x20 || f == 0x09 || l == 0x09 {
                let t = value.trimmingCharacters(in: .whitespaces)
                return t.isEmpty ? nil : t
            }
            return value
        }
        return header.constant(for: column).flatMap { $0.isEmpty ? nil : $0 }
    }

    mutating func required(_ column: String) -> String? {
        guard let v = text(column) else {
            if header.position(of: column) != nil || header.constant(for: column) != nil {
                report(column, "is empty; a value is required")
            }
            return nil
        }
        return v
    }

    mutating func day(_ column: String, required: Bool = true) -> Day? {
        guard let v = required ? self.required(column) : text(column) else { return nil }
        let format = header.dateFormats.isEmpty ? .iso : header.position(of: column).flatMap { header.dateFormats[$0] } ?? .iso
        guard let d = format.parse(v) else {
            report(column, "\"\(Self.excerpt(v))\" is not a valid date; expected \(format.rawValue)")
            return nil
        }
        guard Day.supported.contains(d) else {
            report(column, "\(Self.excerpt(v)) \(Day.InputProblem.outOfRange)")
            return nil
        }
        return d
    }

    mutating func count(_ column: String, required: Bool = true, max: Int = 1_000_000_000) -> Int? {
        guard let v = required ? self.required(column) : text(column) else { return nil }
        guard let n = Int(v) else {
            if let d = Double(v), d.isFinite, d == d.rounded() {
                if d < 0 { report(column, "\(v) is negative; expected a whole number ≥ 0") }
                else { return Int(d) }
                return nil
            }
            report(column, "\"\(Self.excerpt(v))\" is not a whole number")
            return nil
        }
        guard n >= 0 else { report(column, "\(v) is negative; expected a whole number ≥ 0"); return nil }
        guard n <= max else { report(column, "\(v) is too large (at most \(max))"); return nil }
        return n
    }

    static let largestAmount = Money(units: 10_000_000_000)

    mutating func money(_ column: String) -> Money? {
        guard let v = required(column) else { return nil }
        guard let m = Money(decimal: v) else {
            report(column, "\"\(Self.excerpt(v))\" is not a plain decimal (like 125000 or 125000.50)")
            return nil
        }
        guard m.cents >= 0 else { report(column, "\(v) is negative; expected an amount ≥ 0"); return nil }
        // Ten billion a contract: a million such accounts still add up without overflowing.
        guard m <= Self.largestAmount else { report(column, "\(v) is too large (at most \(Self.largestAmount.decimal))"); return nil }
        return m
    }

    mutating func bool(_ column: String) -> Bool {
        guard let v = text(column) else { return false }
        switch v.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default:
            report(column, "\"\(Self.excerpt(v))\" is not a boolean; expected true or false")
            return false
        }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type, default: T? = nil) -> T?
    where T.RawValue == String {
        guard let v = `default` == nil ? required(column) : text(column) else { return `default` }
        if let c = T(rawValue: v) ?? T(rawValue: v.lowercased()) { return c }
        report(column, "unknown value \"\(Self.excerpt(v))\"; expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
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
