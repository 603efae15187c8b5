import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "The customer emails of recovery sequences: list, show, approve, cancel, retry, send.",
        subcommands: [OutboxList.self, OutboxShow.self, OutboxSend.self, OutboxApprove.self, OutboxCancel.self, OutboxRetry.self],
        defaultSubcommand: OutboxList.self
    )
}

struct OutboxList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the outbox: drafts, scheduled, unconfirmed and failed emails, the next to go first.",
        discussion: """
            States: draft (waiting for a person's approval: enterprise accounts), scheduled (goes at its time; can be cancelled), \
            sending, unconfirmed (a delivery was interrupted: check the mail log, then retry or cancel), sent, cancelled, failed.
            --json prints an array of {id, account, accountName, contact, contactName, to, subject, state, scheduledAt, sentAt, \
            sequence, step, attempts, lastError, messageId, approvedBy, cancelReason}.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Include sent and cancelled emails.") var all = false
    @Flag(help: "Print JSON for scripts.") var json = false

    func run() throws {
        try AppContext.run(global, readonly: true) { context in
            let scope = PortfolioScope.natural(for: context.user)
            let listings = try context.database.read { db in try Outbox.list(for: context.user, scope: scope, all: all, in: db) }
            if json {
                print(try JSONOutput.render(listings.map(OutboxJSON.init)))
                return
            }
            var table = TextTable(columns: [
                .init("ID", alignment: .right, priority: 10),
                .init("STATE", priority: 9),
                .init("WHEN", priority: 8),
                .init("ACCOUNT", minWidth: 10, maxWidth: 28, priority: 9),
                .init("TO", minWidth: 8, maxWidth: 24, priority: 6),
                .init("SEQUENCE", priority: 5),
                .init("SUBJECT", minWidth: 16, priority: 7, isFlexible: true),
            ])
            table.showsRule = true
            for l in listings {
                let m = l.message
                let when = m.state == .sent ? (m.sentAt.map { Moment(seconds: $0).utc } ?? "") : Moment(seconds: m.scheduledAt).utc
                table.append([String(m.id ?? 0), m.state.rawValue, when, TerminalText.sanitize(l.accountName),
                              TerminalText.sanitize(m.toName), "\(m.sequence) \(m.step)", TerminalText.sanitize(m.subject)])
            }
            for line in table.render(maxWidth: context.width, glyphs: context.glyphs) { print(line) }
            let drafts = listings.filter { $0.message.state == .draft }.count
            let due = listings.filter { $0.message.state == .scheduled && $0.message.scheduledAt <= context.now }.count
            complain("\(listings.count) email\(listings.count == 1 ? "" : "s")\(drafts > 0 ? ", \(drafts) draft\(drafts == 1 ? "" : "s") to review" : "")\(due > 0 ? ", \(due) due now" : "") · \(context.user.login) (\(context.user.role.rawValue)) as of \(context.asOf)")
        }
    }
}

/// `folio outbox --json`: field names are stable (README, "Machine-readable output").
struct OutboxJSON: Encodable {
    var id: Int64
    var account: String
    var accountName: String
    var contact: String
    var contactName: String
    var to: String
    var subject: String
    var state: String
    var scheduledAt: String
    @NullEncoded var sentAt: String?
    var sequence: String
    var step: Int
    var attempts: Int
    @NullEncoded var lastError: String?
    var messageId: String
    @NullEncoded var approvedBy: String?
    @NullEncoded var cancelReason: String?

    init(_ l: OutboxListing) {
        let m = l.message
        id = m.id ?? 0
        account = m.accountID
        accountName = l.accountName
        contact = m.contactID
        contactName = m.toName
        to = m.to
        subject = m.subject
        state = m.state.rawValue
        scheduledAt = ISOMoment.text(m.scheduledAt)
        sentAt = m.sentAt.map(ISOMoment.text)
        sequence = m.sequence
        step = m.step
        attempts = m.attempts
        lastError = m.lastError
        messageId = m.messageID
        approvedBy = m.approvedBy
        cancelReason = m.cancelReason
    }
}

struct OutboxShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one email exactly as it will leave (headers and body).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The message id (folio outbox lists them).", valueName: "id")) var id: Int64

    func run() throws {
        try AppContext.run(global, readonly: true) { context in
            let visible = try context.database.read { db in
                try Outbox.list(for: context.user, scope: .natural(for: context.user), all: true, in: db).first { $0.message.id == id }
            }
            guard let listing = visible else { throw UsageFailure("no message \(id) in the outbox you may see") }
            let m = listing.message
            print(TerminalText.sanitize("# \(m.state.rawValue) · \(m.sequence) step \(m.step) · \(m.accountID) \(listing.accountName)"
                + (m.lastError.map { " · last error: \($0)" } ?? "") + (m.cancelReason.map { " · \($0)" } ?? "")))
            let text: String
            do { text = try m.mail(at: m.sentAt ?? m.scheduledAt).rendered() } catch { text = "(cannot be sent: \(error))" }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { print(TerminalText.sanitize(String(line))) }
        }
    }
}

struct OutboxSend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Deliver the emails that are due, each exactly once.",
        discussion: """
            Delivers through a sendmail-compatible command (default `sendmail -t -i`, or FOLIO_SENDMAIL) or into a Maildir. \
            Only scheduled emails whose time has come go, in the account's working hours and at most one per contact in the \
            gap (sequences.yaml). Each is claimed just before it is handed over; a run that is interrupted leaves the one in \
            flight unconfirmed, never resent blindly, and the rest scheduled (check, then folio outbox retry ID or cancel ID). A failure is retried on later runs with a \
            growing wait, and marked failed after the last attempt. Run it from cron every few minutes. Exit 1 when anything \
            failed this time.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var sequencesOption: SequencesOption

    @Option(help: ArgumentHelp("The sendmail-compatible command, run by /bin/sh with the message on stdin.", valueName: "command"))
    var sendmail: String?

    @Option(help: ArgumentHelp("Deliver into this Maildir instead (created if missing).", valueName: "dir"), completion: .directory)
    var maildir: String?

    @Option(help: ArgumentHelp("Send as of this moment (2026-11-24T15:00:00Z, or HH:MM UTC on the as-of day) instead of now.", valueName: "moment"))
    var at: String?

    @Option(help: ArgumentHelp("Seconds a sendmail command may take before it is stopped (default 60).", valueName: "seconds"))
    var timeout: Double = 60

    @Flag(help: "Print what happened as JSON.") var json = false

    func validate() throws {
        if sendmail != nil && maildir != nil { throw ValidationError("pick one of --sendmail and --maildir") }
        // Written as "inside" so that nan is refused too.
        guard timeout > 0 && timeout <= 3_600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
    }

    func run() throws {
        try reportingFailures {
            let library = try sequencesOption.load()
            let database = try FolioDatabase(path: global.databasePath)
            let asOf = try database.read { try AppContext.asOf(global, in: $0) }
            let wall = AppContext.now()
            var now = AppContext.moment(on: asOf, wall: wall)
            if let at {
                guard let moment = ISOMoment.parse(at, on: asOf) else {
                    throw UsageFailure("--at: \"\(at)\" is not a moment; expected 2026-11-24T15:00:00Z or HH:MM")
                }
                now = moment
            }
            let transport: any MailTransport
            if let maildir {
                transport = MaildirTransport(folder: (maildir as NSString).expandingTildeInPath)
            } else {
                let env = ProcessInfo.processInfo.environment["FOLIO_SENDMAIL"].flatMap { $0.isEmpty ? nil : $0 }
                transport = SendmailTransport(command: sendmail ?? env ?? "sendmail -t -i", timeout: timeout)
            }
            let report = try OutboxDelivery(library: library, transport: transport, staleAfter: Int64(timeout) + 120)
                .run(now: now, wall: wall, in: database)
            if json {
                print(try JSONOutput.render(report))
            } else {
                func show(_ items: [OutboxDelivery.Item], _ what: String) {
                    for i in items {
                        print(TerminalText.sanitize("\(what) \(i.id) to \(i.to) (\(i.account)): \(i.subject)\(i.note.map { " — \($0)" } ?? "")"))
                    }
                }
                show(report.sent, "sent")
                show(report.unconfirmed, "unconfirmed")
                show(report.failed, "failed")
                show(report.retrying, "will retry")
                show(report.cancelled, "cancelled")
                show(report.waiting, "waiting")
                var parts = ["\(report.sent.count) sent via \(transport.name)"]
                if !report.retrying.isEmpty { parts.append("\(report.retrying.count) to retry") }
                if !report.failed.isEmpty { parts.append("\(report.failed.count) failed") }
                if !report.unconfirmed.isEmpty { parts.append("\(report.unconfirmed.count) unconfirmed (check them)") }
                if !report.cancelled.isEmpty { parts.append("\(report.cancelled.count) cancelled (sequence stopped)") }
                if !report.waiting.isEmpty { parts.append("\(report.waiting.count) waiting (working hours or contact gap)") }
                complain("outbox as of \(Moment(seconds: now).utc): " + parts.joined(separator: ", "))
            }
            if !report.failed.isEmpty || !report.retrying.isEmpty || !report.unconfirmed.isEmpty { throw Exit.failure }
        }
    }
}

