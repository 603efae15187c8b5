import FolioDomain
import Foundation
import Yams

/// A mapping file (`--map FILE.yaml`) that lets a foreign export import as it is: it
/// renames columns, maps values, reads other date formats and ignores columns.
///
/// ```yaml
/// kind: accounts                  # used when the file name does not say
/// columns:                        # foreign name: Folio name
///   Account ID: id
///   Annual Revenue: arr
/// values:                         # per Folio column: foreign value: Folio value
///   tier: { Enterprise: enterprise, Mid-Market: mid-market }
/// dates:                          # per Folio column: the foreign date format
///   renewal_date: MM/DD/YYYY
/// ignore: [Billing Country]       # foreign columns to skip
/// defaults:                       # values for Folio columns the file lacks
///   status: active
/// ```
public struct ImportMapping: Sendable, Equatable {
    public enum DateFormat: String, Sendable, CaseIterable {
        case iso = "YYYY-MM-DD"
        case us = "MM/DD/YYYY"
        case european = "DD/MM/YYYY"
        case dotted = "DD.MM.YYYY"

        func parse(_ text: String) -> Day? {
            if self == .iso { return Day(iso: text) }
            let separator: Character = self == .dotted ? "." : "/"
            let parts = text.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
                  let a = Int(parts[0]), let b = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4
            else { return nil }
            return self == .us ? Day(year: y, month: a, day: b) : Day(year: y, month: b, day: a)
        }
    }

    public var file: String
    public var kind: ImportKind?
    /// Foreign column name → Folio column name.
    public var columns: [String: String]
    /// Folio column → (foreign value → Folio value).
    public var values: [String: [String: String]]
    public var dates: [String: DateFormat]
    public var ignore: Set<String>
    public var defaults: [String: String]

    public init(file: String = "", kind: ImportKind? = nil, columns: [String: String] = [:],
                values: [String: [String: String]] = [:], dates: [String: DateFormat] = [:],
                ignore: Set<String> = [], defaults: [String: String] = [:]) {
        self.file = file
        self.kind = kind
        self.columns = columns
        self.values = values
        self.dates = dates
        self.ignore = ignore
        self.defaults = defaults
    }

    /// Loads a mapping file; every problem names the file and line.
    public static func load(path: String) throws(ImportFailed) -> ImportMapping {
        let name = path
        func fail(_ line: Int, _ column: Int, _ message: String) -> ImportFailed {
            ImportFailed(problems: [ImportProblem(file: name, line: line, column: column, message: message)], truncated: false)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail(1, 1, FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw fail(1, 1, "is not UTF-8 text") }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw fail(1, 1, "is empty; expected a mapping with `columns:`") }
            root = node
        } catch let e as ImportFailed {
            throw e
        } catch let e as YamlError {
            throw fail(Self.line(of: e), 1, "YAML syntax: \(Self.summary(of: e))")
        } catch {
            throw fail(1, 1, "YAML syntax: \(error)")
        }
        var problems: [ImportProblem] = []
        func problem(_ node: Node, _ message: String) {
            problems.append(ImportProblem(file: name, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message))
        }
        var mapping = ImportMapping(file: path)
        guard let top = root.mapping else {
            problem(root, "expected a mapping with keys kind, columns, values, dates, ignore, defaults")
            throw ImportFailed(problems: problems, truncated: false)
        }
        func stringMap(_ node: Node, what: String) -> [String: String] {
            guard let m = node.mapping else { problem(node, "\(what) must be a mapping of name: name"); return [:] }
            var out: [String: String] = [:]
            for (k, v) in m {
                guard let ks = k.string, let vs = v.string else { problem(k, "\(what): expected text keys and values"); continue }
                out[ks] = vs
            }
            return out
        }
        let known = Set(ImportKind.allCases.flatMap(\.columnNames))
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            switch key {
            case "kind":
                if let k = value.string.flatMap(ImportKind.init(rawValue:)) { mapping.kind = k } else {
                    problem(value, "unknown kind \"\(value.string ?? "")\"; expected one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            case "columns":
                mapping.columns = stringMap(value, what: "columns")
                if let m = value.mapping {
                    for (k, v) in m where !known.contains(v.string ?? "") {
                        problem(v, "column \"\(k.string ?? "")\" maps to \"\(v.string ?? "")\", which is not a Folio column")
                    }
                }
            case "values":
                guard let m = value.mapping else { problem(value, "values must map a Folio column to its value map"); continue }
                for (k, v) in m {
                    mapping.values[k.string ?? ""] = stringMap(v, what: "values of \(k.string ?? "")")
                }
            case "dates":
                for (column, format) in stringMap(value, what: "dates") {
                    if let f = DateFormat(rawValue: format) { mapping.dates[column] = f } else {
                        problem(value, "date format \"\(format)\" for \(column) is not one of \(DateFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                }
            case "ignore":
                guard let seq = value.sequence else { problem(value, "ignore must be a list of column names"); continue }
                mapping.ignore = Set(seq.compactMap(\.string))
            case "defaults":
                mapping.defaults = stringMap(value, what: "defaults")
            default:
                problem(keyNode, "unknown key \"\(key)\"; expected kind, columns, values, dates, ignore or defaults")
            }
        }
        if !problems.isEmpty { throw ImportFailed(problems: problems, truncated: false) }
        return mapping
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default:
            return 1
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }

    /// The Folio column a header cell stands for; nil when it is to be ignored.
    func folioColumn(for header: String) -> String? {
        if ignore.contains(header) { return nil }
        return columns[header] ?? header
    }

    func mapValue(_ value: String, column: String) -> String {
        values[column]?[value] ?? value
    }
}
