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
        try reportingFailures {
            let library = try sequencesOption.load()
            let context = try AppContext.open(global)
            let found: Account
            switch try context.database.read({ db in try AccountExplanation.findAccount(account, in: db) }) {
            case .failure(let failure): throw UsageFailure(failure.description)
            case .success(let a): found = a
            }
            let desk = SequenceDesk(library: library)
            if stop {
                try context.requireActingUser(global)
                let stopped = try desk.stop(found, reason: reason, by: context.user, now: context.now, in: context.database)
                print(TerminalText.sanitize("stopped \(stopped.sequence) on \(found.id) (\(found.name)); its waiting emails are cancelled"))
                return
            }
            if preview {
                let shown = try context.database.read { db -> (SequencePlanner.Preview, SequenceDesk.Situation) in
                    (try desk.preview(found, sequence: sequence, contact: contact, asOf: context.asOf, now: context.now, in: db),
                     try desk.situation(of: found, asOf: context.asOf, in: db))
                }
                for line in Self.render(shown.0, situation: shown.1) { print(line) }
                return
            }
            try context.requireActingUser(global)
            let started = try desk.start(found, sequence: sequence, contact: contact, by: context.user, asOf: context.asOf,
                                         now: context.now, in: context.database)
            let name = started.enrolment.sequence
            guard let m = started.message else {
                print(TerminalText.sanitize("started \(name) on \(found.id) (\(found.name))"))
                return
            }
            let when = Self.when(m.scheduledAt, timezone: found.timezone)
            if m.state == .draft {
                print(TerminalText.sanitize("started \(name) on \(found.id) (\(found.name)) for \(m.toName) <\(m.to)>: draft \(m.id ?? 0) of step 1 is waiting for your review (enterprise account), to go \(when) once approved: folio outbox approve \(m.id ?? 0)"))
            } else {
                print(TerminalText.sanitize("started \(name) on \(found.id) (\(found.name)) for \(m.toName) <\(m.to)>: email \(m.id ?? 0) (step 1) is scheduled for \(when); cancel it with folio outbox cancel \(m.id ?? 0)"))
            }
        }
    }

    /// `2026-11-24 14:00 UTC (09:00 America/New_York)`.
    static func when(_ seconds: Int64, timezone: String?) -> String {
        let utc = Moment(seconds: seconds).utc
        guard let zone = timezone.flatMap(TimeZone.init(identifier:)) else { return utc }
        let local = seconds + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        let clock = Moment(seconds: local).utc.split(separator: " ")[1]
        return "\(utc) (\(clock) \(zone.identifier))"
    }

    static func render(_ p: SequencePlanner.Preview, situation: SequenceDesk.Situation) -> [String] {
        var out: [String] = []
        let s = p.sequence
        out.append("\(s.name): \(s.title) — \(s.steps.count) step\(s.steps.count == 1 ? "" : "s"), \(p.account.id) \(p.account.name)")
        if let alert = situation.alert, situation.suggested == s {
            out.append("suggested by the \(alert.severity.rawValue) \(alert.kind.title) alert \(alert.id ?? 0) raised \(alert.raisedOn)")
        } else if let suggested = situation.suggested {
            out.append("(the account's alerts suggest \(suggested.name))")
        }
        if let active = situation.active {
            out.append("note: \(p.account.id) is already in \(active.sequence) since \(active.startedOn); starting another needs it stopped first")
        }
        if let why = p.noRecipient {
            out.append("nobody to write to: \(why)")
            return out.map(TerminalText.sanitize)
        }
        var lines = out.map(TerminalText.sanitize)
        for step in p.steps {
            lines.append("")
            let draft = step.isDraft ? " · a draft for the CSM to approve (enterprise)" : ""
            let wait = step.step == 1 ? "" : " · \(step.delayDays) days after step \(step.step - 1)"
            lines.append(TerminalText.sanitize("── step \(step.step) of \(s.steps.count) · would go \(when(step.sendsAt, timezone: p.account.timezone))\(wait)\(draft)"))
            lines.append(TerminalText.sanitize("From: \(step.fromName) <\(step.from)>"))
            lines.append(TerminalText.sanitize("To: \(step.toName) <\(step.to)>"))
            lines.append(TerminalText.sanitize("Subject: \(step.subject)"))
            lines.append("")
            for line in step.body.split(separator: "\n", omittingEmptySubsequences: false).dropLast(step.body.hasSuffix("\n") ? 1 : 0) {
                lines.append(TerminalText.sanitize(String(line)))
            }
        }
        return lines
    }
}
