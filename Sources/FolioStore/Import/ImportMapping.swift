import FolioDomain
import Foundation
import Yams

/// How a foreign export becomes Folio rows (`--map NAME|FILE.yaml`): which column holds
/// which Folio column, joined columns, value maps, date patterns, the file's locale and time
/// zone, transforms, and the roll-up of analytics events. Built-in mappings (`folio import
/// --maps`) are written in the same YAML, and a user's file may `extends:` one of them to
/// add their org's custom fields.
///
/// ```yaml
/// extends: salesforce-report-accounts   # a built-in mapping, or another mapping file
/// kind: accounts                        # when the file name does not say
/// columns:                              # foreign column: Folio column (header case is ignored)
///   ARR__c: arr
///   name: "{First Name} {Last Name}"    # Folio column: foreign columns joined
/// attributes: { Plan__c: plan }         # custom account attributes, kept for measures
/// values:                               # per Folio column (each item of a ;-list)
///   tier: { Enterprise: enterprise, "*": smb }
/// dates: { renewal_date: dd.MM.yyyy }   # a pattern per Folio column ("*": all)
/// locale: de-DE                         # decimal comma, day-first short dates
/// timezone: Europe/Berlin               # for date-times without an offset
/// transforms: { arr: { scale: 12 } }    # scale, months_before, term
/// ignore: [Billing Country]             # or ignore_unmapped: true
/// defaults: { status: active }          # for new records only
/// ```
public struct ImportMapping: Sendable, Equatable {
    /// A Folio value computed from others, for what exports carry in another shape.
    public enum Transform: Sendable, Equatable {
        /// Multiply a number (monthly → annual: 12).
        case scale(Double)
        /// A date this many months before another date column (contract start from the renewal date and the term).
        case monthsBefore(column: String, months: Months)
        /// A contract term in months from a picklist label (`Annual`, `2 Years`, `Monthly`, `36 months`).
        case term
        /// The first item of a `;`-list (HubSpot's associated company ids).
        case first

        public enum Months: Sendable, Equatable {
            case fixed(Int)
            case column(String)
        }
    }

    /// The built-in name or the file's path.
    public var name: String
    /// One line for `folio import --maps`: what the mapping expects.
    public var summary: String = ""
    public var extends: String?
    public var kind: ImportKind?
    /// Foreign column (normalized: trimmed, lower case, single spaces) → Folio column.
    public var columns: [String: String] = [:]
    /// Folio column → templates of foreign columns (`{First Name} {Last Name}`), the first
    /// that is not empty wins.
    public var templates: [String: [String]] = [:]
    /// Folio column → (foreign value, normalized → Folio value); `*` for any other value.
    public var values: [String: [String: String]] = [:]
    /// Folio column (or `*`) → date pattern.
    public var dates: [String: String] = [:]
    public var timezone: String?
    public var locale: String?
    public var delimiter: String?
    public var encoding: String?
    public var transforms: [String: Transform] = [:]
    /// Foreign columns to skip (normalized).
    public var ignore: Set<String> = []
    public var ignoreUnmapped = false
    /// Folio column → value for new records that lack it.
    public var defaults: [String: String] = [:]
    /// Keep only rows whose foreign column has one of these values (normalized).
    public var only: [String: Set<String>] = [:]
    /// Events: which count as key actions, which as logins, and event → feature.
    public var keyEvents: [String] = []
    public var loginEvents: [String] = []
    public var loginsFromSessions = false
    public var features: [String: String] = [:]
    public var featuresAvailable: Int?
    /// Folio columns the user names in their own mapping, with a hint (ARR: the
    /// subscription field, never Annual Revenue).
    public var needs: [String: String] = [:]

    public init(name: String = "", kind: ImportKind? = nil, columns: [String: String] = [:],
                values: [String: [String: String]] = [:], dates: [String: String] = [:],
                ignore: Set<String> = [], defaults: [String: String] = [:]) {
        self.name = name
        self.kind = kind
        for (k, v) in columns { self.columns[Self.normalize(k)] = v }
        for (column, map) in values {
            var m: [String: String] = [:]
            for (k, v) in map { m[Self.normalizeValue(k)] = v }
            self.values[column] = m
        }
        self.dates = dates
        self.ignore = Set(ignore.map(Self.normalize))
        self.defaults = defaults
    }

