import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
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
                complain("\(entries.count) accounts in the book of \(context.user.name) (\(context.user.login), \(context.user.role.rawValue)) as of \(context.asOf)")
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
