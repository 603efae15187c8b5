import FolioDomain
import GRDB

/// What every step of the daily run shares: the day, the profile, the active accounts and
/// their loaded inputs (read once), and what earlier steps decided.
public struct TickContext {
    /// The snapshot's connection while steps prepare, the run's transaction while they write.
    public internal(set) var db: Database
    public let asOf: Day
    public let profile: HealthProfile
    public let accounts: [Account]
    /// Parallel to `accounts`.
    public let inputs: [HealthInputs]
    /// Parallel to `accounts`: key actions of the last 4 weeks against the 4 before.
    public let usage: [UsageComparison?]
    /// Parallel to `accounts`: the latest activity on or before the day.
    public let lastActivity: [Day?]
    /// The day of the previous run, if any.
    public let previousRun: Day?
    /// Each account's snapshot from the previous run (before `asOf`), if any.
    public let previous: [String: HealthSnapshot]
    /// Parallel to `accounts`; filled by the scoring step.
    public var snapshots: [HealthSnapshot] = []
    public var summary: TickSummary
    /// Earlier snapshots with their breakdowns, account by account (the blocks it reads are kept).
    var history: SnapshotStore.Reader
    /// Filled by the scoring step while it prepares: each account's snapshot and its encoded breakdown.
    var scored: [(snapshot: HealthSnapshot, measures: String)]?
    /// The run's writing in short transactions (nil while steps prepare).
    var window: WriteWindow?
    /// The mark of a run under way (`WriteWindow.pendingDay`) as this run found it: a run
    /// killed while writing, which this one finishes when it is of the same day.
    var resumed: String?

    /// Inside a step's writing, at a point where what it wrote so far stands on its own: lets
    /// people write if the run has held the lock long enough. True when it did (what the step
    /// read before may have been changed since).
    @discardableResult
    func letOthersIn() throws -> Bool { try window?.letOthersIn() ?? false }

    /// Inside a step's writing: reads that need no lock, done without it (`WriteWindow`);
    /// what they read may have been changed by the time the step writes.
    func withoutLock<T>(_ body: () throws -> T) throws -> T {
        guard let window else { return try body() }
        return try window.withoutLock(body)
    }
}

/// One step of the daily run (scoring, alerts, check-ins, renewals, sequences…): it may
/// compute from the read snapshot first (`prepare`, before the write lock is taken, so
/// nobody waits on it), then reads the shared context and writes its decisions inside the
/// run's transaction (`run`).
public protocol TickStep {
    var name: String { get }
    /// The inputs this step reads besides the profile's (they are loaded once for all steps).
    var sources: Set<MeasureSource> { get }
    func prepare(_ context: inout TickContext) throws
    func run(_ context: inout TickContext) throws
}

extension TickStep {
    public var sources: Set<MeasureSource> { [] }
    public func prepare(_ context: inout TickContext) throws {}
}

/// What a run did, for its one-line summary and `--json`.
public struct TickSummary: Sendable, Codable, Equatable {
    public var asOf: Day
    public var accounts: Int = 0
    /// Snapshots written or changed (0 when the day had already been run on the same data).
    public var changed: Int = 0
    public var bandMovesUp: Int = 0
    public var bandMovesDown: Int = 0
    public var noData: Int = 0
    /// Alerts raised, escalated, recovered and reopened from a snooze; shadow alerts apart.
    public var alertsRaised: Int = 0
    public var alertsEscalated: Int = 0
    public var alertsRecovered: Int = 0
    public var alertsReopened: Int = 0
    public var shadowAlerts: Int = 0
    /// On a first run: states already present (AlertPolicy.baselineKinds), recorded as the baseline, not raised.
    public var alertsBaselined: Int = 0
    /// Renewal opportunities opened, and stages the run moved (60 days out, at risk, back).
    public var renewalsOpened: Int = 0
    public var renewalsMoved: Int = 0
    /// Calendar check-ins planned, and those the run found done or missed.
    public var checkInsPlanned: Int = 0
    public var checkInsDone: Int = 0
    public var checkInsMissed: Int = 0
    /// Recovery sequences started (and skipped for want of a contact), stopped, completed;
    /// customer emails written into the outbox.
    public var sequencesStarted: Int = 0
    public var sequencesSkipped: Int = 0
    public var sequencesStopped: Int = 0
    public var sequencesCompleted: Int = 0
    public var emailsPlanned: Int = 0
    /// Outcomes Folio recorded itself (renewals closed won or churned, accounts marked churned).
    public var outcomesRecorded: Int = 0
    /// Old snapshots the history's retention removed (days thinned to weeks, weeks past their age).
    public var snapshotsThinned: Int = 0
    public var seconds: Double = 0
    /// The longest the run held the write lock at once: the longest a person's change could
    /// wait on it. The run writes in short transactions (`writeTransactions`), the day's log
    /// entry in the last; the reading and scoring before them keep nobody waiting.
    public var lockedSeconds: Double = 0
    public var writeTransactions: Int = 0
    /// Where the time went: reading the inputs, then each step in order.
    public var timings: [Timing] = []

