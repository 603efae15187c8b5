import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

extension Activity.Kind: ExpressibleByArgument {}
extension Activity.Direction: ExpressibleByArgument {}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Log an activity on an account (a call, an email, a meeting, a QBR, a check-in or a note).",
        discussion: """
            The activity is written with you as its author, dated --date (default the as-of day), and audited. A check-in, call, \
            meeting or QBR inside a check-in's window marks that check-in done at once.
            Exit codes: 65 when the activity is wrong (empty summary, a date after the as-of day, ...), 2 for an unknown account or \
            user, 1 when you may not log on that account.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The account: id, name or the start of its name.", valueName: "account"))
    var account: String

    @Option(name: .customLong("type"), help: ArgumentHelp("What happened: call, email, meeting, qbr, check-in or note.", valueName: "type"))
    var kind: Activity.Kind

    @Option(help: ArgumentHelp("outbound (we reached out, the default) or inbound (the customer did).", valueName: "direction"))
    var direction: Activity.Direction?

    @Option(help: ArgumentHelp("When it happened, YYYY-MM-DD (default the as-of day).", valueName: "date"))
    var date: String?

    @Option(help: ArgumentHelp("What happened, in a sentence or two.", valueName: "text"))
    var summary: String

    func run() throws {
        try AppContext.run(global) { context in
            let actor = try context.actingUser()
            let day: Day
            if let date {
                do {
                    day = try Day(input: date)
                } catch {
                    complain("folio log: --date: \"\(date)\" \(error)")
                    throw Exit.badData
                }
            } else {
                day = context.asOf
            }
            let found = try context.account(account)
            let draft = ActivityDraft(kind: kind, direction: direction, date: day, summary: summary)
            let logged: ActivityLog.Logged
            do {
                logged = try ActivityLog(database: context.database).record(draft, on: found, by: actor, asOf: context.asOf,
                                                                           now: AppContext.now())
            } catch let failure as ActivityLog.Failure {
                switch failure {
                case .invalid(let problems):
                    for problem in problems { complain("folio log: \(problem)") }
                    throw Exit.badData
                case .notYours:
                    complain("folio log: \(failure)")
                    throw Exit.failure
                }
            }
            let a = logged.activity
            print(TerminalText.sanitize("logged \(a.direction.rawValue) \(a.kind.rawValue) on \(found.id) (\(found.name)) dated \(a.date) by \(actor.login): \(a.id)"))
            for c in logged.completed {
                print("completes the \(c.title(contractStart: found.contractStart)) check-in due \(c.due)")
            }
        }
    }
}
