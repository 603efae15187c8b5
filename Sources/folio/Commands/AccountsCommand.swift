import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "List the accounts in your book (a manager sees their team's, a VP all).",
        discussion: "--json prints an array of {id, name, tier, owner, arr, renewalDate, stage, lastActivity}."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        try Self.showBook(global: global, json: json, buildDemoIfMissing: false)
    }

    static func showBook(global: GlobalOptions, json: Bool, buildDemoIfMissing: Bool) throws {
        try reportingFailures {
            let context = try AppContext.open(global, buildDemoIfMissing: buildDemoIfMissing)
            let entries = try context.database.read { db in try Book.entries(for: context.user, asOf: context.asOf, in: db) }
            if json {
                print(try BookJSON.render(entries))
            } else {
                let width = TerminalWidth.current()
                for line in BookTable.lines(entries, asOf: context.asOf, maxWidth: width) { print(line) }
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
        var stage: String
        var lastActivity: String?
    }

    static func render(_ entries: [BookEntry]) throws -> String {
        let rows = entries.map { e in
            Entry(id: e.account.id, name: e.account.name, tier: e.account.tier.rawValue, owner: e.account.owner,
                  arr: Double(e.account.arr.cents) / 100, renewalDate: e.account.renewalDate.iso,
                  stage: e.stage.rawValue, lastActivity: e.lastActivity?.iso)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }
}
