import Foundation
import FolioDomain
import GRDB

/// The machinery of a daily run: for one day, load every active account's inputs once, then
/// run each step in one transaction. Which steps, and how they are configured, is
/// `DailyPipeline`'s. Running a day again on the same data changes nothing, not even the
/// run's log entry.
public struct DailyRun {
    public var profile: HealthProfile
    public var steps: [any TickStep]

    /// The pipeline's steps with the default configuration and no sequences (the demo's replay
    /// adds its own until it runs a `DailyPipeline`).
    public static var defaultSteps: [any TickStep] { DailyPipeline().steps }

    public init(profile: HealthProfile, steps: [any TickStep] = DailyRun.defaultSteps) {
        self.profile = profile
        self.steps = steps
    }

    @discardableResult
    public func run(asOf: Day, in database: FolioDatabase, now: Int64) throws -> TickSummary {
        let started = Date()
        return try database.write { db in
            // The inputs are read once but span most of the file: a larger page cache for
            // this transaction saves re-reading pages (bounded, 64 MiB; restored after).
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            var clock = Date()
            func lap() -> Double {
                let now = Date()
                defer { clock = now }
                return now.timeIntervalSince(clock)
            }
            let accounts = try Account.filter(Account.Columns.status == Account.Status.active).order(Account.Columns.id).fetchAll(db)
            let sources = steps.reduce(profile.sources) { $0.union($1.sources) }
            let loaded = try HealthInputLoader(asOf: asOf, sources: sources).load(accounts: accounts, from: database.pool)
            let previousRun = try String.fetchOne(db, sql: "SELECT MAX(date) FROM engine_run WHERE date < ?", arguments: [asOf.iso])
                .flatMap { Day(iso: $0) }
            let previous = try SnapshotStore.lastRun(before: asOf, in: db)
            let loadSeconds = lap()
            var context = TickContext(db: db, asOf: asOf, profile: profile, accounts: accounts, inputs: loaded.health,
                                      usage: loaded.usage, lastActivity: loaded.lastActivity, previousRun: previousRun,
                                      previous: previous, summary: TickSummary(asOf: asOf))
            context.summary.accounts = accounts.count
            context.summary.timings = [TickSummary.Timing(step: "load", seconds: loadSeconds)]
            for step in steps {
                _ = lap()
                try step.run(&context)
                context.summary.timings.append(TickSummary.Timing(step: step.name, seconds: lap()))
            }
            context.summary.seconds = Date().timeIntervalSince(started)
            try db.execute(sql: """
                INSERT INTO engine_run (date, ran_at, accounts, changed, band_moves, seconds) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(date) DO UPDATE SET ran_at = excluded.ran_at, accounts = excluded.accounts,
                    changed = excluded.changed, band_moves = excluded.band_moves, seconds = excluded.seconds
                WHERE excluded.changed > 0
                """, arguments: [asOf.iso, now, context.summary.accounts, context.summary.changed, context.summary.bandMoves, context.summary.seconds])
            return context.summary
        }
    }
}
