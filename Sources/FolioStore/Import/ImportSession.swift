import Foundation
import FolioDomain
import GRDB

/// The state of one import inside its transaction: what is known to exist (users,
/// accounts, contacts and their keys, in the database or earlier in this import), the
/// problems found, the rows quarantined and the warnings raised.
final class ImportSession {
    struct LimitReached: Error {}

    let db: Database
    let options: PortfolioImporter.Options
    /// Rows written in this import carry this number; an upsert that finds a row with the
    /// same number has met a duplicate key within the import.
    let batch: Int64
    private(set) var problems: [ImportProblem] = []
    private(set) var quarantined: [ImportSummary.QuarantinedRow] = []
    var warnings: [String] = []
    var linker: RecordLinker
    /// Rows found unchanged, so a key given twice is still caught (they are not rewritten).
    let unchangedKeys = UnchangedKeys()
    /// The day the import runs (UTC), for records it opens.
    let today: Day

    init(db: Database, options: PortfolioImporter.Options, kinds: Set<ImportKind>) throws {
        self.db = db
        self.options = options
        let last = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'import_batch'") ?? 0
        batch = last + 1
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('import_batch', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [String(batch)])
        linker = try RecordLinker(db: db, contacts: kinds.contains(.contacts) || kinds.contains(.nps))
        today = Moment(seconds: options.at).day
    }

    func report(_ problem: ImportProblem) throws {
        problems.append(problem)
        if problems.count >= options.errorLimit { throw LimitReached() }
    }

    func report(_ list: [ImportProblem]) throws {
        for p in list { try report(p) }
    }

    /// A row that cannot go in: quarantined (with its fields) when the import quarantines,
    /// otherwise a problem that refuses the import.
    func refuse(_ row: ImportRow) throws {
        guard options.quarantine else { return try report(row.problems) }
        quarantined.append(ImportSummary.QuarantinedRow(file: row.file, line: row.line,
                                                        reason: row.problems.map { "column \($0.column): \($0.message)" }.joined(separator: "; "),
                                                        header: row.header.names, fields: row.record.fields))
        if quarantined.count > options.errorLimit {
            problems = Array(quarantined.prefix(options.errorLimit).map { ImportProblem(file: $0.file, line: $0.line, column: 1, message: $0.reason) })
            throw LimitReached()
        }
    }

    /// Records a change to an existing record: before and after of each changed field.
    func audit(_ subject: String, _ changes: [RecordUpsert.Change]) throws {
        let before = JSONText.object(changes.map { (Self.auditName($0.column), Self.auditValue($0.column, $0.before)) })
        let after = JSONText.object(changes.map { (Self.auditName($0.column), Self.auditValue($0.column, $0.after)) })
        try db.execute(sql: "INSERT INTO audit_entry (actor, at, action, subject, before, after) VALUES (?, ?, 'import.change', ?, ?, ?)",
                       arguments: [options.actor, options.at, subject, before, after])
    }

    /// Stored column names as a person knows them (`arr`, not `arr_cents`).
    static func auditName(_ column: String) -> String {
        switch column {
        case "arr_cents": return "arr"
        case "amount_cents": return "amount"
        case "arr_change_cents": return "arr_change"
        case "email_opt_out": return "opt_out"
        case "manager_login": return "manager"
        default: return column
        }
    }

    static func auditValue(_ column: String, _ value: SQLValue) -> SQLValue {
        guard column.hasSuffix("_cents"), case .int(let cents) = value else { return value }
        return .text(Money(cents: cents).decimal)
    }

    /// Reads one file and writes its rows; nil when the file could not be read at all.
    func importFile(path: String, kind: ImportKind, mapping: ImportMapping?) throws -> ImportSummary.File? {
        if let what = NotText.what(path) {
            try report(ImportProblem(file: path, line: 1, column: 1, message: what))
            return nil
        }
        if kind == .events { return try EventImport(session: self, path: path, mapping: mapping).run() }
        let csv: CSVRecordReader
        do {
            csv = try CSVRecordReader(path: path, displayName: path, format: mapping?.format ?? CSVFormat())
        } catch {
            try report(error)
            return nil
        }
        do {
            // The header is read here; the rest of the file on the reading thread, where its
            // rows are also prepared when the file allows (`RowPreparer`).
            var firstRecords = try csv.nextBatch()?.records ?? []
            guard !firstRecords.isEmpty else {
                try report(ImportProblem(file: path, line: 1, column: 1, message: "the file is empty; expected a header row: \(kind.columnNames.joined(separator: ","))"))
                return nil
            }
            let headerRecord = firstRecords.removeFirst()
            if headerRecord.isBlank {
                try report(ImportProblem(file: path, line: headerRecord.line, column: 1, message: "the first line is blank; expected a header row: \(kind.columnNames.joined(separator: ","))"))
                return nil
            }
            var headerProblems: [ImportProblem] = []
            let header = ImportHeader(kind: kind, record: headerRecord, mapping: mapping, file: path) { headerProblems.append($0) }
            guard headerProblems.isEmpty else {
                try report(headerProblems)
                return nil
            }
            let reader = RecordPrefetcher(csv, first: firstRecords, prepare: RowPreparer(kind: kind, header: header, file: path,
                                                                                     users: kind == .activities ? linker.users : nil))
            defer { reader.cancel() }
            noteHeader(header, path: path)
            let writer = try ImportWriter(kind: kind, header: header, session: self)
            var file = ImportSummary.File(path: path, kind: kind, rows: 0, added: 0)
            file.mapping = mapping?.name
            file.notes = header.notes
            var trailer = ReportTrailer()
            var lastLine = headerRecord.line
            var sinceProgress = 0
            let clock = ContinuousClock()
            var lastProgress = clock.now
            while let record = try reader.next() {
                lastLine = record.line
                sinceProgress += 1
                if sinceProgress >= 4096, let progress = options.progress {
                    sinceProgress = 0
                    if clock.now - lastProgress > .milliseconds(200) {
                        lastProgress = clock.now
                        progress(ImportProgress(file: path, rows: file.rows, bytesRead: reader.bytesRead, totalBytes: csv.totalBytes))
                    }
                }
                // A Salesforce report's footer is held back until it is clear it ends the file
                // (a prepared row is neither footer nor blank).
                let prepared = reader.prepared
                if prepared == nil && trailer.holds(record) { continue }
                for held in trailer.release() { try handle(held, prepared: nil, header: header, delimiter: csv.delimiter, writer: writer, file: &file) }
                if prepared == nil && record.isBlank { continue }
                try handle(record, prepared: prepared, header: header, delimiter: csv.delimiter, writer: writer, file: &file)
            }
            if let note = trailer.finish(dataRows: file.rows + file.skipped + file.quarantined) { file.notes.append(note) }
            try writer.finish(file: &file)
            if file.rows == 0 && file.skipped == 0 {
                try report(ImportProblem(file: path, line: lastLine + 1, column: 1, message: "no data rows after the header"))
                return nil
            }
            warnings += writer.plausibilityWarnings()
            return file
        } catch let problem as ImportProblem {
            try report(problem)
            return nil
        }
    }

