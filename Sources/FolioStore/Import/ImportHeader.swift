import FolioDomain
/// A file's header row resolved against its kind's columns (after the mapping's renames):
/// where each Folio column is, or what default stands in for it.
struct ImportHeader {
    let kind: ImportKind
    let fieldCount: Int
    /// Folio column → field index (a short list: searching it beats hashing, per field per row).
    private var index: [(column: String, position: Int)] = []
    /// Folio column → constant value (mapping defaults for columns the file lacks).
    private var constants: [String: String] = [:]
    /// Field index → value map, where the mapping maps values of that column.
    private(set) var valueMaps: [Int: [String: String]] = [:]
    /// Field index → date format other than ISO.
    private(set) var dateFormats: [Int: ImportMapping.DateFormat] = [:]

    /// Reads the header record; reports every unknown, duplicate and missing column.
    init(kind: ImportKind, record: CSVRecord, mapping: ImportMapping?, file: String,
         report: (ImportProblem) -> Void) {
        self.kind = kind
        self.fieldCount = record.fields.count
        let allowed = Set(kind.columnNames)
        for (i, raw) in record.fields.enumerated() {
            let cell = raw.trimmingCharacters(in: .whitespaces)
            guard let column = mapping?.folioColumn(for: cell) ?? (mapping == nil ? cell : nil) else { continue }
            func problemAt(_ message: String) {
                report(ImportProblem(file: file, line: record.line, column: i + 1, message: message))
            }
            if column.isEmpty {
                problemAt("empty column name in the header")
            } else if !allowed.contains(column) {
                let renamed = column == cell ? "" : " (renamed from \"\(cell)\" by the mapping)"
                problemAt("unknown column \"\(column)\"\(renamed) for \(kind.rawValue); expected \(kind.columnNames.joined(separator: ", ")); a mapping file (--map) can rename or ignore it")
            } else if let first = position(of: column) {
                problemAt("column \"\(column)\" appears twice (first as column \(first + 1))")
            } else {
                index.append((column, i))
                if let map = mapping?.values[column] { valueMaps[i] = map }
                if let format = mapping?.dates[column], format != .iso { dateFormats[i] = format }
            }
        }
        for column in kind.columns where position(of: column.name) == nil {
            if let value = mapping?.defaults[column.name] {
                constants[column.name] = value
            } else if column.required {
                report(ImportProblem(file: file, line: record.line, column: record.fields.count + 1,
                                     message: "missing required column \"\(column.name)\" for \(kind.rawValue) (required: \(kind.columns.filter(\.required).map(\.name).joined(separator: ", ")))"))
            }
        }
    }

    func position(of column: String) -> Int? {
        for entry in index where entry.column == column { return entry.position }
        return nil
    }
    func constant(for column: String) -> String? { constants[column] }
}
