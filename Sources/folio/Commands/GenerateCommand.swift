import ArgumentParser
import FolioDomain
import FolioStore
import Foundation

/// `folio generate`: writes a synthetic portfolio as import CSVs (DESIGN §3).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic portfolio as CSV files ready for `folio import`.",
        discussion: """
            Makes up a team and a book of accounts with contacts, weekly usage, support cases, \
            NPS answers, payment status and activities: most accounts steady, some declining \
            or surging, with detractors, late payments, departed sponsors and quiet spells. \
            The same seed always writes the same files. With --demo it writes Folio's demo \
            portfolio instead (the book `folio demo` builds; SampleData/ holds a copy).
            """
    )

    @Option(help: "How many accounts to make up, 1-1,000,000 (default 1000).")
    var accounts: Int?

    @Option(help: "Weeks of usage history per account, 1-520 (default 26).")
    var weeks: Int?

    @Option(help: "Seed for the random choices; the same seed gives the same files (default 1).")
    var seed: UInt64?

    @Flag(help: "Write the demo portfolio, its people and its stories, as of 2026-11-23.")
    var demo = false

    @Option(help: ArgumentHelp("Folder to write users.csv, accounts.csv and the rest into (created if missing).",
                               valueName: "dir"), completion: .directory)
    var out: String

    @Flag(help: "Also write events.csv (product-analytics events following each account's usage, about eight a week) and events-map.yaml, its mapping.")
    var events = false

    // --as-of (or FOLIO_AS_OF) comes from the global options: the day the data ends.
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if demo {
            let given = [(accounts != nil, "--accounts"), (weeks != nil, "--weeks"), (seed != nil, "--seed"),
                         (global.asOf != nil, "--as-of")].filter(\.0).map(\.1)
            guard given.isEmpty else {
                throw ValidationError("\(given.joined(separator: ", ")) cannot be used with --demo: the demo is one fixed book, as of \(DemoBook.asOf.iso).")
            }
            return
        }
        // Ten times the largest book benchmarked; more is a typo, not a portfolio.
        guard (1...1_000_000).contains(accounts ?? 1000) else { throw ValidationError("--accounts must be between 1 and 1000000.") }
        guard (1...520).contains(weeks ?? 26) else { throw ValidationError("--weeks must be between 1 and 520.") }
        _ = try global.explicitAsOf()
    }

    func run() throws {
        // Without --as-of, the data ends on the Monday on or before today.
        let day = demo ? DemoBook.asOf : try global.explicitAsOf() ?? GenerateCommand.mondayOnOrBeforeToday()
        let generator = PortfolioGenerator(accounts: accounts ?? 1000, weeks: weeks ?? 26, seed: seed ?? 1, asOf: day)
        let clock = ContinuousClock()
        let started = clock.now
        let summary: PortfolioCSVExporter.Summary
        var eventRows: Int?
        do {
            if events {
                let exporter = try PortfolioCSVExporter(directory: out)
                let writer = try EventCSVWriter(directory: out)
                let emit = { (record: PortfolioRecord) throws(PortfolioExportError) in
                    try exporter.write(record)
                    if case .usage(let usage) = record { try writer.write(usage) }
                }
                if demo { try DemoBook().generate(emit) } else { try generator.generate(emit) }
                summary = try exporter.finish()
                try writer.finish()
                eventRows = writer.rows
            } else if demo {
                summary = try PortfolioCSVExporter.export(DemoBook(), to: out)
            } else {
                let line = ProgressLine("generate")
                defer { line.finish() }
                summary = try PortfolioCSVExporter.export(generator, to: out, progress: line.handler)
            }
        } catch {
            complain("folio: \(error)")
            throw Exit.failure
        }
        let elapsed = started.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

        let counts = ImportKind.portfolio
            .map { "\(summary.rowCounts[$0] ?? 0) \($0.rawValue)" }
            .joined(separator: ", ")
        let eventsNote = eventRows.map { ", \($0) events (events.csv, with events-map.yaml)" } ?? ""
        complain("wrote \(summary.files.count + (eventRows == nil ? 0 : 2)) files to \(out) as of \(day.iso): \(counts)\(eventsNote) "
                 + "in \(String(format: "%.1f", seconds)) s")
    }

    /// The only place Folio's generator reads the clock: today in the local time zone,
    /// moved back to its Monday.
    private static func mondayOnOrBeforeToday() -> Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        let today = Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? Day(ordinal: Int(Date().timeIntervalSince1970 / 86_400))
        return today.weekStart
    }
}
