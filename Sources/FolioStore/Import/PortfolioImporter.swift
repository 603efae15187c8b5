import Foundation
import FolioDomain
import GRDB

#if os(Linux)
/// glibc's `mallopt` (malloc.h, which the Glibc module does not bring in).
@_silgen_name("mallopt") private func glibcMallopt(_ option: Int32, _ value: Int32) -> Int32
#endif

/// Imports CSV (and, for events, JSON) files into the database. All or nothing by default:
/// every file is read and checked in one write transaction; if any problem is found, every
/// problem (up to a limit) is reported and the transaction is rolled back, so the database
/// is exactly as before. With a quarantine, good rows go in and refused rows are handed
/// back with their reasons; a dry run does everything and writes nothing.
public final class PortfolioImporter {
    public struct Options: Sendable {
        /// Forces the kind of every file (otherwise it comes from the file name or the mapping).
        public var kind: ImportKind?
        public var mapping: ImportMapping?
        /// Login of who runs the import, for the audit log and the permission check.
        public var actor: String
        /// False when nobody said who runs the import (no --user, FOLIO_USER or $USER) and
        /// `actor` is a stand-in: a refusal then says no user was given instead of naming it.
        public var actorNamed = true
        /// When it runs (seconds since 1970), for the audit log.
        public var at: Int64
        /// Stop after this many problems (or, with a quarantine, refused rows).
        public var errorLimit: Int
        /// Import the good rows and hand back the refused ones instead of refusing the import.
        public var quarantine = false
        /// Where the refused rows are written (before the import commits, so a file that
        /// cannot be written imports nothing).
        public var quarantinePath: String?
        /// Do everything, report what would change, write nothing.
        public var dryRun = false
        /// Check that the actor may import (the command line does; the demo builder and
        /// tests that set up a database need not).
        public var checkPermission = false
        /// Called now and then while a file is read.
        public var progress: (@Sendable (ImportProgress) -> Void)?

        public init(kind: ImportKind? = nil, mapping: ImportMapping? = nil, actor: String, at: Int64, errorLimit: Int = 100) {
            self.kind = kind
            self.mapping = mapping
            self.actor = actor
            self.at = at
            self.errorLimit = errorLimit
        }
    }

    /// Who may import, when the actor may not.
    public struct NotAllowed: Error, CustomStringConvertible {
        public var message: String
        /// Whether the refusal is about who: nobody named, or a login that is not a user of the
        /// database (the command line's usage problem), rather than a user whose role may not.
        public var notAUser = false
        public var description: String { message }
    }

    /// The setting that holds the roles allowed to import (`vp,manager` by default).
    public static let rolesSetting = "import_roles"

    public let database: FolioDatabase

    public init(database: FolioDatabase) {
        self.database = database
    }

    /// The reading thread hands the importing thread a few MiB of parsed blocks at a time;
    /// glibc gave each one fresh pages from the kernel (zeroed, faulted in) and gave them back
    /// when freed. After this, blocks of that size come from the heap, and up to 64 MiB freed
    /// stays. It changes the allocator for the whole process, so only a process that exists to
    /// import calls it (`folio import`), never the server or the interface.
    public static func keepBlockMemoryForThisProcess() { _ = keepBlockMemory }

    private static let keepBlockMemory: Void = {
        #if os(Linux)
        _ = glibcMallopt(-3, 32 << 20) // M_MMAP_THRESHOLD
        _ = glibcMallopt(-1, 64 << 20) // M_TRIM_THRESHOLD
        #endif
    }()

    private struct DryRunFinished: Error {
        var summary: ImportSummary
    }

