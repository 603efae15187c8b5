import ArgumentParser
import FolioStore
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the demo portfolio (about 150 accounts) and replay its 26 weeks through the daily engine.",
        discussion: "Writes to the --db path. Refuses to overwrite an existing database unless --force is given."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profileOption: ProfileOption

    @Flag(help: "Replace the database if it exists.")
    var force = false

    func run() throws {
        try reportingFailures {
            let path = global.databasePath
            let profile = try profileOption.load()
            let line = ProgressLine("demo")
            defer { line.finish() }
            let summary = try SampleDataLocator.current.withFolder { sampleData in
                try DemoPortfolio.build(at: path, from: sampleData, force: force, actor: global.login ?? "folio",
                                        at: Int64(Date().timeIntervalSince1970), profile: profile, progress: line.handler)
            }
            line.finish()
            print("demo portfolio built at \(path): \(summary.rows) rows from \(summary.files.count) files in \(String(format: "%.2f", summary.seconds)) s")
            print("try: folio accounts --user <login>   (users: folio accounts --user nobody lists them)")
        }
    }
}
