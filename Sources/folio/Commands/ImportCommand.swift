import ArgumentParser
import FolioStore
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import CSV files (users, accounts, contacts, usage, cases, nps, payments, activities).",
        discussion: """
            The kind of each file comes from its name (accounts.csv, usage-2026.csv) or --kind.
            All files are imported in one transaction: if anything is wrong, every problem is
            listed as file:line:column: message, nothing is written, and the exit code is 65.
            Re-importing a file updates rows by their key and adds nothing twice.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The kind of every file, when their names don't say.", valueName: "kind"))
    var kind: String?

    @Option(name: .customLong("map"), help: ArgumentHelp("A mapping file that renames foreign columns and values.", valueName: "file.yaml"),
            completion: .file(extensions: ["yaml", "yml"]))
    var mapping: String?

    @Option(name: .customLong("max-errors"), help: "Stop after this many problems.")
    var maxErrors = 100

    @Argument(help: ArgumentHelp("CSV files to import.", valueName: "path"), completion: .file(extensions: ["csv"]))
    var paths: [String]

    func validate() throws {
        if let kind, ImportKind(rawValue: kind) == nil {
            throw ValidationError("unknown --kind \"\(kind)\"; expected one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if maxErrors < 1 { throw ValidationError("--max-errors must be at least 1") }
    }

    func run() throws {
        try reportingFailures {
            let map = try mapping.map { try ImportMapping.load(path: $0) }
            let database = try FolioDatabase(path: global.databasePath)
            let options = PortfolioImporter.Options(kind: kind.flatMap(ImportKind.init(rawValue:)), mapping: map,
                                                    actor: global.login ?? "folio", at: Int64(Date().timeIntervalSince1970),
                                                    errorLimit: maxErrors)
            let summary = try PortfolioImporter(database: database).run(paths: paths, options: options)
            print(summary.description)
        }
    }
}
