import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

struct CheckInsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkins",
        abstract: "The check-ins your book owes (missed, overdue, due) with what to talk about, and check-in coverage.",
        discussion: """
            Check-ins are planned by `folio tick`: onboarding on days 30, 60 and 90, QBR preparation 30 days before each quarter \
            ends, and each contract anniversary. One is done when a check-in, call, meeting or QBR is logged from 7 days before to \
            14 days after its due date. Coverage is the share of active accounts with such an activity within their tier's limit \
            (enterprise 45 days, mid-market 30, smb 90); under 80 % is flagged.
            --json prints {asOf, scope, checkins: [...], coverage: {...}} (README, "folio checkins --json").
            """
    )

    /// Whose book: `--mine`, `--team` or `--all` (each within what your role may see).
    enum Scope: String, EnumerableFlag {
        case mine, team, all

        static func help(for value: Scope) -> ArgumentHelp? {
            switch value {
            case .mine: return "Your own accounts (the default for a CSM)."
            case .team: return "Your team's accounts, down the reporting chain (the default for a manager)."
            case .all: return "Every account you may see (the default for a VP)."
            }
        }

        var portfolioScope: PortfolioScope { PortfolioScope(rawValue: rawValue)! }
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profileOption: ProfileOption

    @Flag(exclusivity: .exclusive)
    var scope: Scope?

    @Flag(help: "List the check-ins coming up within 30 days too (the text view only counts them).")
    var upcoming = false

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        try AppContext.run(global, profile: profileOption, readonly: true) { context in
            let bands = context.bands
            let chosen = scope?.portfolioScope ?? .natural(for: context.user)
            let board = try context.database.read { db in
                try CheckInBoard.load(for: context.user, scope: chosen, asOf: context.asOf, bands: bands, in: db)
            }
            let applied = chosen.clamped(for: context.user)
            if applied != chosen {
                complain("folio: \(context.user.login) is a \(context.user.role.rawValue): showing \(applied.label(for: context.user)) instead of --\(chosen.rawValue)")
            }
            if json {
                print(try JSONOutput.render(CheckInsReport.json(board, asOf: context.asOf, scope: applied)))
            } else {
                for line in CheckInsReport.lines(board, asOf: context.asOf, heading: applied.label(for: context.user), showUpcoming: upcoming,
                                                 maxWidth: context.width, glyphs: context.glyphs) {
                    print(line)
                }
            }
        }
    }
}
