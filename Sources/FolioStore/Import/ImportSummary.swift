/// What an import did (or, in a dry run, would do), file by file.
public struct ImportSummary: Sendable, CustomStringConvertible {
    public struct File: Sendable {
        public var path: String
        public var kind: ImportKind
        /// Data rows read (blank lines and a report's footer not counted).
        public var rows: Int
        /// Records that were new, changed, or already as the file says.
        public var added: Int
        public var changed = 0
        public var unchanged = 0
        /// Rows the mapping's `only:` left out, and rows refused into the quarantine.
        public var skipped = 0
        public var quarantined = 0
        /// For events: the weeks of usage they rolled up into.
        public var weeks = 0
        /// The mapping the file was read with.
        public var mapping: String?
        /// What the import noticed and handled: a report footer skipped, events of unknown accounts.
        public var notes: [String] = []

        public init(path: String, kind: ImportKind, rows: Int, added: Int) {
            self.path = path
            self.kind = kind
            self.rows = rows
            self.added = added
        }
    }

    /// A row refused while good rows went in (`--quarantine`): where it was, why, and what it held.
    public struct QuarantinedRow: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var reason: String
        public var header: [String]
        public var fields: [String]
    }

    public var files: [File] = []
    public var seconds: Double = 0
    /// Values that went in but look wrong (an ARR a thousand times the file's median).
    public var warnings: [String] = []
    public var quarantined: [QuarantinedRow] = []
    /// A dry run: nothing was written.
    public var dryRun = false
    /// In a dry run, the problems that would refuse the import (the first ones).
    public var problems: [ImportProblem] = []

    public var rows: Int { files.reduce(0) { $0 + $1.rows } }

    public var description: String {
        var lines: [String] = []
        for f in files {
            var parts: [String]
            if f.kind == .events {
                parts = ["\(f.rows) events into \(f.weeks) weeks of usage"]
            } else {
                parts = ["\(f.rows) \(f.kind.rawValue) rows", "\(f.added) new, \(f.changed) changed, \(f.unchanged) unchanged"]
            }
            if f.skipped > 0 { parts.append("\(f.skipped) skipped by the mapping") }
            if f.quarantined > 0 { parts.append("\(f.quarantined) quarantined") }
            lines.append("\(f.path): " + parts.joined(separator: "; "))
            lines += f.notes.map { "  note: \($0)" }
        }
        lines += warnings.map { "warning: \($0)" }
        if dryRun {
            for p in problems { lines.append(p.description) }
            lines.append(problems.isEmpty
                ? "dry run: \(rows) rows from \(files.count) file\(files.count == 1 ? "" : "s") would import; nothing was written"
                : "dry run: this import would be refused (\(problems.count) problem\(problems.count == 1 ? "" : "s") above\(problems.count >= 100 ? " or more" : "")); nothing was written")
        } else {
            let q = quarantined.isEmpty ? "" : "; \(quarantined.count) row\(quarantined.count == 1 ? "" : "s") refused into the quarantine"
            lines.append("imported \(rows) rows from \(files.count) file\(files.count == 1 ? "" : "s") in \(String(format: "%.2f", seconds)) s\(q)")
        }
        return lines.joined(separator: "\n")
    }
}

/// How far an import has got, for a progress line.
public struct ImportProgress: Sendable {
    public var file: String
    public var rows: Int
    public var bytesRead: Int64
    public var totalBytes: Int64
}
