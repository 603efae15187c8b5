import FolioDomain
import Foundation

/// Writes a portfolio as the import CSVs (`users.csv`, `accounts.csv`, … DESIGN §3.1) into
/// a folder, record by record: headers are `ImportKind.generatedColumns`, dates ISO, money as
/// `Money.decimal`, booleans `true`/`false`, contact roles `;`-separated, nil as an empty
/// field. Memory stays flat: each file keeps at most a 1 MB buffer.
public final class PortfolioCSVExporter {
    /// What was written.
    public struct Summary: Sendable, Equatable {
        public var directory: String
        /// Full paths, in import order.
        public var files: [String]
        /// Data rows per kind (headers not counted).
        public var rowCounts: [ImportKind: Int]
        public var bytes: Int

        public var totalRows: Int { rowCounts.values.reduce(0, +) }
    }

    public let directory: String
    private var users, accounts, contacts, usage, cases, nps, payments, activities: CSVFileWriter

    /// Creates `directory` (and its parents) if needed and starts every file with its
    /// header row; existing files of the same names are replaced.
    public init(directory: String) throws(PortfolioExportError) {
        self.directory = directory
        try PortfolioCSVExporter.makeDirectory(directory)
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        func startFile(_ kind: ImportKind) throws(PortfolioExportError) -> CSVFileWriter {
            var writer = try CSVFileWriter(path: folder.appendingPathComponent(kind.rawValue + ".csv").path)
            try writer.header(kind.generatedColumns)
            return writer
        }
        users = try startFile(.users)
        accounts = try startFile(.accounts)
        contacts = try startFile(.contacts)
        usage = try startFile(.usage)
        cases = try startFile(.cases)
        nps = try startFile(.nps)
        payments = try startFile(.payments)
        activities = try startFile(.activities)
    }

    /// Generates `generator`'s portfolio straight into `directory`, telling `progress` how
    /// many accounts are written (every thousand).
    public static func export(_ generator: PortfolioGenerator, to directory: String,
                              progress: ProgressHandler? = nil) throws(PortfolioExportError) -> Summary {
        let exporter = try PortfolioCSVExporter(directory: directory)
        var written = 0
        try generator.generate { (record) throws(PortfolioExportError) in
            if let progress, case .account = record {
                written += 1
                if written % 1000 == 0 { progress(WorkProgress("writing accounts and their history", done: written, of: generator.accountCount, unit: "accounts")) }
            }
            try exporter.write(record)
        }
        return try exporter.finish()
    }

    /// Writes the demo book (`DemoBook`) into `directory`.
    public static func export(_ book: DemoBook, to directory: String) throws(PortfolioExportError) -> Summary {
        let exporter = try PortfolioCSVExporter(directory: directory)
        try book.generate { (record) throws(PortfolioExportError) in try exporter.write(record) }
        return try exporter.finish()
    }

    /// Appends one record as a row of its file.
    public func write(_ record: PortfolioRecord) throws(PortfolioExportError) {
        // Each row is encoded through one `inout` access to its writer.
        switch record {
        case .user(let u): try Self.append(u, to: &users)
        case .account(let a): try Self.append(a, to: &accounts)
        case .contact(let c): try Self.append(c, to: &contacts)
        case .usage(let u): try Self.append(u, to: &usage)
        case .supportCase(let c): try Self.append(c, to: &cases)
        case .nps(let n): try Self.append(n, to: &nps)
        case .payment(let p): try Self.append(p, to: &payments)
        case .activity(let a): try Self.append(a, to: &activities)
        }
    }

    /// Flushes and closes every file. Call once, after the last record.
    public func finish() throws(PortfolioExportError) -> Summary {
        var counts: [ImportKind: Int] = [:]
        var files: [String] = []
        var bytes = 0
        func close(_ writer: inout CSVFileWriter, _ kind: ImportKind) throws(PortfolioExportError) {
            try writer.close()
            counts[kind] = writer.rows
            files.append(writer.path)
            bytes += writer.bytes
        }
        try close(&users, .users)
        try close(&accounts, .accounts)
        try close(&contacts, .contacts)
        try close(&usage, .usage)
        try close(&cases, .cases)
        try close(&nps, .nps)
        try close(&payments, .payments)
        try close(&activities, .activities)
        return Summary(directory: directory, files: files, rowCounts: counts, bytes: bytes)
    }

    // MARK: - Rows, columns in `ImportKind.generatedColumns` order

    private static func append(_ u: User, to w: inout CSVFileWriter) throws(PortfolioExportError) {
        w.field(u.login); w.field(u.name); w.field(u.email); w.field(u.role.rawValue); w.field(u.managerLogin)
        try w.endRow()
    }

    private static func append(_ a: Account, to w: inout CSVFileWriter) throws(PortfolioExportError) {
        w.field(a.id); w.field(a.name); w.field(a.tier.rawValue); w.field(a.owner); w.field(a.ae)
        w.field(a.arr.decimal); w.field(a.contractStart); w.field(a.renewalDate); w.field(a.seats)
        w.field(a.timezone); w.field(a.emailOptOut); w.field(a.status.rawValue); w.field(a.termMonths)
        try w.endRow()
    }

    private static func append(_ c: Contact, to w: inout CSVFileWriter) throws(PortfolioExportError) {
        w.field(c.id); w.field(c.accountID); w.field(c.name); w.field(c.email); w.field(c.rolesText)
        w.field(c.leftCompany); w.field(c.optOut)
        try w.endRow()
    }

    private static func append(_ u: UsageWeek, to w: inout CSVFileWriter) throws(PortfolioExportError) {
        w.field(u.accountID); w.field(u.week); w.field(u.activeUsers); w.field(u.logins)
        w.field(u.keyActions); w.field(u.featuresUsed); w.field(u.featuresAvailable)
        try w.endRow()
    }

    private static func append(_ c: SupportCase, to w: inout CSVFileWriter) throws(PortfolioExportError) {
        w.field(c.id); w.field(c.accountID); w.field(c.priority.rawValue); w.field(c.opened); w.field(c.closed)
        try w.endRow()
    }

    private static func append(_ n: NPSResponse, to w: inout CSVFileWriter) throws(PortfolioExportError) {
        w.field(n.contactID); w.field(n.date); w.field(n.score); w.field(n.comment)
        try w.endRow()
    }

    private static func append(_ p: PaymentStatus, to w: inout CSVFileWriter) throws(PortfolioExportError) {
        w.field(p.accountID); w.field(p.asOf); w.field(p.daysOverdue)
        try w.endRow()
    }

    private static func append(_ a: Activity, to w: inout CSVFileWriter) throws(PortfolioExportError) {
        w.field(a.id); w.field(a.accountID); w.field(a.kind.rawValue); w.field(a.direction.rawValue)
        w.field(a.date); w.field(a.author); w.field(a.summary)
        try w.endRow()
    }

    private static func makeDirectory(_ path: String) throws(PortfolioExportError) {
        guard !path.isEmpty else { throw .cannotCreateDirectory(path: path, reason: "no folder was given") }
        // Create each missing folder in turn (like `mkdir -p`), so the error names the real cause.
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += component
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                guard code == EEXIST else {
                    throw .cannotCreateDirectory(path: path, reason: "\(prefix): \(String(cString: strerror(code)))")
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory),
                      isDirectory.boolValue else {
                    throw .cannotCreateDirectory(path: path, reason: "\(prefix) is a file, not a folder")
                }
            }
            prefix += "/"
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw .cannotCreateDirectory(path: path, reason: "the folder is not writable")
        }
    }
}
