import Foundation
import GRDB

/// The daily run's writing, in short transactions: the run holds the write lock for at most
/// about `budget` at a time, then commits and lets anyone waiting write before it goes on,
/// so a person's change never waits on a whole day's writes. The day counts as done only
/// when its `engine_run` row lands, in the last window; until then `pendingDay` says a run
/// is under way (a killed run leaves it, and a re-run of the day finishes what it began).
final class WriteWindow {
    let db: Database
    /// How long one transaction may run before the run lets people in.
    let budget: TimeInterval
    /// Called each time the run has committed and before it takes the lock again (tests act
    /// as a person here).
    var between: (() throws -> Void)?
    private(set) var longest: TimeInterval = 0
    /// The longest hold since `startStep()` (ended in the step).
    private(set) var longestInStep: TimeInterval = 0
    private(set) var transactions = 0
    private var began = Date()

    /// The `setting` that marks a day whose run has begun writing and not finished: "DAY"
    /// or "DAY baseline" (a first run that records the states it finds rather than raising them).
    static let pendingDay = "tick_pending"
    /// Long enough that the commits cost little, short enough that nobody notices the wait.
    static let standardBudget: TimeInterval = 0.2
    /// How long the run stays out of the lock after a commit: a waiting writer polls every
    /// `FolioDatabase.busyPoll`, so it gets in.
    static let gap: useconds_t = 8_000

    init(db: Database, budget: TimeInterval = WriteWindow.standardBudget) {
        self.db = db
        self.budget = budget
    }

    func begin() throws {
        try db.execute(sql: "BEGIN IMMEDIATE TRANSACTION")
        began = Date()
    }

    func commit() throws {
        try db.execute(sql: "COMMIT TRANSACTION")
        let held = Date().timeIntervalSince(began)
        longest = max(longest, held)
        longestInStep = max(longestInStep, held)
        transactions += 1
    }

    func startStep() { longestInStep = 0 }

    func rollback() {
        if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
    }

    /// Reads that need no lock, done without it: commits, runs `body` (each statement on its
    /// own snapshot), takes the lock again. Others may change what it read before the run writes.
    func withoutLock<T>(_ body: () throws -> T) throws -> T {
        try commit()
        let value = try body()
        try begin()
        return value
    }

    /// At a point where the run's writes so far stand on their own: if the lock has been held
    /// for the budget, commits, lets others write, and takes it again. True when it did (what
    /// the run read before may have been changed by someone since).
    @discardableResult
    func letOthersIn() throws -> Bool {
        guard Date().timeIntervalSince(began) >= budget else { return false }
        try commit()
        try between?()
        usleep(Self.gap)
        try begin()
        return true
    }
}
