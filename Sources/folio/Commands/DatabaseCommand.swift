import ArgumentParser
import FolioStore
import Foundation

/// `folio db`: the operator's commands for the database file (README, "Operations").
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Back up and check the database file.",
        subcommands: [DatabaseBackupCommand.self, DatabaseCheckCommand.self]
    )
}

struct DatabaseBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to FILE with SQLite's online backup: one consistent moment, safe while others write.",
        discussion: """
            The copy is checked, made a single file (no -wal beside it) and only then put in place under its \
            name, readable by its owner alone. A folder (existing, or written with a final /) gets \
            DB-YYYYMMDD-HHMMSS.db (UTC) inside it, and --keep N removes all but the newest N of those: \
            folio db backup /var/backups/folio --keep 14. Restore by stopping Folio and copying the file back over --db.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The backup file, or a folder for dated backups.", valueName: "file"), completion: .file())
    var target: String

    @Option(help: ArgumentHelp("With a folder: keep the newest N backups of this database there, remove the older ones.", valueName: "n"))
    var keep: Int?

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if let keep, keep < 1 { throw ValidationError("--keep must be at least 1") }
        if keep != nil && !target.hasSuffix("/") {
            var isFolder: ObjCBool = false
            let path = (target as NSString).expandingTildeInPath
            if !(FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue) {
                throw ValidationError("--keep needs a folder to back up into (\(target) is not one; end it with / to create it)")
            }
        }
    }

    func run() throws {
        try reportingFailures {
            let source = global.databasePath
            let result: DatabaseBackup.Result
            do {
                result = try DatabaseBackup.run(source: source, target: (target as NSString).expandingTildeInPath, overwrite: force, keep: keep)
            } catch let failure as DatabaseBackup.Failure {
                throw RunFailure(failure.description)
            }
            if json {
                print(try JSONOutput.render(result))
            } else {
                print("backed up \(source) to \(result.path): \(ByteCount.text(result.bytes)), \(result.pages) pages, checked, "
                      + "in \(String(format: "%.2f", result.seconds)) s")
                if !result.removed.isEmpty {
                    print("removed \(result.removed.count) older backup\(result.removed.count == 1 ? "" : "s"): "
                          + result.removed.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", "))
                }
            }
        }
    }
}

struct DatabaseCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database: integrity, schema version, sizes, rows, the last daily run; exit 1 when something is wrong.",
        discussion: """
            Read-only: it changes nothing and applies no migration, so it runs beside the server, a tick or a backup. \
            The health check of the service files and of cron (README, "Operations"): exit 0 healthy, 1 with what \
            is wrong (integrity, rows pointing at missing rows, a schema from a newer Folio, no such file).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "PRAGMA quick_check instead of the full integrity_check (much faster on a large file; skips index contents).")
    var quick = false

    @Flag(help: "Print nothing when the database is healthy (for cron, which mails what a job prints).")
    var quiet = false

    @Flag(help: "Print the findings as JSON.")
    var json = false

    func run() throws {
        var healthy = true
        try reportingFailures {
            let check = try DatabaseCheck.run(path: global.databasePath, quick: quick)
            healthy = check.isHealthy
            if quiet && healthy { return }
            if json {
                print(try JSONOutput.render(CheckJSON(check)))
            } else {
                print(Self.text(check))
            }
        }
        if !healthy { throw Exit.failure }
    }

    static func text(_ check: DatabaseCheck) -> String {
        var lines = ["database    \(check.path)"]
        let integrity = check.integrityProblems.isEmpty ? "ok" : "\(check.integrityProblems.count) problem(s)"
        lines.append("integrity   \(integrity) (\(check.integrityCheck) check); foreign keys \(check.foreignKeyProblems == 0 ? "ok" : "\(check.foreignKeyProblems) broken")")
        let schema = check.schema
        var state = schema.pending.isEmpty ? "up to date" : "\(schema.pending.count) migration(s) to apply on the next write: \(schema.pending.joined(separator: ", "))"
        if !schema.unknown.isEmpty { state = "newer than this folio: \(schema.unknown.joined(separator: ", "))" }
        lines.append("schema      \(schema.version ?? "empty") (\(schema.applied) of \(schema.known) migrations applied; \(state))")
        let sizes = check.sizes
        lines.append("size        \(ByteCount.text(sizes.fileBytes)) (\(sizes.pages) pages of \(sizes.pageSize) bytes, \(sizes.freePages) free); "
                     + "WAL \(ByteCount.text(sizes.walBytes))")
        let tables = check.tables.filter { $0.rows > 0 }.map { "\($0.table) \($0.rows)" }
        lines.append("rows        \(tables.isEmpty ? "none" : tables.joined(separator: ", "))")
        if let run = check.lastDailyRun {
            lines.append("daily run   \(run.date) (ran \(ISOMoment.text(run.ranAt)))")
        } else {
            lines.append("daily run   never")
        }
        let problems = check.problems.map { $0.split(whereSeparator: \.isNewline).joined(separator: "; ") }
        lines += problems.prefix(6).map { "problem     \($0)" }
        if problems.count > 6 { lines.append("problem     … and \(problems.count - 6) more (--json lists them)") }
        if !check.integrityProblems.isEmpty || check.foreignKeyProblems > 0 {
            lines.append("advice      the file is damaged: stop what writes to it and restore the newest backup (README, \"Operations\")")
        }
        lines.append(check.isHealthy ? "healthy (checked in \(String(format: "%.2f", check.seconds)) s)" : "NOT HEALTHY")
        return lines.joined(separator: "\n")
    }
}

/// `folio db check --json` (README, "Operations"): field names are stable.
struct CheckJSON: Encodable {
    struct Integrity: Encodable {
        var check: String
        var problems: [String]
    }

    struct DailyRun: Encodable {
        var date: String
        var ranAt: String
    }

    var path: String
    var healthy: Bool
    var problems: [String]
    var integrity: Integrity
    var foreignKeyProblems: Int
    var schema: DatabaseCheck.Schema
    var sizes: DatabaseCheck.Sizes
    var tables: [String: Int]
    @NullEncoded var lastDailyRun: DailyRun?
    var seconds: Double

    init(_ check: DatabaseCheck) {
        path = check.path
        healthy = check.isHealthy
        problems = check.problems
        integrity = Integrity(check: check.integrityCheck, problems: check.integrityProblems)
        foreignKeyProblems = check.foreignKeyProblems
        schema = check.schema
        sizes = check.sizes
        tables = Dictionary(check.tables.map { ($0.table, $0.rows) }) { first, _ in first }
        lastDailyRun = check.lastDailyRun.map { DailyRun(date: $0.date, ranAt: ISOMoment.text($0.ranAt)) }
        seconds = (check.seconds * 1000).rounded() / 1000
    }
}