/// approve / cancel / retry: ids, the acting user, one line each. What differs — the change,
/// its words and help, cancel's --reason — is the `Kind`'s.
struct OutboxChangeCommand<Kind: OutboxChangeKind>: ParsableCommand {
    static var configuration: CommandConfiguration { Kind.configuration }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var sequencesOption: SequencesOption
    @Argument(help: ArgumentHelp("Message ids.", valueName: "id")) var ids: [Int64]
    @OptionGroup var options: Kind.Options

    func run() throws {
        try AppContext.run(global, prepare: { try sequencesOption.load() }) { context, library in
            let actor = try context.actingUser()
            let outbox = Outbox(library: library)
            var failed = 0
            for id in ids {
                do {
                    let m = try outbox.perform(Kind.change(options), on: id, by: actor, now: context.now, in: context.database)
                    let extra = m.state == .scheduled ? ", goes \(Moment(seconds: m.scheduledAt).utc)" : ""
                    print(TerminalText.sanitize("message \(id) \(Kind.past) (\(m.sequence) step \(m.step) to \(m.toName), \(m.accountID))\(extra)"))
                } catch let failure as OutreachFailure {
                    complain("folio: \(failure)")
                    failed += 1
                }
            }
            if failed > 0 { throw Exit.failure }
        }
    }
}

