import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

struct RenewalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renewals",
        abstract: "The renewal pipeline by quarter and stage, and moving a renewal (committed, closed won, churned).",
        discussion: """
            `folio tick` opens a renewal opportunity 90 days before the renewal date, moves it to "60 days out" at 60 days and to \
            "at risk" while the account is Red. You move it on: `folio renewals move ID committed|closed-won|churned`.
            """,
        subcommands: [List.self, Move.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "The pipeline of your book by quarter and stage (ARR, ARR at risk, renewal rate), then the open renewals.",
            discussion: """
                A CSM sees their own renewals, a manager their team's, a VP all, an AE the accounts they sell to. The renewal rate \
                is closed won over closed, per quarter of the renewal date and over the period shown (from three quarters back).
                --json prints {asOf, from, quarters: [...], totals: {...}, opportunities: [...]} (README, "folio renewals --json").
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var profileOption: ProfileOption

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            try AppContext.run(global, profile: profileOption, readonly: true) { context in
                let board = try context.database.read { db in
                    try RenewalBoard.load(for: context.user, asOf: context.asOf, bands: context.bands, in: db)
                }
                if json {
                    print(try JSONOutput.render(RenewalsReport.json(board, asOf: context.asOf)))
                } else {
                    let heading = PortfolioScope.natural(for: context.user).label(for: context.user)
                    for line in RenewalsReport.lines(board, asOf: context.asOf, heading: heading, maxWidth: context.width, glyphs: context.glyphs) {
                        print(line)
                    }
                }
            }
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move",
            abstract: "Move a renewal to committed, closed won (the renewal date rolls forward a term) or churned (the account leaves the book).",
            discussion: """
                Only the owner CSM, a manager above them or a VP may move a renewal; AEs read renewals but do not move them.
                If someone else moved it first, nothing is changed and you are told who moved it, to what, and when (exit 1).
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The renewal's id (`folio renewals` shows it).", valueName: "id"))
        var id: Int64

        @Argument(help: ArgumentHelp("committed, closed-won or churned.", valueName: "stage"))
        var stage: String

        @Option(help: ArgumentHelp("Move only if the renewal is still at this stage (what you saw).", valueName: "stage"))
        var expect: String?

        func validate() throws {
            _ = try Self.stage(stage, argument: "STAGE")
            if let expect { _ = try Self.stage(expect, argument: "--expect") }
        }

        /// "closed won", "closed-won", "Closed_Won" all read as `closed won`.
        static func stage(_ text: String, argument: String) throws -> RenewalOpportunity.Stage {
            let normal = text.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            guard let stage = RenewalOpportunity.Stage(rawValue: normal) else {
                let names = RenewalOpportunity.Stage.allCases.map { $0.rawValue.replacingOccurrences(of: " ", with: "-") }
                throw ValidationError("\(argument): \"\(text)\" is not a renewal stage; expected one of \(names.joined(separator: ", "))")
            }
            return stage
        }

        func run() throws {
            try AppContext.run(global) { context in
                let target = try Self.stage(stage, argument: "STAGE")
                let expected = try expect.map { try Self.stage($0, argument: "--expect") }
                let actor = try context.actingUser()
                let moved: RenewalDesk.Moved
                do {
                    moved = try RenewalDesk(database: context.database).move(id: id, to: target, by: actor, asOf: context.asOf,
                                                                             now: AppContext.now(), expecting: expected)
                } catch let failure as RenewalDesk.Failure {
                    complain("folio renewals move: \(failure)")
                    if case .notFound = failure { throw Exit.usage }
                    throw Exit.failure
                }
                let a = moved.account
                print(TerminalText.sanitize("renewal \(id) (\(a.id) \(a.name)): \(moved.before.stage.rawValue) → \(moved.after.stage.rawValue)"))
                if let roll = moved.renewalRolled {
                    print("renewal date rolled forward \(ContractTerm.text(months: a.termMonths)): \(roll.from) → \(roll.to)")
                }
                if moved.accountChurned {
                    print("\(a.id) is now churned: it leaves the active book")
                }
            }
        }
    }
}
