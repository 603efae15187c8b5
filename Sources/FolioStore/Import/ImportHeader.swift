import FolioDomain
import Foundation

/// A file's header row resolved against its kind's columns through the mapping: where each
/// Folio column comes from (a field, several joined, a default for new records), which
/// columns the file carries (an update never touches the others), and how each is read.
/// Header names match ignoring case and surrounding spaces.
final class ImportHeader {
    enum Source {
        case field(Int)
        /// `keys`: every field mapped to it, items joined.
        case fields([Int])
        /// Several names for one column (JSON paths): the first that has a value.
        case firstOf([Int])
        /// Templates: the first that is not empty.
        case template([[TemplatePart]])
    }

    enum TemplatePart {
        case text(String)
        case field(Int)
    }

    let kind: ImportKind
    let fieldCount: Int
    let names: [String]
    /// Folio column → where it comes from (a short list: searching it beats hashing, per row).
    private var sources: [(column: String, source: Source)] = []
    /// The length of each source's column name: scanned first, with no reference counting.
    private var sourceLengths: [Int] = []
    /// Folio column → value for new records (mapping defaults).
    let defaults: [String: String]
    let mapping: ImportMapping?
    /// Custom account attributes: name → field.
    private(set) var attributes: [(name: String, field: Int)] = []
    /// Rows kept only when these fields hold one of these values.
    private(set) var filters: [(field: Int, values: Set<String>, name: String)] = []
    /// Date readers per Folio column that has its own pattern; `dates` for the rest.
    private var dateReaders: [String: DateReader] = [:]
    let dates: DateReader
    let numbers: NumberReader
    let zone: TimeZone?
    /// Required columns the file lacks and no default fills: a new record cannot be made.
    private(set) var missingForNew: [String] = []
    /// Whether the mapping has value maps or transforms at all (most files have neither: their
    /// rows skip the lookups).
    let hasValueMaps: Bool
    let hasTransforms: Bool
    /// What the header's reading decided that a person should know.
    private(set) var notes: [String] = []
    /// The foreign header that feeds each Folio column, for messages ("arr (from ARR__c)").
    private(set) var labels: [String: String] = [:]

