import ArgumentParser
import Foundation

@main
struct Folio: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Your book of accounts: health, alerts, check-ins and renewals, in the terminal.",
        discussion: """
            With no command, opens the interface in a terminal, or prints your book when piped (building the demo portfolio first when there is
            no database yet). Exit codes: 0 ok, 1 failure, 2 usage or terminal problem, 65 bad input data.
            """,
        subcommands: [TUICommand.self, AccountsCommand.self, AlertsCommand.self, ExplainCommand.self, CheckInsCommand.self, RenewalsCommand.self, ReportCommand.self, ModelCommand.self, LogCommand.self,
                      RecoverCommand.self, OutboxCommand.self,
                      TickCommand.self, HistoryCommand.self, ImportCommand.self, DemoCommand.self, GenerateCommand.self, ServeCommand.self,
                      DatabaseCommand.self, SampleDataCommand.self]
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profileOption: ProfileOption

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

    /// In a terminal, the interface; piped or redirected, the book as text.
    func run() throws {
        if InterfaceLauncher.isInteractive {
            try InterfaceLauncher.run(global: global, profile: profileOption, color: .auto, readonly: false)
        } else {
            try AccountsCommand.showBook(global: global, profile: profileOption, json: false, buildDemoIfMissing: true)
        }
    }
}
