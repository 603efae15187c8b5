/// The rows an import refused while it imported the rest (`--quarantine FILE.csv`): one
/// line per refused row with its file, line and reason, then the row's own fields under its
/// file's column names, so it can be fixed in a spreadsheet and imported again.
public enum ImportQuarantine {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ rows: [ImportSummary.QuarantinedRow], to path: String) throws(Failure) {
        var columns: [String] = []
        for row in rows {
            for name in row.header where !columns.contains(name) { columns.append(name) }
        }
        do {
            var writer = try CSVFileWriter(path: path)
            try writer.header(["file", "line", "reason"] + columns)
            for row in rows {
                writer.field(row.file)
                writer.field(row.line)
                writer.field(row.reason)
                for name in columns {
                    if let i = row.header.firstIndex(of: name), i < row.fields.count { writer.field(row.fields[i]) } else { writer.emptyField() }
                }
                // A short row keeps every field it had, after the named ones.
                for extra in row.fields.dropFirst(row.header.count) { writer.field(extra) }
                try writer.endRow()
            }
            try writer.close()
        } catch {
            throw Failure(description: "the quarantine file could not be written (nothing was imported): \(error)")
        }
    }
}
