import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation
import GRDB

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Is the score right? Backtest it against what happened, fit a better profile, compare two, watch for drift.",
        discussion: """
            What happened comes from the outcomes on record: imported (outcomes.csv: churned, renewed, expanded, contracted) and \
            recorded by Folio when a renewal closes won or churned or an account churns. Each scored day counts against the \
            churns of the --horizon after it (90 days by default). With stored history (the daily runs), the window is a year \
            of runs ending a horizon before the as-of day (--from, --to); without, the as-of day's scores against the outcomes \
            after it. Each reads the accounts you may see, as the reports do: a CSM their own, a manager their team's, a VP all.
            """,
        subcommands: [Backtest.self, Fit.self, Diff.self, Drift.self]
    )

    /// The database read-only, the day, and who is looking: each command reads the accounts
    /// that user may see, as the reports do (`Access`, `PortfolioScope`).
    static func open(_ global: GlobalOptions) throws -> (FolioDatabase, Day, User) {
        let path = global.databasePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw UsageFailure("no database at \(path); import your data (folio import) or build the demo (folio demo) first")
        }
        let context = try AppContext.open(global, readonly: true)
        return (context.database, context.asOf, context.user)
    }

    static var glyphs: Glyphs { Glyphs.forEnvironment(ProcessInfo.processInfo.environment) }

    struct Backtest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backtest",
            abstract: "How well the score predicted churn: AUC with its interval, churn per band, top-decile lift, each measure's AUC, lead time, by tier.",
            discussion: """
                Without --profile, the stored scores are read as the daily runs wrote them (every run in the window). With \
                --profile, that profile scores the records as of each of up to 13 of the window's days (evenly spread). \
                --json prints the fields documented in the README.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var profileOption: ProfileOption
        @OptionGroup var options: ModelOptions

        @Flag(help: "Print one JSON document for scripts.")
        var json = false

        func run() throws {
            try reportingFailures {
                let profile = try profileOption.load()
                let (database, asOf, user) = try ModelCommand.open(global)
                let result = try database.read { db in
                    try Backtester.run(window: try options.window(asOf: asOf, in: db), profile: profile,
                                       rescore: profileOption.profile != nil, for: user, in: db)
                }
                if json {
                    print(try JSONOutput.render(BacktestReport.json(result)))
                } else {
                    for line in BacktestReport.lines(result, maxWidth: TerminalWidth.current(), glyphs: ModelCommand.glyphs) { print(line) }
                }
            }
        }
    }

    struct Fit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fit",
            abstract: "Fit a profile to the outcomes: weights, thresholds and band cut-offs, checked by cross-validation; writes it with comments.",
            discussion: """
                Starts from --profile (or the default profile) and every other source with data, account attributes included. \
                Each measure gets monotone thresholds (or a score per value) from the churn rates, the measures get \
                non-negative weights, and the bands cut-offs where accounts churn at --lowest-rate or more and at --top-rate or \
                less. Prints the held-out AUC of the old and the new profile (k-fold cross-validation by account) and writes \
                --out, a profile whose comments say what the data showed. Refuses, with the numbers, when too few accounts \
                churned or stayed.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var profileOption: ProfileOption
        @OptionGroup var options: ModelOptions

        @Option(help: ArgumentHelp("Where to write the fitted profile (YAML).", valueName: "file.yaml"))
        var out: String

        @Option(help: ArgumentHelp("Folds of the cross-validation, 2 to 10.", valueName: "n"))
        var folds: Int = 5

        @Option(name: .customLong("lowest-rate"),
                help: ArgumentHelp("The churn rate the lowest band starts at: a multiple of the overall rate (2x) or a rate (25%).", valueName: "rate"))
        var lowestRate: String = "2x"

        @Option(name: .customLong("top-rate"),
                help: ArgumentHelp("The churn rate the top band stays under: a multiple (0.5x) or a rate (2%).", valueName: "rate"))
        var topRate: String = "0.5x"

        @Flag(help: "Print the summary as JSON.")
        var json = false

        func validate() throws {
            guard (2...10).contains(folds) else { throw ValidationError("--folds must be 2 to 10, not \(folds)") }
            let a = try Self.rate(lowestRate, "--lowest-rate"), b = try Self.rate(topRate, "--top-rate")
            guard a.absolute == b.absolute else {
                throw ValidationError("--lowest-rate and --top-rate must both be multiples (2x, 0.5x) or both rates (25%, 2%)")
            }
            guard a.value > b.value else { throw ValidationError("--lowest-rate (\(lowestRate)) must be above --top-rate (\(topRate))") }
        }

        /// "2x" → (2, multiple); "25%" → (0.25, rate).
        static func rate(_ text: String, _ option: String) throws -> (value: Double, absolute: Bool) {
            let t = text.trimmingCharacters(in: .whitespaces).lowercased()
            if t.hasSuffix("x"), let v = Double(t.dropLast()), v > 0, v.isFinite { return (v, false) }
            if t.hasSuffix("%"), let v = Double(t.dropLast().trimmingCharacters(in: .whitespaces)), v > 0, v < 100 { return (v / 100, true) }
            throw ValidationError("\(option) \"\(text)\" is not a rate; expected a multiple of the overall churn rate (2x) or a rate (25%)")
        }

        func run() throws {
            try reportingFailures {
                let base = try profileOption.load()
                let (database, asOf, user) = try ModelCommand.open(global)
                var fitOptions = ProfileFitter.Options()
                fitOptions.folds = folds
                let lowest = try Self.rate(lowestRate, "--lowest-rate"), top = try Self.rate(topRate, "--top-rate")
                fitOptions.lowestBandRate = lowest.value
                fitOptions.topBandRate = top.value
                fitOptions.absoluteRates = lowest.absolute
                let result: ProfileFitRun.Result
                do {
                    result = try database.read { db in
                        try ProfileFitRun.run(window: try options.window(asOf: asOf, in: db), base: base, options: fitOptions, for: user, in: db)
                    }
                } catch let refusal as FitRefusal {
                    throw RunFailure("model fit: \(refusal.description)")
                }
                let path = (out as NSString).expandingTildeInPath
                do {
                    try Data(result.yaml.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    throw RunFailure("model fit: cannot write \(path): \(error.localizedDescription)")
                }
                if json {
                    print(try JSONOutput.render(FitReport.json(result, path: path)))
                } else {
                    for line in FitReport.lines(result, path: path, baseFile: profileOption.profile, maxWidth: TerminalWidth.current(),
                                                glyphs: ModelCommand.glyphs) {
                        print(line)
                    }
                }
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "What changing the profile would do: the accounts that would change band today, and both backtests side by side.",
            discussion: """
                Scores every active account as of the as-of day with OLD and NEW: the moves between bands (counts, then the \
                accounts, the biggest move first; --limit how many are listed as text), then how each profile ranks churn over \
                the window (both re-scored on the same days).
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ModelOptions

        @Argument(help: ArgumentHelp("The profile in use (YAML).", valueName: "old.yaml"))
        var old: String

        @Argument(help: ArgumentHelp("The profile to compare (YAML), e.g. one written by folio model fit.", valueName: "new.yaml"))
        var new: String

        @Option(help: ArgumentHelp("Accounts listed as text, at most (JSON lists all).", valueName: "n"))
        var limit: Int = 30

        @Flag(help: "Print one JSON document for scripts.")
        var json = false

        func run() throws {
            try reportingFailures {
                let a = try HealthProfileLoader.load(path: (old as NSString).expandingTildeInPath)
                let b = try HealthProfileLoader.load(path: (new as NSString).expandingTildeInPath)
                let (database, asOf, user) = try ModelCommand.open(global)
                let result = try database.read { db in
                    try ProfileDiff.run(old: a, new: b, window: try options.window(asOf: asOf, in: db), for: user, in: db)
                }
                if json {
                    print(try JSONOutput.render(DiffReport.json(result, oldFile: old, newFile: new)))
                } else {
                    for line in DiffReport.lines(result, oldFile: old, newFile: new, limit: limit, maxWidth: TerminalWidth.current(),
                                                 glyphs: ModelCommand.glyphs) {
                        print(line)
                    }
                }
            }
        }
    }

    struct Drift: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "drift",
            abstract: "Is the score still as good? The stored scores' AUC quarter by quarter, and the share of accounts per band month by month.",
            discussion: "From the first stored run (or --from) on; each scored day counts against the churns of the horizon after it."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var profileOption: ProfileOption
        @OptionGroup var options: ModelOptions

        @Flag(help: "Print one JSON document for scripts.")
        var json = false

        func run() throws {
            try reportingFailures {
                let profile = try profileOption.load()
                let (database, asOf, user) = try ModelCommand.open(global)
                let result = try database.read { db -> DriftRun.Result in
                    let first = try DriftRun.firstRunDay(in: db)
                    let from = try options.day(options.from, "--from") ?? first
                    let window = try ModelWindow.resolve(asOf: asOf, horizonDays: try options.horizonDays(), from: from,
                                                         to: try options.day(options.to, "--to"), in: db)
                    return try DriftRun.run(window: window, bands: profile.bands, for: user, in: db)
                }
                if json {
                    print(try JSONOutput.render(DriftReport.json(result)))
                } else {
                    for line in DriftReport.lines(result, maxWidth: TerminalWidth.current(), glyphs: ModelCommand.glyphs) { print(line) }
                }
            }
        }
    }
}