    /// Imports `paths`; throws `ImportFailed` (nothing written), `NotAllowed` or `StoreError`.
    public func run(paths: [String], options: Options) throws -> ImportSummary {
        let started = Date()
        var jobs: [(path: String, kind: ImportKind, mapping: ImportMapping?)] = []
        var problems: [ImportProblem] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                problems.append(ImportProblem(file: path, line: 1, column: 1, message: "no such file"))
                continue
            }
            guard !isFolder.boolValue else {
                problems.append(ImportProblem(file: path, line: 1, column: 1, message: "is a folder; name the files in it (folio import \(path)/*.csv)"))
                continue
            }
            // A file named after another kind than the mapping's (users.csv beside a CRM
            // export) is read as its own kind, in Folio's columns.
            let named = ImportKind.guess(fromFileName: path)
            if options.kind == nil, let named, let mapped = options.mapping?.kind, named != mapped {
                jobs.append((path, named, nil))
            } else if let kind = options.kind ?? options.mapping?.kind ?? named {
                jobs.append((path, kind, options.mapping))
            } else {
                let hint = MappingSuggestion.kindHint(for: path).map { " (\($0))" } ?? ""
                problems.append(ImportProblem(file: path, line: 1, column: 1, message: "cannot tell what kind of data this is from its name; name it after its kind (\(ImportKind.allCases.map { "\($0.rawValue).csv" }.joined(separator: ", "))), pass --kind, or use a mapping (--map) that says\(hint)"))
            }
        }
        guard problems.isEmpty else { throw ImportFailed(problems: problems, truncated: false) }
        // References resolve only if users come before accounts, accounts before contacts…
        jobs = jobs.enumerated().sorted { ($0.element.kind.applyOrder, $0.offset) < ($1.element.kind.applyOrder, $1.offset) }.map(\.element)

        var summary: ImportSummary
        do {
            // A first import fills a new database: written once, not through the WAL (`writeJournaled`).
            let fills = options.dryRun ? false : try database.isEmpty()
            summary = try transaction(journaled: fills) { db -> ImportSummary in
                if options.checkPermission { try Self.authorize(options.actorNamed ? options.actor : nil, in: db) }
                // A large import touches the same index pages over and over: a bigger page
                // cache for this transaction keeps them in memory (bounded, 64 MiB).
                let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = -65536")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
                let session = try ImportSession(db: db, options: options, kinds: Set(jobs.map(\.kind)))
                var summary = ImportSummary()
                do {
                    for (index, job) in jobs.enumerated() {
                        if var file = try session.importFile(path: job.path, kind: job.kind, mapping: job.mapping) {
                            if job.mapping == nil, let other = options.mapping {
                                file.notes.insert("read as \(job.kind.rawValue) in Folio's own columns, as its name says (the mapping \(other.name) is for \(other.kind?.rawValue ?? "other files"))", at: 0)
                            }
                            summary.files.append(file)
                        }
                        // Unchanged rows' keys catch a key given twice; a table no file left writes needs them no more.
                        let later = Set(jobs[(index + 1)...].flatMap { ImportWriter.tables(of: $0.kind) })
                        for table in ImportWriter.tables(of: job.kind) where !later.contains(table) { session.unchangedKeys.forget(table) }
                    }
                } catch is ImportSession.LimitReached {
                    if options.dryRun {
                        summary.dryRun = true
                        summary.problems = session.problems
                        throw DryRunFinished(summary: summary)
                    }
                    throw ImportFailed(problems: session.problems, truncated: true,
                                       verdict: options.quarantine ? "import refused: more than \(options.errorLimit) rows were refused (--max-errors); nothing was written" : "import refused: nothing was written")
                }
                summary.warnings = session.warnings
                summary.quarantined = session.quarantined
                if options.dryRun {
                    summary.dryRun = true
                    summary.problems = session.problems
                    throw DryRunFinished(summary: summary)
                }
                if !session.problems.isEmpty {
                    throw ImportFailed(problems: session.problems, truncated: false)
                }
                if let path = options.quarantinePath, options.quarantine {
                    try ImportQuarantine.write(session.quarantined, to: path)
                }
                for file in summary.files {
                    let after = "{\"kind\":\"\(file.kind.rawValue)\",\"rows\":\(file.rows),\"added\":\(file.added),\"changed\":\(file.changed),\"unchanged\":\(file.unchanged),\"skipped\":\(file.skipped),\"quarantined\":\(file.quarantined)\(file.mapping.map { ",\"mapping\":\(JSONText.quoted($0))" } ?? "")}"
                    try db.execute(sql: "INSERT INTO audit_entry (actor, at, action, subject, after) VALUES (?, ?, 'import', ?, ?)",
                                   arguments: [options.actor, options.at, file.path, after])
                }
                return summary
            }
        } catch let finished as DryRunFinished {
            summary = finished.summary
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// The import's one write transaction, with SQLite's foreign-key checks off while it runs:
    /// the import resolves every reference itself (against what the database and this import
    /// hold, inside the transaction, where nobody else writes), and checking each row's parents
    /// again in SQLite cost as much as the rest of writing it. Likewise the CHECK constraints:
    /// the import reads every value into its type first (a tier, a priority, a count ≥ 0), and
    /// SQLite builds a small table for a CHECK's `IN (…)` list on every row it writes.
    private func transaction<T>(journaled: Bool, _ body: (Database) throws -> T) throws -> T {
        do {
            let write = { (db: Database) throws -> T in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                defer {
                    try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
                    try? db.execute(sql: "PRAGMA foreign_keys = ON")
                }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
            if journaled { return try database.writeJournaled(write) }
            return try database.pool.writeWithoutTransaction(write)
        } catch let error as DatabaseError {
            throw StoreError(error, path: database.path)
        }
    }

    /// Refuses an actor who may not import (`Access.refusalToImport`, with the roles this
    /// database allows).
    static func authorize(_ login: String?, in db: Database) throws {
        let hasUsers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user") ?? 0 > 0
        let user = try login.flatMap { try User.find(login: $0, in: db) }
        let roles = try Settings.value(rolesSetting, in: db).flatMap(Access.roles(from:)) ?? Access.defaultImportRoles
        if let refusal = Access.refusalToImport(by: user, login: login, databaseHasUsers: hasUsers, allowedRoles: roles) {
            throw NotAllowed(message: refusal.description, notAUser: user == nil)
        }
    }

    /// Sets the roles allowed to import; only a VP may (recorded in the audit log).
    public func setAllowedRoles(_ roles: Set<User.Role>, actor: String, at: Int64) throws {
        try database.write { db in
            let user = try User.find(login: actor, in: db)
            if let refusal = Access.refusalToChangeImportRoles(by: user, login: actor) {
                throw NotAllowed(message: refusal.description, notAUser: user == nil)
            }
            let before = try Settings.value(Self.rolesSetting, in: db) ?? Access.text(of: Access.defaultImportRoles)
            let after = Access.text(of: roles)
            try Settings.set(Self.rolesSetting, to: after, in: db)
            try AuditTrail.record(AuditEntry(actor: actor, at: at, action: "import.roles", subject: "who may import",
                                             before: JSONText.quoted(before), after: JSONText.quoted(after)), in: db)
        }
    }
}
