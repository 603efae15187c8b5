import FolioDomain
import GRDB

/// Reads stored health snapshots.
public enum SnapshotStore {
    /// Scores are stored to two decimals: enough to show, stable to compare.
    static func round(_ score: Double?) -> Double? {
        score.map { ($0 * 100).rounded() / 100 }
    }

    /// Reads a row of `selection`.
    static func snapshot(_ row: Row) throws -> HealthSnapshot {
        let date: Day = try row.decode(forColumn: "date")
        return HealthSnapshot(accountID: row["account_id"], date: date, score: row["score"],
                              band: row["band"], lowConfidence: row["low_confidence"],
                              measures: SnapshotCodec.decode(row["measures"], slots: SnapshotCodec.decode(slots: row["spec"]), on: date))
    }

    /// A snapshot with its measure set.
    static let selection = "SELECT h.*, s.spec FROM health_snapshot h JOIN measure_set s ON s.id = h.measure_set"

    /// The account's latest snapshot on or before `asOf`.
    public static func latest(for accountID: String, asOf: Day, in db: Database) throws -> HealthSnapshot? {
        try Row.fetchOne(db, sql: selection + " WHERE h.account_id = ? AND h.date <= ? ORDER BY h.date DESC LIMIT 1",
                         arguments: [accountID, asOf.iso]).map(snapshot)
    }

    /// The account's latest snapshot strictly before `day`.
    public static func previous(for accountID: String, before day: Day, in db: Database) throws -> HealthSnapshot? {
        try Row.fetchOne(db.cachedStatement(sql: selection + " WHERE h.account_id = ? AND h.date < ? ORDER BY h.date DESC LIMIT 1"),
                         arguments: [accountID, day.iso]).map(snapshot)
    }

    /// Every account's snapshot from the last run before `day`.
    static func lastRun(before day: Day, in db: Database) throws -> [String: HealthSnapshot] {
        guard let date = try String.fetchOne(db, sql: "SELECT MAX(date) FROM engine_run WHERE date < ?", arguments: [day.iso]) else { return [:] }
        var out: [String: HealthSnapshot] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT account_id, score, band FROM health_snapshot WHERE date = ?", arguments: [date])
        while let row = try rows.next() {
            let id: String = row[0]
            out[id] = HealthSnapshot(accountID: id, date: Day(iso: date) ?? day, score: row[1], band: row[2], lowConfidence: false, measures: [])
        }
        return out
    }

    /// Scores of the accounts on each of the given days (on or before each, within a week),
    /// for trends and sparklines: account id → scores in `days` order (nil where none).
    /// A few accounts (a screenful) are read account by account through the
    /// (account_id, date) index; many are read in one scan of the days' snapshots.
    public static func history(accountIDs: [String], days: [Day], in db: Database) throws -> [String: [Double?]] {
        guard let first = days.min(), let last = days.max() else { return [:] }
        var out: [String: [Double?]] = [:]
        let window: StatementArguments = [first.adding(days: -6).iso, last.iso]
        func add(_ id: String, _ date: Day, _ score: Double?) {
            var series = out[id] ?? [Double?](repeating: nil, count: days.count)
            for (k, day) in days.enumerated() where date <= day && date > day.adding(days: -7) {
                series[k] = score // rows come in date order: the latest within the week wins
            }
            out[id] = series
        }
        if accountIDs.count <= seekLimit {
            let statement = try db.cachedStatement(sql: """
                SELECT date, score FROM health_snapshot WHERE account_id = ? AND date BETWEEN ? AND ? ORDER BY date
                """)
            for id in accountIDs {
                let rows = try Row.fetchCursor(statement, arguments: [id] + window)
                while let row = try rows.next() {
                    guard let date = (row[0] as StoredDay?)?.day else { continue }
                    add(id, date, row[1])
                }
            }
            return out
        }
        let wanted = Set(accountIDs)
        let rows = try Row.fetchCursor(db, sql: "SELECT account_id, date, score FROM health_snapshot WHERE date BETWEEN ? AND ? ORDER BY date",
                                       arguments: window)
        while let row = try rows.next() {
            let id: String = row[0]
            guard wanted.contains(id), let date = (row[1] as StoredDay?)?.day else { continue }
            add(id, date, row[2])
        }
        return out
    }

    /// Up to this many accounts, `history` seeks per account rather than scanning.
    static let seekLimit = 2_000
}
