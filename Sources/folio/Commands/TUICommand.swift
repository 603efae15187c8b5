import ArgumentParser
import FolioTerminal

struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the interactive interface on your book (what `folio` alone does in a terminal).",
        discussion: """
            Keys: j/k move, Enter opens an account, 1-5 switch views (book, alerts, check-ins, renewals, team), \
            a/s/x acknowledge, snooze or resolve an alert (Space marks several), l logs an activity, m moves a renewal, \
            / filters (band:red tier:ent stage:renewal), : runs a command (:sort arr, :as LOGIN), ? lists every key, \
            q goes back or quits.

            Your own keys go in $XDG_CONFIG_HOME/folio/config.yaml, by the names help shows: \
            keys: { quit: Q, down: [n, Down] }. Logs go to $XDG_STATE_HOME/folio/folio.log.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profileOption: ProfileOption

    @Option(help: ArgumentHelp("Colour: auto (off with NO_COLOR), always or never.", valueName: "when"))
    var color: ColorMode = .auto

    @Flag(help: "Open the database read-only; actions that change data are removed.")
    var readonly = false

    func run() throws {
        try InterfaceLauncher.run(global: global, profile: profileOption, color: color, readonly: readonly)
    }
}

extension ColorMode: ExpressibleByArgument {}