    private func handle(_ record: CSVRecord, prepared: PreparedRow?, header: ImportHeader, delimiter: UInt8, writer: ImportWriter, file: inout ImportSummary.File) throws {
        // A prepared row has the header's fields and passes the filters (`RowPreparer`).
        guard prepared != nil || record.count == header.fieldCount else {
            var row = ImportRow(header: header, record: record, file: file.path)
            let separated = delimiter == 0x2C ? "" : " (\(CSVFormat.name(of: delimiter))-separated)"
            row.problems = [ImportProblem(file: file.path, line: record.line, column: min(record.count, header.fieldCount) + 1,
                                          message: "expected \(header.fieldCount) fields as in the header\(separated), found \(record.count)")]
            if options.quarantine { file.quarantined += 1 } else { file.rows += 1 }
            return try refuse(row)
        }
        if prepared == nil, header.filterOut(record) != nil {
            file.skipped += 1
            return
        }
        var row = ImportRow(header: header, record: record, file: file.path)
        try writer.apply(&row, prepared: prepared, file: &file)
        if row.problems.isEmpty { file.rows += 1; return }
        if options.quarantine { file.quarantined += 1 } else { file.rows += 1 }
        try refuse(row)
    }

    /// Notes about the header worth a warning: ARR taken from a column named like a
    /// company's own revenue.
    private func noteHeader(_ header: ImportHeader, path: String) {
        if let source = header.labels["arr"], ImportMapping.normalize(source).contains("annual revenue") {
            warnings.append("\(path): arr comes from \"\(source)\", which in Salesforce and HubSpot is the customer company's own revenue, not what they pay you; map your subscription field (ARR) to arr instead")
        }
    }
}

/// A Salesforce report export's footer: a blank line, `"Grand Totals (N records)"`, a blank
/// line, `"Confidential Information - Do Not Distribute"`, and a copyright line. Held back
/// when met, skipped when nothing but the footer follows, and handed back as rows (which
/// then fail as short rows) when data follows it.
struct ReportTrailer {
    private var held: [CSVRecord] = []
    private var lines: [String] = []
    private var firstLine: Int?
    private var grandTotal: Int?
    private var seen = false

    static func isFooterText(_ text: String) -> Bool {
        guard let c = text.utf8.first(where: { $0 != 0x20 }), c == 0x47 || c == 0x67 || c == 0x43 || c == 0x63 else { return false }
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        return t.hasPrefix("grand totals (") && t.hasSuffix(")")
            || t == "confidential information - do not distribute"
            || (t.hasPrefix("copyright") && t.contains("salesforce.com"))
    }

    /// True when `record` belongs to a possible footer (kept until the file ends or data follows).
    mutating func holds(_ record: CSVRecord) -> Bool {
        // A footer line is one cell (Excel, re-saving the file, pads it with empty ones): the
        // cheap test first, it runs for every row.
        if record.count > 0, (1..<record.count).allSatisfy(record.isEmpty), Self.isFooterText(record.field(0)) {
            seen = true
            held.append(record)
            lines.append(record.field(0))
            if firstLine == nil { firstLine = record.line }
            let t = record.field(0).lowercased()
            if t.hasPrefix("grand totals ("), let n = Int(t.dropFirst("grand totals (".count).prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)) {
                grandTotal = n
            }
            return true
        }
        if seen && record.isBlank {
            held.append(record)
            return true
        }
        return false
    }

    /// Data after a footer-like line: it was no footer; the held rows go back to be read.
    mutating func release() -> [CSVRecord] {
        guard !held.isEmpty else { return [] }
        defer { held = []; lines = []; firstLine = nil; grandTotal = nil; seen = false }
        return held.filter { !$0.isBlank }
    }

    /// At the end of the file: the footer skipped, as a note (with a check of its count).
    func finish(dataRows: Int) -> String? {
        guard seen, let first = firstLine else { return nil }
        var note = "skipped the Salesforce report footer from line \(first) (\(lines.map { "\"\($0)\"" }.joined(separator: ", ")))"
        if let total = grandTotal, total != dataRows {
            note += "; it counts \(total) records but the file has \(dataRows) rows: was the export cut short?"
        }
        return note
    }
}