protocol OutboxChangeKind {
    /// What the command takes besides the ids.
    associatedtype Options: ParsableArguments
    static var configuration: CommandConfiguration { get }
    /// "approved", "cancelled", "scheduled again".
    static var past: String { get }
    static func change(_ options: Options) -> Outbox.Change
}

/// No options besides the ids.
struct NoOptions: ParsableArguments {}

typealias OutboxApprove = OutboxChangeCommand<ApproveMessages>
typealias OutboxCancel = OutboxChangeCommand<CancelMessages>
typealias OutboxRetry = OutboxChangeCommand<RetryMessages>

enum ApproveMessages: OutboxChangeKind {
    static let configuration = CommandConfiguration(commandName: "approve",
                                                    abstract: "Approve drafts: they go at their time (or the next working hour).")
    static let past = "approved"
    static func change(_ options: NoOptions) -> Outbox.Change { .approve }
}

enum CancelMessages: OutboxChangeKind {
    struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Why (kept with the message).", valueName: "text")) var reason: String?
    }

    static let configuration = CommandConfiguration(commandName: "cancel",
                                                    abstract: "Cancel emails that have not gone; their sequence stops.")
    static let past = "cancelled"
    static func change(_ options: Options) -> Outbox.Change { .cancel(reason: options.reason) }
}

enum RetryMessages: OutboxChangeKind {
    static let configuration = CommandConfiguration(commandName: "retry",
                                                    abstract: "Schedule an unconfirmed or failed email again, once you have checked it did not leave.")
    static let past = "scheduled again"
    static func change(_ options: NoOptions) -> Outbox.Change { .retry }
}
