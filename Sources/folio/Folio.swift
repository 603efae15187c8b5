import ArgumentParser
import Foundation

@main
struct Folio: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Your book of accounts: health, alerts, check-ins and renewals, in the terminal.",
        discussion: """
            With no command, shows your book (building the demo portfolio first when there is
            no database yet). Exit codes: 0 ok, 1 failure, 2 usage or terminal problem, 65 bad input data.
            """,
        subcommands: [AccountsCommand.self, ImportCommand.self, DemoCommand.self, GenerateCommand.self]
    )

    @OptionGroup var global: GlobalOptions

    /// Parses and runs, with DESIGN's exit codes: a usage problem exits 2 (not
    /// ArgumentParser's 64), bad data 65, a failure 1.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                complain(fullMessage(for: error))
                Foundation.exit(Exit.usage.rawValue)
            }
            exit(withError: error)
        }
    }

    func run() throws {
        try AccountsCommand.showBook(global: global, json: false, buildDemoIfMissing: true)
    }
}