    public struct Timing: Sendable, Codable, Equatable {
        public var step: String
        public var seconds: Double
        /// The longest the step held the write lock at once (none for reading the inputs).
        public var lockedSeconds: Double?
    }

    public init(asOf: Day) { self.asOf = asOf }

    public var bandMoves: Int { bandMovesUp + bandMovesDown }

    public var line: String {
        let moves = bandMoves == 0 ? "no band moves" : "\(bandMoves) band move\(bandMoves == 1 ? "" : "s") (\(bandMovesUp) up, \(bandMovesDown) down)"
        let fresh = changed == 0 ? "nothing changed" : "\(changed) snapshot\(changed == 1 ? "" : "s") written"
        let empty = noData > 0 ? ", \(noData) with no data" : ""
        var alerts: [String] = []
        if alertsRaised > 0 { alerts.append("\(alertsRaised) alert\(alertsRaised == 1 ? "" : "s") raised") }
        if alertsEscalated > 0 { alerts.append("\(alertsEscalated) escalated") }
        if alertsRecovered > 0 { alerts.append("\(alertsRecovered) recovered") }
        if alertsReopened > 0 { alerts.append("\(alertsReopened) back from snooze") }
        if shadowAlerts > 0 { alerts.append("\(shadowAlerts) shadow (control group)") }
        if alertsBaselined > 0 {
            alerts.append("first run: \(alertsBaselined) state\(alertsBaselined == 1 ? "" : "s") already present (low scores, quiet accounts, usage trends) recorded as the baseline, not raised (alerts fire on changes; --raise-existing raises them)")
        }
        let alertText = alerts.isEmpty ? ", no new alerts" : ", " + alerts.joined(separator: ", ")
        return "tick \(asOf): \(accounts) accounts scored\(empty), \(moves)\(alertText), \(fresh)\(work), in \(String(format: "%.2f", seconds)) s"
    }

    /// What the renewal and check-in steps did, only what happened: ", 3 renewals opened, 12 check-ins done".
    var work: String {
        func count(_ n: Int, _ one: String, _ many: String, _ what: String) -> String? {
            n == 0 ? nil : "\(n) \(n == 1 ? one : many) \(what)"
        }
        let parts = [count(renewalsOpened, "renewal", "renewals", "opened"),
                     count(renewalsMoved, "renewal", "renewals", "moved on"),
                     count(checkInsPlanned, "check-in", "check-ins", "planned"),
                     count(checkInsDone, "check-in", "check-ins", "done"),
                     count(checkInsMissed, "check-in", "check-ins", "missed"),
                     count(sequencesStarted, "sequence", "sequences", "started"),
                     count(sequencesSkipped, "sequence", "sequences", "skipped (no contact to write to)"),
                     count(sequencesStopped, "sequence", "sequences", "stopped"),
                     count(sequencesCompleted, "sequence", "sequences", "completed"),
                     count(emailsPlanned, "email", "emails", "written to the outbox"),
                     count(outcomesRecorded, "outcome", "outcomes", "recorded"),
                     count(snapshotsThinned, "old snapshot", "old snapshots", "thinned from the history")].compactMap { $0 }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }
}
