import Foundation
import FolioDomain
import GRDB

/// Imports CSV files into the database, all or nothing: every file is read and checked in
/// one write transaction; if any problem is found, every problem (up to a limit) is
/// reported and the transaction is rolled back, so the database is exactly as before.
public final class PortfolioImporter {
    public struct Options: Sendable {
        /// Forces the kind of every file (otherwise it comes from the file name or the mapping).
        public var kind: ImportKind?
        public var mapping: ImportMapping?
        /// Login of who runs the import, for the audit log.
        public var actor: String
        /// When it runs (seconds since 1970), for the audit log.
        public var at: Int64
        /// Stop reading after this many problems.
        public var errorLimit: Int

        public init(kind: ImportKind? = nil, mapping: ImportMapping? = nil, actor: String, at: Int64, errorLimit: Int = 100) {
            self.kind = kind
            self.mapping = mapping
            self.actor = actor
            self.at = at
            self.errorLimit = errorLimit
        }
    }

    public let database: FolioDatabase

    public init(database: FolioDatabase) {
        self.database = database
    }

    /// Imports `paths`; throws `ImportFailed` (nothing written) or `StoreError`.
    public func run(paths: [String], options: Options) throws -> ImportSummary {
        let started = Date()
        var jobs: [(path: String, kind: ImportKind)] = []
        var problems: [ImportProblem] = []
        for path in paths {
            if let kind = options.kind ?? ImportKind.guess(fromFileName: path) ?? options.mapping?.kind {
                jobs.append((path, kind))
            } else {
                problems.append(ImportProblem(file: path, line: 1, column: 1, message: "cannot tell what kind of data this is from its name; name it after its kind (\(ImportKind.allCases.map { "\($0.rawValue).csv" }.joined(separator: ", "))) or pass --kind"))
            }
        }
        guard problems.isEmpty else { throw ImportFailed(problems: problems, truncated: false) }
        // References resolve only if users come before accounts, accounts before contacts…
        jobs = jobs.enumerated().sorted { ($0.element.kind.applyOrder, $0.offset) < ($1.element.kind.applyOrder, $1.offset) }.map(\.element)

        var summary = try database.write { db -> ImportSummary in
            // A large import touches the same index pages over and over: a bigger page
            // cache for this transaction keeps them in memory (bounded, 64 MiB).
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            let session = try ImportSession(db: db, options: options)
            var summary = ImportSummary()
            do {
                for job in jobs {
                    if let file = try session.importFile(path: job.path, kind: job.kind) {
                        summary.files.append(file)
                    }
                }
            } catch is ImportSession.LimitReached {
                throw ImportFailed(problems: session.problems, truncated: true)
            }
            if !session.problems.isEmpty {
                throw ImportFailed(problems: session.problems, truncated: false)
            }
            for file in summary.files {
                try db.execute(sql: "INSERT INTO audit_entry (actor, at, action, subject, after) VALUES (?, ?, 'import', ?, ?)",
                               arguments: [options.actor, options.at, file.path,
                                           "{\"kind\":\"\(file.kind.rawValue)\",\"rows\":\(file.rows),\"added\":\(file.added)}"])
            }
            return summary
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }
}

/// The state of one import inside its transaction: what is known to exist (users,
/// accounts, contacts — in the database or earlier in this import) and the problems found.
final class ImportSession {
    struct LimitReached: Error {}

    let db: Database
    let options: Options
    typealias Options = PortfolioImporter.Options
    /// Rows written in this import carry this number; an upsert that finds a row with the
    /// same number has met a duplicate key within the import.
    let batch: Int64
    private(set) var problems: [ImportProblem] = []
    var users = UserDirectory()
    var accountIDs: Set<String> = []
    var contactIDs: Set<String> = []

    init(db: Database, options: Options) throws {
        self.db = db
        self.options = options
        let last = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'import_batch'") ?? 0
        batch = last + 1
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('import_batch', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [String(batch)])
        let rows = try Row.fetchCursor(db, sql: "SELECT login, name, email FROM user")
        while let row = try rows.next() {
            users.add(login: row[0], name: row[1], email: row[2])
        }
        accountIDs = Set(try String.fetchAll(db, sql: "SELECT id FROM account"))
        contactIDs = Set(try String.fetchAll(db, sql: "SELECT id FROM contact"))
    }

    func report(_ problem: ImportProblem) throws {
        problems.append(problem)
        if problems.count >= options.errorLimit { throw LimitReached() }
    }

    func report(_ list: [ImportProblem]) throws {
        for p in list { try report(p) }
    }

    /// Reads one file and writes its rows; nil when the file could not be read at all.
    func importFile(path: String, kind: ImportKind) throws -> ImportSummary.File? {
        let reader: RecordPrefetcher
        do {
            reader = RecordPrefetcher(try CSVRecordReader(path: path, displayName: path))
        } catch {
            try report(error)
            return nil
        }
        defer { reader.cancel() }
        do {
            guard let headerRecord = try reader.next() else {
                try report(ImportProblem(file: path, line: 1, column: 1, message: "the file is empty; expected a header row: \(kind.columnNames.joined(separator: ","))"))
                return nil
            }
            if headerRecord.isBlank {
                try report(ImportProblem(file: path, line: headerRecord.line, column: 1, message: "the first line is blank; expected a header row: \(kind.columnNames.joined(separator: ","))"))
                return nil
            }
            var headerProblems: [ImportProblem] = []
            let header = ImportHeader(kind: kind, record: headerRecord, mapping: options.mapping, file: path) { headerProblems.append($0) }
            guard headerProblems.isEmpty else {
                try report(headerProblems)
                return nil
            }
            let table = ImportWriter.table(for: kind)
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            let writer = try ImportWriter(kind: kind, session: self)
            var rows = 0
            var lastLine = headerRecord.line
            while let record = try reader.next() {
                lastLine = record.line
                if record.isBlank { continue }
                rows += 1
                guard record.fields.count == header.fieldCount else {
                    try report(ImportProblem(file: path, line: record.line, column: min(record.fields.count, header.fieldCount) + 1,
                                             message: "expected \(header.fieldCount) fields as in the header, found \(record.fields.count)"))
                    continue
                }
                var row = ImportRow(header: header, record: record, file: path)
                try writer.apply(&row)
                if !row.problems.isEmpty { try report(row.problems) }
            }
            try writer.finish()
            if rows == 0 {
                try report(ImportProblem(file: path, line: lastLine + 1, column: 1, message: "no data rows after the header"))
                return nil
            }
            let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            return ImportSummary.File(path: path, kind: kind, rows: rows, added: after - before)
        } catch let problem as ImportProblem {
            try report(problem)
            return nil
        }
    }
}
