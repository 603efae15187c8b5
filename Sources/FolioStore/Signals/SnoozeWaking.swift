import FolioDomain
import GRDB

/// Snoozes that end before their day (DESIGN §2.3): the daily run wakes those whose account
/// worsened (score below the one at the snooze, or a new alert raised after its day) or
/// whose customer replied; logging an inbound activity wakes those waiting for a reply at
/// once, in the log's transaction. Each wake is a trail entry ("wake") saying why.
enum SnoozeWaking {
    /// The account's latest score on or before `asOf`.
    static func score(of accountID: String, asOf: Day, in db: Database) throws -> Double? {
        try SnapshotStore.latestScores(of: [accountID], asOf: asOf, in: db)[accountID]?.score
    }

    /// The daily run: every snoozed alert with wake conditions, judged as its account stands on `asOf`.
    @discardableResult
    static func wake(asOf: Day, now: Int64, actor: String, in db: Database) throws -> Int {
        let waiting = try Alert.fetchAll(db, sql: "SELECT * FROM alert WHERE state = 'snoozed' AND snooze_wake IS NOT NULL")
        // The scores in one read of the history, not one per snoozed alert.
        let worseWatched = waiting.filter { $0.snoozeWake?.onWorse == true }.map(\.accountID)
        let scores = worseWatched.isEmpty ? [:] : try SnapshotStore.latestScores(of: Array(Set(worseWatched)), asOf: asOf, in: db)
        var woken = 0
        for alert in waiting {
            guard let wake = alert.snoozeWake else { continue }
            let since = SnoozeWake.Since(score: wake.onWorse ? scores[alert.accountID]?.score : nil,
                                         newAlerts: wake.onWorse ? try newAlerts(on: alert, after: wake.since, in: db) : [],
                                         replied: wake.onReply ? try replied(alert.accountID, since: wake.since, in: db) : false)
            if let why = wake.wakes(since), try wakeUp(alert, because: why, actor: actor, at: now, in: db) { woken += 1 }
        }
        return woken
    }

    /// A reply logged on `accountID`: its snoozes waiting for one open again now.
    static func replied(on accountID: String, by actor: String, at now: Int64, in db: Database) throws -> [Alert] {
        let waiting = try Alert.fetchAll(db, sql: "SELECT * FROM alert WHERE account_id = ? AND state = 'snoozed' AND snooze_wake IS NOT NULL",
                                         arguments: [accountID])
        var woken: [Alert] = []
        for alert in waiting where alert.snoozeWake?.onReply == true {
            if try wakeUp(alert, because: "the customer replied", actor: actor, at: now, in: db) { woken.append(alert) }
        }
        return woken
    }

    private static func wakeUp(_ stored: Alert, because why: String, actor: String, at now: Int64, in db: Database) throws -> Bool {
        let before = try stored.routed(in: db)
        guard let id = before.id, case .success(let after) = before.woken() else { return false }
        try after.save(from: before, in: db)
        try AlertEvents.record("wake: \(why)", alert: id, actor: actor, at: now, before: before, after: after, in: db)
        return true
    }

    private static func newAlerts(on alert: Alert, after day: Day, in db: Database) throws -> [Alert.Kind] {
        try String.fetchAll(db, sql: "SELECT kind FROM alert WHERE account_id = ? AND raised_on > ? AND id != ? AND shadow = 0 ORDER BY id",
                            arguments: [alert.accountID, day.iso, alert.id]).compactMap(Alert.Kind.init(rawValue:))
    }

    private static func replied(_ accountID: String, since day: Day, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM activity WHERE account_id = ? AND direction = 'inbound' AND date >= ?)",
                          arguments: [accountID, day.iso]) ?? false
    }
}
