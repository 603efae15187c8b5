import Foundation
import FolioDomain
import GRDB

/// The machinery of a daily run: for one day, read every active account's inputs once from a
/// snapshot and let the steps compute from it, then write their decisions in short transactions. Which steps, and how they are configured, is
/// `DailyPipeline`'s. Running a day again on the same data changes nothing, not even the
/// run's log entry.
public struct DailyRun {
    public var profile: HealthProfile
    public var steps: [any TickStep]
    /// Told which step the run is at (for a progress line).
    public var progress: ProgressHandler?
    /// How long one of the run's write transactions may hold the lock (`WriteWindow`).
    var windowBudget = WriteWindow.standardBudget
    /// Run between two of the run's write transactions (tests act as a person there).
    var between: (() throws -> Void)?

    public init(profile: HealthProfile, steps: [any TickStep]) {
        self.profile = profile
        self.steps = steps
    }

    /// Reads and computes from a snapshot first (nobody waits on that), then writes every
    /// step's decisions in short transactions (`WriteWindow`), the day's log entry last: a
    /// run killed while writing leaves the day marked under way, and a re-run finishes it
    /// (every step does only what is left to do). The longest hold of the write lock is
    /// `TickSummary.lockedSeconds`.
    @discardableResult
    public func run(asOf: Day, in database: FolioDatabase, now: Int64) throws -> TickSummary {
        let started = Date()
        var clock = Date()
        func lap() -> Double {
            let now = Date()
            defer { clock = now }
            return now.timeIntervalSince(clock)
        }
        progress?(WorkProgress("reading the inputs", done: 0, of: steps.count + 1, unit: "steps"))
        let sources = steps.reduce(profile.sources) { $0.union($1.sources) }
        let read = try HealthInputLoader(asOf: asOf, sources: sources).loadSnapshot(from: database.pool) { db in
            let accounts = try Account.filter(Account.Columns.status == Account.Status.active).order(Account.Columns.id).fetchAll(db)
            let previousRun = try String.fetchOne(db, sql: "SELECT MAX(date) FROM engine_run WHERE date < ?", arguments: [asOf.iso])
                .flatMap { Day(iso: $0) }
            return (accounts, (previousRun: previousRun, previous: try SnapshotStore.lastRun(before: asOf, in: db)))
        }
        var timings = [TickSummary.Timing(step: "load", seconds: lap())]
        // The pure work (scoring every account) is done before the write lock is taken.
        var prepared: [Double] = []
        var context = try database.read { db in
            var context = TickContext(db: db, asOf: asOf, profile: profile, accounts: read.accounts, inputs: read.inputs.health,
                                      usage: read.inputs.usage, lastActivity: read.inputs.lastActivity,
                                      previousRun: read.extra.previousRun, previous: read.extra.previous,
                                      summary: TickSummary(asOf: asOf), history: SnapshotStore.Reader(db))
            for step in steps {
                _ = lap()
                try step.prepare(&context)
                prepared.append(lap())
            }
            return context
        }
        return try database.pool.writeWithoutTransaction { db in
            // The steps' reads span much of the file: a larger page cache for the run's
            // writing saves re-reading pages (bounded, 64 MiB; restored after).
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            // The transactions before the last need not reach the disk one by one (a run cut
            // short is finished by the next); the last, which lands the day, syncs them all.
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
            let window = WriteWindow(db: db, budget: windowBudget)
            window.between = between
            do {
                try window.begin()
                // A run of this day killed while it wrote left its mark: this one finishes it.
                context.resumed = try Settings.value(WriteWindow.pendingDay, in: db)
                if context.resumed?.hasPrefix(asOf.iso) != true {
                    try Settings.set(WriteWindow.pendingDay, to: asOf.iso, in: db)
                }
                context.db = db
                context.history = SnapshotStore.Reader(db)
                context.window = window
                context.summary.accounts = read.accounts.count
                for (k, step) in steps.enumerated() {
                    progress?(WorkProgress("\(step.name) of \(read.accounts.count.formatted()) accounts", done: k + 1, of: steps.count + 1, unit: "steps"))
                    _ = lap()
                    window.startStep()
                    try step.run(&context)
                    // A step's time includes what it prepared from the snapshot (scoring's computing).
                    let seconds = lap() + prepared[k]
                    // The step's last transaction ends here when it has held the lock long enough.
                    try window.letOthersIn()
                    timings.append(TickSummary.Timing(step: step.name, seconds: seconds, lockedSeconds: window.longestInStep))
                }
                try window.commit()
                try db.execute(sql: "PRAGMA synchronous = \(max(synchronous, 2))")
                try window.begin()
                context.summary.timings = timings
                context.summary.seconds = Date().timeIntervalSince(started)
                // The day is done when this lands, with the mark of a run under way gone.
                try db.execute(sql: """
                    INSERT INTO engine_run (date, ran_at, accounts, changed, band_moves, seconds) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(date) DO UPDATE SET ran_at = excluded.ran_at, accounts = excluded.accounts,
                        changed = excluded.changed, band_moves = excluded.band_moves, seconds = excluded.seconds
                    WHERE excluded.changed > 0
                    """, arguments: [asOf.iso, now, context.summary.accounts, context.summary.changed, context.summary.bandMoves, context.summary.seconds])
                try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [WriteWindow.pendingDay])
                try window.commit()
            } catch {
                window.rollback()
                throw error
            }
            context.summary.lockedSeconds = window.longest
            context.summary.writeTransactions = window.transactions
            return context.summary
        }
    }
}
