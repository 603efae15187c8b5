import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "List the accounts in your book, and give an account to another CSM.",
        subcommands: [AccountsList.self, AccountsReassign.self],
        defaultSubcommand: AccountsList.self
    )

    static func showBook(global: GlobalOptions, profile: ProfileOption, json: Bool, buildDemoIfMissing: Bool) throws {
        try AccountsList.showBook(global: global, profile: profile, json: json, buildDemoIfMissing: buildDemoIfMissing)
    }
}

struct AccountsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the accounts in your book (a manager sees their team's, a VP all).",
        discussion: """
            Ordered by what needs attention first: the worst open alert, the worst band, then the most revenue renewing soonest.
            --json prints an array of {id, name, tier, owner, arr, renewalDate, score, band, trend, history, stage, nextAction, lastActivity, openAlerts, worstAlert}.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profileOption: ProfileOption

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        try Self.showBook(global: global, profile: profileOption, json: json, buildDemoIfMissing: false)
    }

    static func showBook(global: GlobalOptions, profile: ProfileOption, json: Bool, buildDemoIfMissing: Bool) throws {
        try AppContext.run(global, profile: profile, readonly: true, buildDemoIfMissing: buildDemoIfMissing) { context in
            let entries = try context.database.read { db in
                try Book.entries(for: context.user, asOf: context.asOf, bands: context.bands, in: db)
            }
            if json {
                print(try BookJSON.render(entries, bands: context.bands))
            } else {
                for line in BookTable.lines(entries, asOf: context.asOf, maxWidth: context.width, glyphs: context.glyphs, bands: context.bands) {
                    print(line)
                }
                for line in HandoffLines.lines(try HandoffLines.recent(to: context.user.login, in: context.database), now: context.now,
                                               accounts: true) {
                    complain(line)
                }
                complain("\(entries.count) accounts in the book of \(context.user.name) (\(context.user.login), \(context.user.role.rawValue)) as of \(context.asOf)")
            }
        }
    }
}

/// `folio accounts reassign ACCOUNT --to LOGIN`: a manager's (or a VP's) move.
struct AccountsReassign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reassign",
        abstract: "Give an account to another CSM: its open alerts and check-ins go with it.",
        discussion: """
            For the managers above the account's CSM (to someone in their team) and VPs. The new CSM (and their manager) \
            take the old ones' places on its open alerts; its check-ins are the owner's; the new CSM is shown the hand-off \
            and --note when they next open Folio. Recovery emails written but not yet gone are written again, signed by the \
            new CSM (an approved one goes back to draft for their approval). Audited. A later import of accounts.csv sets the owner the file names.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The account's id or exact name.", valueName: "account")) var account: String
    @Option(help: ArgumentHelp("The login of the CSM who takes it.", valueName: "login")) var to: String
    @Option(help: "A note for them: why, what is going on.") var note: String = ""
    @OptionGroup var sequences: SequencesOption

    func run() throws {
        try AppContext.run(global) { context in
            let actor = try context.actingUser()
            let target = try context.account(account)
            do {
                // The waiting recovery emails are written again from the sequences, signed by the new CSM.
                let done = try AccountReassignment.reassign(target.id, to: to, note: note, by: actor, at: context.now,
                                                            sequences: try sequences.load(), in: context.database)
                let alerts = done.alerts.count
                print(TerminalText.sanitize("\(done.accountID) (\(done.accountName)): \(done.from) → \(done.to); "
                    + "\(alerts) open alert\(alerts == 1 ? "" : "s") and \(done.checkIns) check-in\(done.checkIns == 1 ? "" : "s") go with it" + done.emailWords))
            } catch let failure as AccountReassignment.Failure {
                complain("folio accounts reassign: \(failure)")
                switch failure {
                case .notFound, .noSuchUser: throw Exit.usage
                case .notAllowed, .already: throw Exit.failure
                }
            }
        }
    }
}

/// `folio accounts --json`: field names are stable (README, "Machine-readable output").
enum BookJSON {
    struct Entry: Encodable {
        var id: String
        var name: String
        var tier: String
        var owner: String
        var arr: Double
        var renewalDate: String
        var score: Double?
        var band: String?
        var lowConfidence: Bool
        var trend: String?
        /// Weekly scores, oldest first, ending on the as-of day.
        var history: [Double?]
        var stage: String
        /// What to do next at this stage and band.
        var nextAction: String
        var lastActivity: String?
        /// Alerts not yet resolved, and the worst severity among them.
        var openAlerts: Int
        var worstAlert: String?
    }

    static func render(_ entries: [BookEntry], bands: [String]) throws -> String {
        let rows = entries.map { e in
            Entry(id: e.account.id, name: e.account.name, tier: e.account.tier.rawValue, owner: e.account.owner,
                  arr: Double(e.account.arr.cents) / 100, renewalDate: e.account.renewalDate.iso,
                  score: e.score.map { ($0 * 10).rounded() / 10 }, band: e.band, lowConfidence: e.lowConfidence,
                  trend: e.trend?.rawValue, history: e.history.map { $0.map { ($0 * 10).rounded() / 10 } },
                  stage: e.stage.rawValue, nextAction: e.nextAction(bands: bands), lastActivity: e.lastActivity?.iso,
                  openAlerts: e.openAlerts, worstAlert: e.worstSeverity?.rawValue)
        }
        return try JSONOutput.render(rows)
    }
}
