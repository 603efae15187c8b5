import ArgumentParser
import FolioDomain
import FolioStore
import Foundation

/// `folio history`: how long the daily run keeps health snapshots, what is stored, and
/// (managers and VPs) changing it.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show how long health snapshots are kept and what the history holds; change how long.",
        discussion: """
            The daily run keeps every run's snapshots for --keep-daily days (90 by default), then one a week \
            (the week's last run, plus the days an account changed band or crossed a health-drop threshold, \
            so reports give the same answers), for --keep-weekly days or for ever (the default). A change is \
            applied by the next folio tick and recorded in the audit log; only a manager or a VP may make it.
            --json prints {dailyDays, weeklyDays, days, daily, weekly, oldest, newest, snapshots, accounts, bytes}.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Keep every run's snapshots this many days (7 or more).", valueName: "days"))
    var keepDaily: Int?

    @Option(help: ArgumentHelp("Keep the weekly snapshots this many days, or 'forever'.", valueName: "days|forever"))
    var keepWeekly: String?

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func validate() throws {
        if let keepWeekly, keepWeekly != "forever", Int(keepWeekly) == nil {
            throw ValidationError("--keep-weekly: \"\(keepWeekly)\" is neither a number of days nor 'forever'.")
        }
    }

    func run() throws {
        try AppContext.run(global) { context in
            if keepDaily != nil || keepWeekly != nil {
                let actor = try context.actingUser()
                try context.database.write { db in
                    var retention = try HistoryStatus.load(asOf: context.asOf, in: db).retention
                    if let keepDaily { retention.dailyDays = keepDaily }
                    if let keepWeekly { retention.weeklyDays = Int(keepWeekly) }
                    do {
                        try HistoryStatus.setRetention(retention, by: actor, at: AppContext.now(), in: db)
                    } catch let refusal as HistoryRetentionRefusal {
                        complain("folio history: \(refusal)")
                        if case .invalid = refusal { throw Exit.usage }
                        throw Exit.failure
                    }
                }
            }
            let status = try context.database.read { db in try HistoryStatus.load(asOf: context.asOf, in: db) }
            if json {
                print(try JSONOutput.render(HistoryJSON(status)))
            } else {
                print(Self.text(status))
            }
        }
    }

    static func text(_ status: HistoryStatus) -> String {
        let r = status.retention
        let weekly = r.weeklyDays.map { "kept \($0) days" } ?? "kept for ever"
        var lines = ["health history: every run's snapshots for \(r.dailyDays) days, then one a week, \(weekly)"]
        if let first = status.days.first, let last = status.days.last {
            let perSnapshot = status.snapshots > 0 ? String(format: ", %.1f bytes a snapshot", Double(status.bytes) / Double(status.snapshots)) : ""
            lines.append("stored: \(status.days.count) days from \(first) to \(last) (\(status.dailyDays) daily, \(status.days.count - status.dailyDays) thinned), "
                         + "\(status.snapshots.formatted()) snapshots of \(status.accounts.formatted()) accounts in "
                         + String(format: "%.1f MB", Double(status.bytes) / 1_000_000) + perSnapshot)
        } else {
            lines.append("stored: nothing yet (folio tick scores the book and keeps the day)")
        }
        return lines.joined(separator: "\n")
    }
}

/// `folio history --json`: field names are stable (README).
struct HistoryJSON: Encodable {
    var dailyDays: Int
    @NullEncoded var weeklyDays: Int?
    var days: Int
    var daily: Int
    var weekly: Int
    @NullEncoded var oldest: String?
    @NullEncoded var newest: String?
    var snapshots: Int
    var accounts: Int
    var bytes: Int

    init(_ status: HistoryStatus) {
        dailyDays = status.retention.dailyDays
        weeklyDays = status.retention.weeklyDays
        days = status.days.count
        daily = status.dailyDays
        weekly = status.days.count - status.dailyDays
        oldest = status.days.first?.iso
        newest = status.days.last?.iso
        snapshots = status.snapshots
        accounts = status.accounts
        bytes = status.bytes
    }
}