    /// A header as compared: trimmed, lower case, runs of spaces as one.
    static func normalize(_ header: String) -> String {
        // Most names are already plain: lower-case ASCII with single inner spaces.
        let plain = header.utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard let f = b.first, let l = b.last, f != 0x20, l != 0x20 else { return b.isEmpty }
            var previous: UInt8 = 0
            for c in b {
                if c >= 0x80 || (c >= 0x41 && c <= 0x5A) || c < 0x20 || (c == 0x20 && previous == 0x20) { return false }
                previous = c
            }
            return true
        } ?? false
        if plain { return header }
        if let lower = asciiLowered(header) { return lower }
        let lower = header.lowercased()
        // Spacing is usually fine (a name with capitals): only then is lower case enough.
        let spaced = lower.utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard let f = b.first, let l = b.last, f > 0x20, l > 0x20 else { return false }
            var previous: UInt8 = 0
            for c in b {
                if c < 0x20 || (c == 0x20 && previous == 0x20) || c == 0xC2 || c == 0xE2 || c == 0xE3 { return false }
                previous = c
            }
            return true
        } ?? false
        if spaced { return lower }
        return lower.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Plain ASCII with capitals (an id like `G0000001-C1`, met for every record an import
    /// adds): lowered byte by byte, as `lowercased()` would; nil for anything else.
    private static func asciiLowered(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { b -> String? in
            guard let f = b.first, let l = b.last, f != 0x20, l != 0x20 else { return nil }
            var previous: UInt8 = 0
            for c in b {
                if c >= 0x80 || c < 0x20 || (c == 0x20 && previous == 0x20) { return nil }
                previous = c
            }
            return String(unsafeUninitializedCapacity: b.count) { out in
                for i in 0..<b.count { out[i] = b[i] >= 0x41 && b[i] <= 0x5A ? b[i] | 0x20 : b[i] }
                return b.count
            }
        }
    }

    static func normalizeValue(_ value: String) -> String {
        normalize(value)
    }

    // MARK: - Loading

    /// A built-in mapping by name, or a mapping file.
    public static func named(_ nameOrPath: String) throws(ImportFailed) -> ImportMapping {
        if BuiltInMappings.text(named: nameOrPath) != nil { return try builtIn(nameOrPath) }
        let looksLikeFile = nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml")
        if looksLikeFile || FileManager.default.fileExists(atPath: nameOrPath) { return try load(path: nameOrPath) }
        let close = BuiltInMappings.names.filter { Suggestion.distance($0, nameOrPath) <= 3 }
        let hint = close.isEmpty ? "" : "; did you mean \(close.joined(separator: " or "))?"
        throw ImportFailed(problems: [ImportProblem(file: nameOrPath, line: 1, column: 1,
                                                    message: "no built-in mapping of that name and no such file\(hint) (`folio import --maps` lists the built-in mappings)")],
                           truncated: false, verdict: "import refused: nothing was written")
    }

    /// A built-in mapping.
    public static func builtIn(_ name: String) throws(ImportFailed) -> ImportMapping {
        guard let text = BuiltInMappings.text(named: name) else {
            throw ImportFailed(problems: [ImportProblem(file: name, line: 1, column: 1, message: "no built-in mapping of that name")], truncated: false)
        }
        return try parse(yaml: text, name: name, depth: 0)
    }

    /// Loads a mapping file; every problem names the file and line.
    public static func load(path: String) throws(ImportFailed) -> ImportMapping {
        try load(path: path, depth: 0)
    }

    private static func load(path: String, depth: Int) throws(ImportFailed) -> ImportMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail(path, 1, 1, FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw fail(path, 1, 1, "is not UTF-8 text") }
        return try parse(yaml: text, name: path, depth: depth)
    }

    private static func fail(_ file: String, _ line: Int, _ column: Int, _ message: String) -> ImportFailed {
        ImportFailed(problems: [ImportProblem(file: file, line: line, column: column, message: message)], truncated: false)
    }

    static let keys = ["extends", "kind", "summary", "columns", "attributes", "values", "dates", "timezone", "locale", "delimiter",
                       "encoding", "transforms", "ignore", "ignore_unmapped", "defaults", "only", "key_events", "logins",
                       "features", "features_available", "needs"]

    /// Reads mapping YAML (a file's or a built-in's), resolving `extends` first.
    static func parse(yaml text: String, name: String, depth: Int) throws(ImportFailed) -> ImportMapping {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw fail(name, 1, 1, "is empty; expected a mapping with `columns:` or `extends:`") }
            root = node
        } catch let e as ImportFailed {
            throw e
        } catch let e as YamlError {
            throw fail(name, line(of: e), 1, "YAML syntax: \(summary(of: e))")
        } catch {
            throw fail(name, 1, 1, "YAML syntax: \(error)")
        }
        var problems: [ImportProblem] = []
        func problem(_ node: Node, _ message: String) {
            problems.append(ImportProblem(file: name, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message))
        }
        guard let top = root.mapping else {
            problem(root, "expected a mapping with keys \(keys.joined(separator: ", "))")
            throw ImportFailed(problems: problems, truncated: false)
        }
        // What this file extends comes first: its kind decides which columns are valid here.
        var base: ImportMapping?
        if let node = top["extends"] {
            guard let parent = node.string, !parent.isEmpty else {
                problem(node, "extends must name a built-in mapping (folio import --maps) or a mapping file")
                throw ImportFailed(problems: problems, truncated: false)
            }
            guard depth < 8 else {
                problem(node, "extends goes more than 8 mappings deep (a loop?)")
                throw ImportFailed(problems: problems, truncated: false)
            }
            if BuiltInMappings.text(named: parent) != nil {
                base = try parse(yaml: BuiltInMappings.text(named: parent)!, name: parent, depth: depth + 1)
            } else {
                let folder = URL(fileURLWithPath: name).deletingLastPathComponent()
                let path = parent.hasPrefix("/") ? parent : folder.appendingPathComponent(parent).path
                guard FileManager.default.fileExists(atPath: path) else {
                    let close = BuiltInMappings.names.filter { Suggestion.distance($0, parent) <= 3 }
                    problem(node, "extends \"\(parent)\": no built-in mapping of that name and no such file" + (close.isEmpty ? "" : "; did you mean \(close.joined(separator: " or "))?"))
                    throw ImportFailed(problems: problems, truncated: false)
                }
                base = try load(path: path, depth: depth + 1)
            }
        }
        var own = ImportMapping(name: name)
        own.extends = base?.name
        var kind = base?.kind
        if let node = top["kind"] {
            if let k = node.string.flatMap(ImportKind.init(rawValue:)) { own.kind = k; kind = k } else {
                problem(node, "unknown kind \"\(node.string ?? "")\"; expected one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        func isFolioColumn(_ column: String) -> Bool {
            if let kind { return kind.accepts(column) }
            return ImportKind.allCases.contains { $0.accepts(column) }
        }
        func columnProblem(_ node: Node, _ what: String, _ column: String) {
            let all = kind?.columnNames ?? Array(Set(ImportKind.allCases.flatMap(\.columnNames))).sorted()
            let close = all.filter { Suggestion.distance($0, column) <= 2 }
            problem(node, "\(what) \"\(column)\", which is not a Folio column\(kind.map { " of \($0.rawValue)" } ?? "")" + (close.isEmpty ? "; expected one of \(all.joined(separator: ", "))" : "; did you mean \(close.joined(separator: " or "))?"))
        }
        func stringMap(_ node: Node, what: String) -> [(Node, String, Node, String)] {
            guard let m = node.mapping else { problem(node, "\(what) must be a mapping of name: value"); return [] }
            var out: [(Node, String, Node, String)] = []
            for (k, v) in m {
                guard let ks = k.string, let vs = v.scalar?.string else { problem(k, "\(what): expected text keys and values"); continue }
                out.append((k, ks, v, vs))
            }
            return out
        }
        func stringList(_ node: Node, what: String) -> [String] {
            if let s = node.scalar?.string { return [s] }
            guard let seq = node.sequence else { problem(node, "\(what) must be a list"); return [] }
            return seq.compactMap { item in
                guard let s = item.scalar?.string else { problem(item, "\(what): expected text items"); return nil }
                return s
            }
        }
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            // A section left with only comments in it (`columns:` and nothing) is empty.
            if let scalar = value.scalar, ["", "~", "null"].contains(scalar.string), key != "extends", key != "kind" { continue }
            switch key {
            case "extends", "kind":
                break
            case "summary":
                own.summary = value.string ?? ""
            case "columns":
                guard let m = value.mapping else { problem(value, "columns must be a mapping of foreign column: Folio column"); continue }
                for (k, v) in m {
                    guard let foreign = k.string else { problem(k, "columns: expected a column name"); continue }
                    // `name: ["{First Name} {Last Name}", "{Full Name}"]`: joined columns, the first that is there.
                    let templates: [String]? = v.sequence.map { $0.compactMap(\.string) } ?? (v.string.map { $0.contains("{") ? [$0] : [] })
                    if let templates, !templates.isEmpty {
                        if !isFolioColumn(foreign) { columnProblem(k, "joined column", foreign); continue }
                        if let bad = templates.compactMap(Template.problem).first { problem(v, "\(foreign): \(bad)"); continue }
                        own.templates[foreign] = templates
                    } else if let target = v.string, isFolioColumn(target) {
                        own.columns[normalize(foreign)] = target
                    } else {
                        columnProblem(v, "column \"\(foreign)\" maps to", v.string ?? "")
                    }
                }
            case "attributes":
                if kind != nil && kind != .accounts { problem(keyNode, "attributes are kept for accounts only"); continue }
                for (_, foreign, v, attribute) in stringMap(value, what: "attributes") {
                    let clean = attribute.trimmingCharacters(in: .whitespaces)
                    guard !clean.isEmpty, clean.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                        problem(v, "attribute name \"\(attribute)\" for \(foreign): use letters, digits, _ or -")
                        continue
                    }
                    own.columns[normalize(foreign)] = ImportKind.attributePrefix + clean.lowercased()
                }
            case "values":
                guard let m = value.mapping else { problem(value, "values must map a Folio column to its value map"); continue }
                for (k, v) in m {
                    let column = k.string ?? ""
                    if !isFolioColumn(column) { columnProblem(k, "values for", column); continue }
                    var map: [String: String] = [:]
                    for (_, foreign, _, folio) in stringMap(v, what: "values of \(column)") { map[normalizeValue(foreign)] = folio }
                    own.values[column] = map
                }
            case "dates":
                for (k, column, v, pattern) in stringMap(value, what: "dates") {
                    if column != "*" && !isFolioColumn(column) { columnProblem(k, "dates for", column); continue }
                    if case .failure(let e) = DateTimePattern.compile(pattern) { problem(v, "\(column): \(e.message)"); continue }
                    own.dates[column] = pattern
                }
            case "timezone":
                guard let zone = value.string, TimeZone(identifier: zone) != nil else {
                    problem(value, "timezone \"\(value.string ?? "")\" is not a time zone; expected an IANA name like Europe/Berlin or America/New_York")
                    continue
                }
                own.timezone = zone
            case "locale":
                guard let id = value.string, ImportLocale.named(id) != nil else {
                    problem(value, "locale \"\(value.string ?? "")\" is not one Folio knows; expected a language and region like \(ImportLocale.examples)")
                    continue
                }
                own.locale = id
            case "delimiter":
                guard let d = value.string, Self.delimiterByte(d) != nil else {
                    problem(value, "delimiter \"\(value.string ?? "")\": expected comma, semicolon, tab, or one character")
                    continue
                }
                own.delimiter = d
            case "encoding":
                guard let e = value.string, TextEncoding.named(e) != nil else {
                    problem(value, "encoding \"\(value.string ?? "")\": expected one of \(TextEncoding.names)")
                    continue
                }
                own.encoding = e
            case "transforms":
                guard let m = value.mapping else { problem(value, "transforms must map a Folio column to its transform"); continue }
                for (k, v) in m {
                    let column = k.string ?? ""
                    if !isFolioColumn(column) { columnProblem(k, "transform for", column); continue }
                    switch Self.transform(v, isFolioColumn: isFolioColumn) {
                    case .success(let t): own.transforms[column] = t
                    case .failure(let message): problem(v, "\(column): \(message.text)")
                    }
                }
            case "ignore":
                own.ignore.formUnion(stringList(value, what: "ignore").map(normalize))
            case "ignore_unmapped":
                guard let b = value.bool else { problem(value, "ignore_unmapped must be true or false"); continue }
                own.ignoreUnmapped = b
            case "defaults":
                for (k, column, _, v) in stringMap(value, what: "defaults") {
                    if !isFolioColumn(column) { columnProblem(k, "default for", column); continue }
                    own.defaults[column] = v
                }
            case "only":
                guard let m = value.mapping else { problem(value, "only must map a foreign column to the values to keep"); continue }
                for (k, v) in m {
                    guard let column = k.string else { problem(k, "only: expected a column name"); continue }
                    own.only[normalize(column)] = Set(stringList(v, what: "only: \(column)").map(normalizeValue))
                }
            case "key_events":
                own.keyEvents = stringList(value, what: "key_events")
            case "logins":
                let list = stringList(value, what: "logins")
                if list == ["sessions"] { own.loginsFromSessions = true } else { own.loginEvents = list }
            case "features":
                for (_, event, _, feature) in stringMap(value, what: "features") { own.features[event] = feature }
            case "features_available":
                guard let n = value.int, n > 0 else { problem(value, "features_available must be a whole number above 0"); continue }
                own.featuresAvailable = n
            case "needs":
                for (_, column, _, hint) in stringMap(value, what: "needs") { own.needs[column] = hint }
            default:
                let close = keys.filter { Suggestion.distance($0, key) <= 2 }
                problem(keyNode, "unknown key \"\(key)\"" + (close.isEmpty ? "; expected \(keys.joined(separator: ", "))" : "; did you mean \(close.joined(separator: " or "))?"))
            }
        }
        if !problems.isEmpty { throw ImportFailed(problems: problems, truncated: false) }
        guard let base else { return own }
        return base.extended(by: own)
    }

    /// This mapping with `other`'s entries over it: where `other` says which column holds a
    /// Folio column, the base's sources for it give way.
    func extended(by other: ImportMapping) -> ImportMapping {
        var m = self
        m.name = other.name
        m.extends = name
        if !other.summary.isEmpty { m.summary = other.summary }
        if let k = other.kind { m.kind = k }
        let retargeted = Set(other.columns.values).union(other.templates.keys)
        m.columns = m.columns.filter { !retargeted.contains($0.value) || $0.value == "keys" }
        for t in retargeted { m.templates[t] = nil }
        m.columns.merge(other.columns) { $1 }
        m.templates.merge(other.templates) { $1 }
        for (column, map) in other.values { m.values[column, default: [:]].merge(map) { $1 } }
        m.dates.merge(other.dates) { $1 }
        m.timezone = other.timezone ?? m.timezone
        m.locale = other.locale ?? m.locale
        m.delimiter = other.delimiter ?? m.delimiter
        m.encoding = other.encoding ?? m.encoding
        m.transforms.merge(other.transforms) { $1 }
        m.ignore.formUnion(other.ignore)
        m.ignore.subtract(other.columns.keys)
        m.ignoreUnmapped = m.ignoreUnmapped || other.ignoreUnmapped
        m.defaults.merge(other.defaults) { $1 }
        m.only.merge(other.only) { $1 }
        if !other.keyEvents.isEmpty { m.keyEvents = other.keyEvents }
        if !other.loginEvents.isEmpty || other.loginsFromSessions {
            m.loginEvents = other.loginEvents
            m.loginsFromSessions = other.loginsFromSessions
        }
        m.features.merge(other.features) { $1 }
        m.featuresAvailable = other.featuresAvailable ?? m.featuresAvailable
        // What the user now maps is no longer asked of them.
        m.needs = m.needs.filter { !retargeted.contains($0.key) && other.defaults[$0.key] == nil && other.transforms[$0.key] == nil }
        m.needs.merge(other.needs) { $1 }
        return m
    }

    private struct TransformProblem: Error { var text: String }

    private static func transform(_ node: Node, isFolioColumn: (String) -> Bool) -> Result<Transform, TransformProblem> {
        if node.string == "term" { return .success(.term) }
        if node.string == "first" { return .success(.first) }
        guard let m = node.mapping else {
            return .failure(TransformProblem(text: "expected term, first, {scale: N} or {months_before: COLUMN, months: N|COLUMN}"))
        }
        if let s = m["scale"] {
            guard let f = s.float, f.isFinite, f != 0 else { return .failure(TransformProblem(text: "scale must be a number other than 0")) }
            return .success(.scale(f))
        }
        if let before = m["months_before"]?.string {
            guard isFolioColumn(before) else { return .failure(TransformProblem(text: "months_before: \"\(before)\" is not a Folio column")) }
            guard let months = m["months"] else { return .failure(TransformProblem(text: "months_before needs months: N or months: COLUMN (term_months)")) }
            if let n = months.int { return .success(.monthsBefore(column: before, months: .fixed(n))) }
            guard let column = months.string, isFolioColumn(column) else {
                return .failure(TransformProblem(text: "months: expected a whole number or a Folio column like term_months"))
            }
            return .success(.monthsBefore(column: before, months: .column(column)))
        }
        if m["term"] != nil { return .success(.term) }
        return .failure(TransformProblem(text: "expected term, first, {scale: N} or {months_before: COLUMN, months: N|COLUMN}"))
    }

    static func delimiterByte(_ text: String) -> UInt8? {
        switch text.lowercased() {
        case "comma", ",": return 0x2C
        case "semicolon", ";": return 0x3B
        case "tab", "\t", "\\t": return 0x09
        case "pipe", "|": return 0x7C
        default:
            guard text.utf8.count == 1, let b = text.utf8.first, b != 0x22, b != 0x0A, b != 0x0D else { return nil }
            return b
        }
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

    // MARK: - Use

    /// The file's format as the mapping names it.
    var format: CSVFormat {
        CSVFormat(delimiter: delimiter.flatMap(Self.delimiterByte), encoding: encoding.flatMap(TextEncoding.named))
    }

    var importLocale: ImportLocale { locale.flatMap(ImportLocale.named) ?? .neutral }

    var zone: TimeZone? { timezone.flatMap(TimeZone.init(identifier:)) }

    /// The Folio value for a foreign value of `column`, through the value map.
    func mapValue(_ value: String, column: String) -> String {
        guard let map = values[column] else { return value }
        return map[Self.normalizeValue(value)] ?? map["*"] ?? value
    }
}

