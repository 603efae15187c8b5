import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List the alerts waiting on you, and acknowledge, snooze, resolve or hand them over.",
        subcommands: [AlertsList.self, AlertsAck.self, AlertsSnooze.self, AlertsResolve.self, AlertsHandOver.self],
        defaultSubcommand: AlertsList.self
    )
}

struct AlertsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List alerts: worst severity first, then the nearest deadline.",
        discussion: """
            A CSM sees their own by default, a manager their team's, a VP all. Overdue means unacknowledged past its SLA.
            --json prints an array of {id, account, accountName, kind, severity, state, overdue, reason, raisedAt, dueBy,
            recipients, acknowledgedBy, acknowledgedAt, responseMinutes, snoozedUntil, snoozeWakesOn, resolvedBy, resolvedAt, outcome, shadow}.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Alerts routed to you or on your accounts.") var mine = false
    @Flag(help: "Alerts on your team's accounts.") var team = false
    @Flag(help: "Every alert you may see.") var all = false
    @Flag(help: "Include resolved alerts.") var resolved = false
    @Flag(help: "The control group's shadow alerts (recorded, routed to no one) instead.") var shadow = false
    @Flag(help: "Print JSON for scripts.") var json = false

    func validate() throws {
        if [mine, team, all].filter({ $0 }).count > 1 { throw ValidationError("pick one of --mine, --team, --all") }
    }

    func run() throws {
        try AppContext.run(global, readonly: true) { context in
            let asked: PortfolioScope = mine ? .mine : team ? .team : all ? .all : .natural(for: context.user)
            let scope = asked.clamped(for: context.user)
            let listings = try context.database.read { db in
                try AlertDesk.list(for: context.user, scope: scope, includeResolved: resolved, shadow: shadow, in: db)
            }
            let now = context.now
            if json {
                print(try JSONOutput.render(listings.map { AlertJSON($0, now: now) }))
                return
            }
            var table = TextTable(columns: [
                .init("ID", alignment: .right, priority: 10),
                .init("SEVERITY", priority: 9),
                .init("KIND", priority: 8),
                .init("ACCOUNT", minWidth: 10, maxWidth: 32, priority: 9),
                .init("DUE", alignment: .right, priority: 7),
                .init("STATE", priority: 6),
                .init("REASON", minWidth: 20, priority: 5, isFlexible: true),
            ])
            table.showsRule = true
            for l in listings {
                table.append([String(l.alert.id ?? 0), l.alert.severity.rawValue, l.alert.kind.title,
                              TerminalText.sanitize(l.accountName), Self.due(l.alert, now: now), Self.state(l.alert),
                              TerminalText.sanitize(l.alert.reason)])
            }
            for line in table.render(maxWidth: context.width, glyphs: context.glyphs) { print(line) }
            let overdue = listings.filter { $0.alert.isOverdue(at: now) }.count
            for line in HandoffLines.lines(try HandoffLines.recent(to: context.user.login, in: context.database), now: now, accounts: false) {
                complain(line)
            }
            complain("\(listings.count) alert\(listings.count == 1 ? "" : "s")\(overdue > 0 ? ", \(overdue) overdue" : "") · \(scope.rawValue) · \(context.user.login) (\(context.user.role.rawValue)) as of \(context.asOf)")
        }
    }

    /// "in 3h", "in 2d", "overdue 5h"; blank once handled.
    static func due(_ alert: Alert, now: Int64) -> String {
        guard alert.state == .open else { return alert.state == .snoozed ? (alert.snoozedUntil.map { "→ \($0)" } ?? "") : "" }
        return AlertTimes.countdown(alert, now: now)
    }

    static func state(_ alert: Alert) -> String {
        switch alert.state {
        case .acknowledged: "ack \(alert.acknowledgedBy ?? "")"
        case .resolved: "resolved (\(alert.outcome?.rawValue ?? "–"))"
        default: alert.state.rawValue
        }
    }
}

/// `folio alerts --json`: field names are stable (README, "Machine-readable output").
struct AlertJSON: Encodable {
    var id: Int64
    var account: String
    var accountName: String
    var kind: String
    var severity: String
    var state: String
    var overdue: Bool
    var reason: String
    var raisedOn: String
    var raisedAt: String
    var dueBy: String
    var recipients: [String]
    var acknowledgedBy: String?
    var acknowledgedAt: String?
    var responseMinutes: Int64?
    var snoozedUntil: String?
    var snoozeReason: String?
    var snoozeWakesOn: [String]?
    var resolvedBy: String?
    var resolvedAt: String?
    var outcome: String?
    var note: String?
    var shadow: Bool

    init(_ l: AlertListing, now: Int64) {
        let a = l.alert
        id = a.id ?? 0
        account = a.accountID
        accountName = l.accountName
        kind = a.kind.rawValue
        severity = a.severity.rawValue
        state = a.state.rawValue
        overdue = a.isOverdue(at: now)
        reason = a.reason
        raisedOn = a.raisedOn.iso
        raisedAt = Self.iso(a.raisedAt)
        dueBy = Self.iso(a.dueBy)
        recipients = a.recipients
        acknowledgedBy = a.acknowledgedBy
        acknowledgedAt = a.acknowledgedAt.map(Self.iso)
        responseMinutes = a.acknowledgedAt.map { ($0 - a.raisedAt) / 60 }
        snoozedUntil = a.snoozedUntil?.iso
        snoozeReason = a.snoozeReason
        snoozeWakesOn = a.snoozeWake.map { [$0.onWorse ? "worse" : nil, $0.onReply ? "reply" : nil].compactMap { $0 } }
        resolvedBy = a.resolvedBy
        resolvedAt = a.resolvedAt.map(Self.iso)
        outcome = a.outcome?.rawValue
        note = a.note
        shadow = a.shadow
    }

    /// ISO 8601 in UTC: "2026-11-23T06:00:00Z".
    static func iso(_ seconds: Int64) -> String { ISOMoment.text(seconds) }
}

/// What the three actions share: the alerts named, who acts, and a line per alert.
protocol AlertActing {
    var global: GlobalOptions { get }
    var ids: [Int64] { get }
    func action(asOf: Day) throws -> AlertAction
    var past: String { get }
    /// What the line adds after the alert: the note a hand-over carries.
    var told: String { get }
}

extension AlertActing {
    var told: String { "" }

    func act() throws {
        try AppContext.run(global) { context in
            // What is asked is checked before who asks: a bad --until says so whoever runs it.
            let action = try action(asOf: context.asOf)
            let actor = try context.actingUser()
            var failed = 0
            for id in ids {
                do {
                    let alert = try AlertDesk.perform(action, on: id, by: actor, at: context.now, asOf: context.asOf,
                                                      in: context.database)
                    print(TerminalText.sanitize("alert \(id) \(past) (\(alert.kind.title), \(alert.accountID))\(told)"))
                } catch let failure as AlertActionFailure {
                    complain("folio: \(failure)")
                    failed += 1
                }
            }
            if failed > 0 { throw Exit.failure }
        }
    }
}

struct AlertsAck: ParsableCommand, AlertActing {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge alerts: you are on it.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Alert ids.") var ids: [Int64]

    func action(asOf: Day) throws -> AlertAction { .acknowledge }
    var past: String { "acknowledged" }
    func run() throws { try act() }
}

struct AlertsSnooze: ParsableCommand, AlertActing {
    static let configuration = CommandConfiguration(
        commandName: "snooze", abstract: "Snooze alerts until a day; they reopen on it.",
        discussion: "--until takes a date (2026-12-01) or a number of days from the as-of day (3d, 1w).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Alert ids.") var ids: [Int64]
    @Option(help: "The day it reopens: YYYY-MM-DD, or 3d / 2w from the as-of day.") var until: String
    @Option(help: "Why it can wait.") var reason: String
    @Option(help: ArgumentHelp("Also reopen, whichever comes first, when the account worsens (worse) or the customer replies (reply); comma-separated or repeated.",
                               valueName: "worse,reply"))
    var wakeOn: [String] = []

    func action(asOf: Day) throws -> AlertAction {
        guard let day = SnoozeUntil.day(until, from: asOf) else {
            throw UsageFailure("--until \(until): expected a day from \(Day.supported.lowerBound) to \(Day.supported.upperBound) (YYYY-MM-DD), or a number of days or weeks (3d, 2w)")
        }
        let wakes = wakeOn.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } }
        if let unknown = wakes.first(where: { !["worse", "reply"].contains($0) }) {
            throw UsageFailure("--wake-on \(unknown): expected worse or reply (or both: --wake-on worse,reply)")
        }
        return .snooze(until: day, reason: reason, onWorse: wakes.contains("worse"), onReply: wakes.contains("reply"))
    }

    var past: String {
        let wakes = wakeOn.joined(separator: ",").lowercased()
        let early = [wakes.contains("worse") ? "it worsens" : nil, wakes.contains("reply") ? "they reply" : nil].compactMap { $0 }
        return "snoozed until \(until)" + (early.isEmpty ? "" : " or until \(early.joined(separator: " or "))")
    }
    func run() throws { try act() }
}

struct AlertsResolve: ParsableCommand, AlertActing {
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Resolve alerts, with an outcome and a note.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Alert ids.") var ids: [Int64]
    @Option(help: "saved, recovered, churned, no-action or false-positive.") var outcome: String
    @Option(help: "What happened.") var note: String = ""

    func action(asOf: Day) throws -> AlertAction {
        guard let outcome = Alert.Outcome(rawValue: outcome) else {
            throw UsageFailure("--outcome \(outcome): expected one of \(Alert.Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return .resolve(outcome: outcome, note: note)
    }

    var past: String { "resolved" }
    func run() throws { try act() }
}

struct AlertsHandOver: ParsableCommand, AlertActing {
    static let configuration = CommandConfiguration(
        commandName: "hand-over",
        abstract: "Hand alerts to someone, with a note: they are told of them from now on.",
        discussion: "For the account's CSM, their managers and VPs. The receiver is shown the note when they next open Folio.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Alert ids.") var ids: [Int64]
    @Option(help: ArgumentHelp("The login of the person who takes them.", valueName: "login")) var to: String
    @Option(help: "What they should know or do.") var note: String = ""

    func action(asOf: Day) throws -> AlertAction { .handOver(to: to, note: note) }
    var past: String { "handed over to \(to)" }
    var told: String { note.isEmpty ? "; no note" : "; they will read: \(note)" }
    func run() throws { try act() }
}
