import ArgumentParser
import FolioDomain
import FolioStore
import Foundation

struct TickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick",
        abstract: "Run the daily engine for --as-of: scores, alerts, check-ins, renewal opportunities and recovery sequences.",
        discussion: """
            It reads and scores from one snapshot while people go on working, then writes the day \
            in short transactions that let people's changes in between (stopped half-way, the day is \
            left marked under way, and running it again finishes it); running the \
            same day again on the same data changes nothing. Prints a one-line summary (accounts scored, band moves, renewals opened \
            and moved, check-ins planned, done and missed, sequences started, stopped and completed, \
            emails written to the outbox, time taken).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profileOption: ProfileOption
    @OptionGroup var alertsOption: AlertsOption
    @OptionGroup var sequencesOption: SequencesOption

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Flag(help: "On the first run, raise the conditions already present (by default they are the baseline: alerts fire on changes).")
    var raiseExisting = false

    func run() throws {
        try reportingFailures {
            let profile = try profileOption.load()
            let policy = try alertsOption.load()
            let library = try sequencesOption.loadForDailyRun()
            let database = try FolioDatabase(path: global.databasePath)
            let asOf = try database.read { try AppContext.asOf(global, in: $0) }
            let pipeline = DailyPipeline(profile: profile, policy: policy, sequences: library, raiseExisting: raiseExisting)
            let line = ProgressLine("tick \(asOf)")
            defer { line.finish() }
            let summary = try pipeline.run(asOf: asOf, in: database, now: AppContext.now(), progress: line.handler)
            line.finish()
            if json {
                print(try JSONOutput.render(summary))
            } else {
                print(summary.line)
            }
        }
    }
}
