import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import CSV files (users, accounts, contacts, usage, cases, nps, payments, activities, opportunities, outcomes, events).",
        discussion: """
            The kind of each file comes from its name (accounts.csv, usage-2026.csv), --kind, or the mapping. Exports from \
            Salesforce, HubSpot, Zendesk, Delighted, Mixpanel, Amplitude and Segment import as they come with a built-in \
            mapping (--map NAME; --maps lists them) or your own YAML that extends one. All files are imported in one \
            transaction: if anything is wrong, every problem is listed as file:line:column: message, nothing is written, \
            and the exit code is 65; with --quarantine, good rows go in and refused rows are written to a file. \
            Re-importing a file updates rows by their key (only the columns the file has) and adds nothing twice. \
            Importing needs a VP or manager (--roles changes who may), or a database with no users yet.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The kind of every file, when their names don't say.", valueName: "kind"))
    var kind: String?

    @Option(name: .customLong("map"), help: ArgumentHelp("A built-in mapping (see --maps) or a mapping file that renames foreign columns and values.", valueName: "name|file.yaml"),
            completion: .file(extensions: ["yaml", "yml"]))
    var mapping: String?

    @Option(name: .customLong("max-errors"), help: "Stop after this many problems (with --quarantine: refuse the import past this many refused rows).")
    var maxErrors = 100

    @Option(help: ArgumentHelp("Import the good rows and write every refused row, with its line and reason, to this CSV file.", valueName: "file.csv"),
            completion: .file(extensions: ["csv"]))
    var quarantine: String?

    @Flag(name: .customLong("dry-run"), help: "Check everything and say per file what would be new, changed and unchanged; write nothing.")
    var dryRun = false

    @Flag(help: "List the built-in mappings and what each expects.")
    var maps = false

    @Option(name: .customLong("show-map"), help: ArgumentHelp("Print a built-in mapping's YAML.", valueName: "name"))
    var showMap: String?

    @Option(name: .customLong("suggest-map"), help: ArgumentHelp("Recognise an export by its headers and print a mapping draft for it.", valueName: "file"),
            completion: .file(extensions: ["csv", "tsv", "txt", "json"]))
    var suggestMap: String?

    @Option(help: ArgumentHelp("Set the roles allowed to import on this database (a VP only), e.g. vp,manager,csm.", valueName: "roles"))
    var roles: String?

    @Argument(help: ArgumentHelp("CSV (or, for events, JSON) files to import.", valueName: "path"), completion: .file(extensions: ["csv", "tsv", "txt", "json"]))
    var paths: [String] = []

    func validate() throws {
        if let kind, ImportKind(rawValue: kind) == nil {
            throw ValidationError("unknown --kind \"\(kind)\"; expected one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if maxErrors < 1 { throw ValidationError("--max-errors must be at least 1") }
        if let roles, Access.roles(from: roles) == nil {
            throw ValidationError("--roles \"\(roles)\": expected roles separated by commas, from \(User.Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let modes = [maps, showMap != nil, suggestMap != nil, roles != nil].filter { $0 }.count
        if modes > 1 { throw ValidationError("--maps, --show-map, --suggest-map and --roles each do one thing; give one at a time") }
        if modes == 0 && paths.isEmpty { throw ValidationError("give the files to import (or --maps, --show-map, --suggest-map, --roles)") }
        if modes == 1 && !paths.isEmpty { throw ValidationError("--maps, --show-map, --suggest-map and --roles import nothing; leave the files out") }
    }

    func run() throws {
        if maps { return print(MappingCatalog.listing()) }
        if let showMap {
            guard let text = MappingCatalog.yaml(named: showMap) else {
                complain("folio: no built-in mapping \"\(showMap)\"; `folio import --maps` lists them")
                throw Exit.usage
            }
            return print(text, terminator: "")
        }
        try reportingFailures {
            if let suggestMap { return print(try MappingSuggestion.draft(for: suggestMap), terminator: "") }
            PortfolioImporter.keepBlockMemoryForThisProcess()
            let database = try FolioDatabase(path: global.databasePath)
            let actor = global.login ?? "folio"
            let now = Int64(Date().timeIntervalSince1970)
            do {
                if let roles, let set = Access.roles(from: roles) {
                    try PortfolioImporter(database: database).setAllowedRoles(set, actor: actor, at: now)
                    return print("who may import: \(Access.text(of: set).replacingOccurrences(of: ",", with: ", "))")
                }
                let map = try mapping.map { try ImportMapping.named($0) }
                var options = PortfolioImporter.Options(kind: kind.flatMap(ImportKind.init(rawValue:)), mapping: map,
                                                        actor: actor, at: now, errorLimit: maxErrors)
                options.quarantine = quarantine != nil
                options.quarantinePath = quarantine
                options.dryRun = dryRun
                options.checkPermission = true
                options.actorNamed = global.login != nil
                let meter = ProgressLine("import")
                if meter.isActive {
                    let clock = FileClock()
                    options.progress = { p in
                        let percent = p.totalBytes > 0 ? ", \(min(100, Int(Double(p.bytesRead) / Double(p.totalBytes) * 100)))% read" : ""
                        let rate = Int(Double(p.rows) / max(clock.seconds(into: p.file), 0.2))
                        meter.show("\((p.file as NSString).lastPathComponent): \(p.rows.formatted()) rows, \(rate.formatted()) rows/s\(percent)")
                    }
                }
                let summary = try PortfolioImporter(database: database).run(paths: paths, options: options)
                meter.finish()
                print(summary.description)
                if let quarantine, !dryRun, !summary.quarantined.isEmpty {
                    print("refused rows written to \(quarantine) with their lines and reasons")
                }
                if summary.dryRun && !summary.problems.isEmpty { throw Exit.badData }
            } catch let refused as PortfolioImporter.NotAllowed {
                complain("folio: \(refused.message)")
                throw refused.notAUser ? Exit.usage : Exit.failure
            } catch let failed as ImportQuarantine.Failure {
                complain("folio: \(failed)")
                throw Exit.failure
            }
        }
    }
}

/// How long the file being read has been read: an import's rows per second are its file's own.
private final class FileClock: @unchecked Sendable { // state behind `lock`
    private let lock = NSLock()
    private var file = ""
    private var started = Date()

    func seconds(into file: String) -> Double {
        lock.withLock {
            if file != self.file { self.file = file; started = Date() }
            return Date().timeIntervalSince(started)
        }
    }
}
