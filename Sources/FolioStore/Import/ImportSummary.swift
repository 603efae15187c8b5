/// What an import did, file by file.
public struct ImportSummary: Sendable, CustomStringConvertible {
    public struct File: Sendable {
        public var path: String
        public var kind: ImportKind
        /// Data rows read (blank lines not counted).
        public var rows: Int
        /// Rows that were new (the rest updated existing rows by key).
        public var added: Int
    }

    public var files: [File] = []
    public var seconds: Double = 0

    public var rows: Int { files.reduce(0) { $0 + $1.rows } }

    public var description: String {
        var lines = files.map { f in
            "\(f.path): \(f.rows) \(f.kind.rawValue) rows (\(f.added) new, \(f.rows - f.added) updated)"
        }
        lines.append("imported \(rows) rows from \(files.count) file\(files.count == 1 ? "" : "s") in \(String(format: "%.2f", seconds)) s")
        return lines.joined(separator: "\n")
    }
}