/// `{First Name} {Last Name}`: foreign columns in braces, text between them.
struct Template: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case text(String)
        case column(String)
    }

    let parts: [Part]

    init(_ text: String) {
        var parts: [Part] = []
        var current = ""
        var inBraces = false
        for c in text {
            if c == "{" && !inBraces {
                if !current.isEmpty { parts.append(.text(current)) }
                current = ""
                inBraces = true
            } else if c == "}" && inBraces {
                parts.append(.column(current))
                current = ""
                inBraces = false
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { parts.append(.text(current)) }
        self.parts = parts
    }

    var columns: [String] {
        parts.compactMap { if case .column(let c) = $0 { return c } else { return nil } }
    }

    static func problem(_ text: String) -> String? {
        var depth = 0
        for c in text {
            if c == "{" { depth += 1; if depth > 1 { return "braces inside braces in \"\(text)\"" } }
            if c == "}" { depth -= 1; if depth < 0 { return "a } without its { in \"\(text)\"" } }
        }
        if depth != 0 { return "a { without its } in \"\(text)\"" }
        return Template(text).columns.isEmpty ? "\"\(text)\" names no column in braces" : nil
    }
}

/// "Did you mean": the closest names by edit distance.
enum Suggestion {
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidates within a third of the name's length, closest first.
    static func closest(to name: String, in candidates: [String], limit: Int = 2) -> [String] {
        let budget = max(2, name.count / 3)
        return candidates.map { ($0, distance($0, name)) }.filter { $0.1 <= budget }.sorted { $0.1 < $1.1 }.prefix(limit).map(\.0)
    }
}