    /// Reads the header record; reports every unknown, duplicate and missing column.
    /// `alternatives`: several names for one column are alternatives (JSON paths, where the
    /// "header" lists every path the mapping names), not a column given twice.
    init(kind: ImportKind, record: CSVRecord, mapping: ImportMapping?, file: String, alternatives: Bool = false,
         report: (ImportProblem) -> Void) {
        self.kind = kind
        self.mapping = mapping
        fieldCount = record.fields.count
        names = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        defaults = mapping?.defaults ?? [:]
        hasValueMaps = !(mapping?.values.isEmpty ?? true)
        hasTransforms = !(mapping?.transforms.isEmpty ?? true)
        let locale = mapping?.importLocale ?? .neutral
        numbers = NumberReader(locale: locale)
        zone = mapping?.zone
        dates = DateReader(pattern: mapping?.dates["*"].flatMap { try? DateTimePattern.compile($0).get() }, locale: locale)
        for (column, pattern) in mapping?.dates ?? [:] where column != "*" {
            if case .success(let p) = DateTimePattern.compile(pattern) { dateReaders[column] = DateReader(pattern: p, locale: locale) }
        }

        func problemAt(_ index: Int, _ message: String) {
            report(ImportProblem(file: file, line: record.line, column: index + 1, message: message))
        }
        var byName: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            let key = ImportMapping.normalize(name)
            if byName[key] == nil { byName[key] = i }
        }
        // Foreign columns used by templates and filters count as used.
        var used = Set<Int>()
        var templateSources: [String: [[TemplatePart]]] = [:]
        for (column, templates) in mapping?.templates ?? [:] {
            var alternatives: [[TemplatePart]] = []
            var missing: [String] = []
            for text in templates {
                var parts: [TemplatePart] = []
                var complete = true
                for part in Template(text).parts {
                    switch part {
                    case .text(let t): parts.append(.text(t))
                    case .column(let c):
                        if let i = byName[ImportMapping.normalize(c)] { parts.append(.field(i)); used.insert(i) } else { missing.append(c); complete = false }
                    }
                }
                // Of several alternatives, those naming columns the file lacks drop out.
                if complete { alternatives.append(parts) }
            }
            if alternatives.isEmpty {
                if templates.count == 1 {
                    problemAt(fieldCount, "\(column) joins \(missing.map { "\"\($0)\"" }.joined(separator: ", ")), which the file does not have" + Self.didYouMean(missing[0], in: names))
                }
                continue
            }
            templateSources[column] = alternatives
        }
        for (column, values) in mapping?.only ?? [:] {
            guard let i = byName[column] else {
                problemAt(fieldCount, "the mapping keeps rows by \"\(column)\" (only:), which the file does not have" + Self.didYouMean(column, in: names))
                continue
            }
            used.insert(i)
            filters.append((i, values, names[i]))
        }

        var fieldsFor: [String: [Int]] = [:]
        var order: [String] = []
        for (i, name) in names.enumerated() {
            let key = ImportMapping.normalize(name)
            if name.isEmpty {
                if mapping?.ignoreUnmapped == true { continue }
                problemAt(i, "empty column name in the header")
                continue
            }
            if let mapping, mapping.ignore.contains(key) { continue }
            let column: String?
            if let mapped = mapping?.columns[key] {
                column = mapped
            } else if let own = kind.columnNames.first(where: { $0.lowercased() == key }) ?? (kind.accepts(key) ? key : nil) {
                // A column named like a Folio column the mapping joins from others feeds the join only.
                if templateSources[own] != nil { continue }
                column = own
            } else {
                column = nil
            }
            guard let column else {
                if used.contains(i) || mapping?.ignoreUnmapped == true { continue }
                let candidates = kind.columnNames + Array(mapping?.columns.keys ?? [:].keys)
                let close = Self.didYouMean(name, in: candidates)
                let remedy = mapping == nil ? "a mapping file (--map) can rename or ignore it" : "map it (columns:) or ignore it (ignore:, or ignore_unmapped: true) in the mapping"
                problemAt(i, "unknown column \"\(name)\" for \(kind.rawValue)" + (close.isEmpty ? "; expected \(kind.columnNames.joined(separator: ", "))" : close) + "; " + remedy)
                continue
            }
            if column.hasPrefix(ImportKind.attributePrefix) {
                attributes.append((String(column.dropFirst(ImportKind.attributePrefix.count)), i))
                continue
            }
            if fieldsFor[column] == nil { order.append(column) }
            fieldsFor[column, default: []].append(i)
        }
        for column in order {
            let fields = fieldsFor[column]!
            if fields.count > 1 && alternatives && !ImportKind.listColumns.contains(column) {
                if templateSources[column] == nil { sources.append((column, .firstOf(fields))) }
                labels[column] = names[fields[0]]
                continue
            }
            if fields.count > 1 && !ImportKind.listColumns.contains(column) {
                let first = fields[0]
                let sameName = fields.dropFirst().contains { ImportMapping.normalize(names[$0]) == ImportMapping.normalize(names[first]) }
                if sameName || mapping == nil {
                    problemAt(fields[1], "column \"\(column)\" is given twice: by \"\(names[first])\" (column \(first + 1)) and \"\(names[fields[1]])\"; \(mapping == nil ? "remove one" : "ignore one in the mapping")")
                    continue
                }
                // Two of the mapping's names for one column: the first in the file is used, and said.
                notes.append("\(column) is read from \"\(names[first])\"; the file also has \(fields.dropFirst().map { "\"\(names[$0])\"" }.joined(separator: ", ")), which the mapping also takes for \(column) (ignored; name the one you mean in your mapping)")
            }
            if templateSources[column] != nil {
                problemAt(fields[0], "\(column) comes both from \"\(names[fields[0]])\" and from the mapping's joined columns; keep one")
                continue
            }
            sources.append((column, ImportKind.listColumns.contains(column) ? .fields(fields) : .field(fields[0])))
            labels[column] = names[fields[0]]
        }
        for (column, alternatives) in templateSources {
            sources.append((column, .template(alternatives)))
            labels[column] = mapping?.templates[column]?.first
        }
        sourceLengths = sources.map(\.column.utf8.count)

        // Columns each row needs, and columns new records need.
        let transforms = mapping?.transforms ?? [:]
        for column in kind.columns where source(for: column.name) == nil {
            let computed = transforms[column.name].map { t -> Bool in
                if case .monthsBefore = t { return true }
                return false
            } ?? false
            if kind == .usage && column.name == "week" { continue }
            switch column.need {
            case .key where !computed:
                if kind == .activities || defaults[column.name] == nil {
                    let hint = mapping?.needs[column.name].map { ": \($0)" } ?? ""
                    problemAt(fieldCount, "missing required column \"\(column.name)\" for \(kind.rawValue)\(hint) (required: \(kind.columns.filter { $0.need == .key }.map(\.name).joined(separator: ", ")))")
                }
            case .required where !computed && defaults[column.name] == nil:
                missingForNew.append(column.name)
            default:
                break
            }
        }
        if kind == .usage && source(for: "week") == nil && source(for: "date") == nil {
            problemAt(fieldCount, "missing column \"week\" (the week's Monday) or \"date\" (a day, rolled up into its week) for usage")
        }
    }

    /// For a column the file lacks: the file's header that is close to a name the mapping
    /// reads the column from ("Company ownr" for "Company owner"), as a hint; "" when none.
    func nearMiss(for column: String) -> String {
        guard let mapping else { return "" }
        let normalized = names.map(ImportMapping.normalize)
        let unused = normalized.filter { mapping.columns[$0] == nil && !kind.columnNames.contains($0) }
        for wanted in mapping.columns.filter({ $0.value == column }).map(\.key).sorted() {
            if let close = Suggestion.closest(to: wanted, in: unused, limit: 1).first, let i = normalized.firstIndex(of: close) {
                return "; the mapping reads it from \"\(wanted)\": did you mean the file's \"\(names[i])\"?"
            }
        }
        return ""
    }

    static func didYouMean(_ name: String, in candidates: [String]) -> String {
        let close = Suggestion.closest(to: name, in: candidates)
        return close.isEmpty ? "" : "; did you mean \(close.map { "\"\($0)\"" }.joined(separator: " or "))?"
    }

    func source(for column: String) -> Source? {
        // Lengths first: most names differ in length, and comparing strings is a call per entry.
        let length = column.utf8.count
        for i in sourceLengths.indices where sourceLengths[i] == length && sources[i].column == column { return sources[i].source }
        return nil
    }

    /// Whether the file carries `column` (an update changes only these).
    func carries(_ column: String) -> Bool {
        if source(for: column) != nil { return true }
        if case .monthsBefore(let other, let months)? = mapping?.transforms[column] {
            if case .column(let c) = months, !carries(c) { return false }
            return carries(other)
        }
        return false
    }

    /// The field position of a Folio column for messages (1 = first); after the last when none.
    func position(of column: String) -> Int {
        switch source(for: column) {
        case .field(let i)?: return i + 1
        case .fields(let list)?, .firstOf(let list)?: return (list.first ?? fieldCount) + 1
        case .template(let alternatives)?:
            for parts in alternatives { for case .field(let i) in parts { return i + 1 } }
            return fieldCount + 1
        case nil: return fieldCount + 1
        }
    }

    func dateReader(for column: String) -> DateReader { dateReaders.isEmpty ? dates : dateReaders[column] ?? dates }

    /// Whether a record passes the mapping's `only:` filters; the failing filter otherwise.
    func filterOut(_ record: CSVRecord) -> String? {
        for f in filters where !f.values.contains(ImportMapping.normalizeValue(record.field(f.field))) {
            return f.name
        }
        return nil
    }

    /// How a Folio column is described in messages: its name, and the foreign header when renamed.
    func label(_ column: String) -> String {
        guard let foreign = labels[column], ImportMapping.normalize(foreign) != column else { return column }
        return "\(column) (from \"\(foreign)\")"
    }
}
