import FolioDomain
import GRDB

/// What the demo's people do with renewals while the engine replays the weeks, through the
/// same path as `folio renewals move` (permission, compare-and-set, audit):
/// - an account the sample marks churned was a customer until its renewal date: it is
///   replayed as active until then, and its CSM records the churn on the first Monday after;
/// - a CSM commits a renewal that is Green and 21 days out or less.
struct DemoRenewals {
    let database: FolioDatabase
    let profile: HealthProfile
    /// Accounts churned in the sample, with their renewal dates, still to be recorded.
    private var churns: [(account: String, renewal: Day)] = []

    static let commitWithinDays = 21

    init(database: FolioDatabase, profile: HealthProfile) {
        self.database = database
        self.profile = profile
    }

    /// Before the replay: the churned accounts become customers again until their renewal.
    mutating func prepare() throws {
        churns = try database.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, renewal_date FROM account WHERE status = 'churned' ORDER BY id")
            try db.execute(sql: "UPDATE account SET status = 'active' WHERE status = 'churned'")
            return rows.compactMap { row in (row.day("renewal_date")).map { (row["id"], $0) } }
        }
    }

    /// People's moves on the Monday `week`, before that day's run: churns that are due.
    mutating func beforeRun(on week: Day) throws {
        let due = churns.filter { $0.renewal <= week }
        churns.removeAll { $0.renewal <= week }
        for churn in due {
            let found = try database.read { db -> (RenewalOpportunity, User)? in
                guard let o = try RenewalOpportunity.fetchOne(db, sql: "SELECT * FROM renewal_opportunity WHERE account_id = ? AND closed_on IS NULL",
                                                              arguments: [churn.account]),
                      let owner = try Book.user(o.owner, in: db) else { return nil }
                return (o, owner)
            }
            if let (o, owner) = found, let id = o.id {
                _ = try RenewalDesk(database: database).move(id: id, to: .churned, by: owner, asOf: week, now: Self.workingHour(week))
            } else {
                // No renewal was open (it fell before the replay started): the account just leaves.
                try database.write { db in try db.execute(sql: "UPDATE account SET status = 'churned' WHERE id = ?", arguments: [churn.account]) }
            }
        }
    }

    /// People's moves after the run of `week`: Green renewals close to their date are committed.
    func afterRun(on week: Day) throws {
        guard let top = profile.bands.bands.last?.name else { return }
        let ready = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.id, o.owner FROM renewal_opportunity o
                JOIN health_snapshot h ON h.account_id = o.account_id AND h.date = ?
                WHERE o.closed_on IS NULL AND o.stage IN ('90 days out', '60 days out') AND h.band = ? AND o.close_date <= ?
                ORDER BY o.id
                """, arguments: [week.iso, top, week.adding(days: Self.commitWithinDays).iso])
                .compactMap { row -> (Int64, User)? in
                    guard let owner = try Book.user(row[1], in: db) else { return nil }
                    return (row[0], owner)
                }
        }
        for (id, owner) in ready {
            _ = try RenewalDesk(database: database).move(id: id, to: .committed, by: owner, asOf: week, now: Self.workingHour(week))
        }
    }

    /// After the replay: any churn whose renewal lies after the last week still happened
    /// (the sample says so), so the account leaves the book.
    mutating func finish() throws {
        let left = churns.map(\.account)
        churns = []
        guard !left.isEmpty else { return }
        try database.write { db in try db.execute(literal: "UPDATE account SET status = 'churned' WHERE id IN \(left)") }
    }

    /// 09:30 UTC on the day: when the demo's people act.
    static func workingHour(_ day: Day) -> Int64 { Moment(startOf: day).seconds + 9 * 3600 + 1800 }
}
