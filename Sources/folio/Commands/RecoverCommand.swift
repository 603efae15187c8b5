import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

struct RecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Start a recovery email sequence on an account, preview it, or stop it.",
        discussion: """
            Without --sequence, the account's worst open alert picks the sequence (a usage decline: product-optimization; \
            a quiet relationship: re-engagement; early trouble: onboarding-rescue; a surge: expansion; a detractor: \
            detractor-follow-up). The first email goes 24 h after that alert at the earliest, in the account's working hours; \
            on an enterprise account it is a draft for you to approve (folio outbox approve ID). --preview renders every step \
            exactly as the customer would get it and writes nothing. A sequence stops by itself when the customer replies, a \
            meeting is logged, the account recovers, the contact opts out or leaves, or the account churns.
            Template fields: \(EmailContext.fieldNames.sorted().filter { $0.contains(".") || ["company", "product", "keyActions"].contains($0) }.joined(separator: ", ")).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var sequencesOption: SequencesOption

    @Argument(help: ArgumentHelp("The account: id, name or the start of its name.", valueName: "account"))
    var account: String

    @Option(help: ArgumentHelp("The sequence to use instead of the suggested one.", valueName: "name"))
    var sequence: String?

    @Option(help: ArgumentHelp("Write to this contact (id) instead of the sequence's choice.", valueName: "id"))
    var contact: String?

    @Flag(help: "Show every step as the customer would get it; change nothing.")
    var preview = false

    @Flag(help: "Stop the account's running sequence (its waiting emails are cancelled).")
    var stop = false

    @Option(help: ArgumentHelp("Why you stop it (with --stop).", valueName: "text"))
    var reason: String?

    func validate() throws {
        if stop && preview { throw ValidationError("--stop and --preview do not go together") }
        if reason != nil && !stop { throw ValidationError("--reason goes with --stop") }
    }

    func run() throws {
        // A preview changes nothing: it reads, even a read-only file.
        try AppContext.run(global, readonly: preview, prepare: { try sequencesOption.load() }) { context, library in
            let found = try context.account(account)
            let desk = SequenceDesk(library: library)
            if stop {
                let stopped = try desk.stop(found, reason: reason, by: try context.actingUser(), now: context.now, in: context.database)
                print(TerminalText.sanitize("stopped \(stopped.sequence) on \(found.id) (\(found.name)); its waiting emails are cancelled"))
                return
            }
            if preview {
                let shown = try context.database.read { db in
                    try desk.preview(found, sequence: sequence, contact: contact, asOf: context.asOf, now: context.now, in: db)
                }
                for line in Self.render(shown) { print(line) }
                return
            }
            let started = try desk.start(found, sequence: sequence, contact: contact, by: try context.actingUser(), asOf: context.asOf,
                                         now: context.now, in: context.database)
            let name = started.enrolment.sequence
            guard let m = started.message else {
                print(TerminalText.sanitize("started \(name) on \(found.id) (\(found.name))"))
                return
            }
            let when = SequencePlanner.Preview.when(m.scheduledAt, timezone: found.timezone)
            if m.state == .draft {
                print(TerminalText.sanitize("started \(name) on \(found.id) (\(found.name)) for \(m.toName) <\(m.to)>: draft \(m.id ?? 0) of step 1 is waiting for your review (enterprise account), to go \(when) once approved: folio outbox approve \(m.id ?? 0)"))
            } else {
                print(TerminalText.sanitize("started \(name) on \(found.id) (\(found.name)) for \(m.toName) <\(m.to)>: email \(m.id ?? 0) (step 1) is scheduled for \(when); cancel it with folio outbox cancel \(m.id ?? 0)"))
            }
        }
    }

    static func render(_ p: SequencePlanner.Preview) -> [String] {
        var out: [String] = []
        let s = p.sequence, situation = p.situation
        out.append("\(s.name): \(s.title) — \(s.steps.count) step\(s.steps.count == 1 ? "" : "s"), \(p.account.id) \(p.account.name)")
        if let why = p.suggestedBy {
            out.append(why)
        } else if let suggested = situation.suggested {
            out.append("(the account's alerts suggest \(suggested.name))")
        }
        if let active = situation.active {
            out.append("note: \(p.account.id) is already in \(active.sequence) since \(active.startedOn); starting another needs it stopped first")
        }
        if let why = p.noRecipient {
            out.append("nobody to write to: \(why)")
        } else {
            out.append("")
            out += p.stepLines
        }
        return out.map(TerminalText.sanitize)
    }
}
