import FolioDomain
import GRDB

/// What the demo's people do with renewals while the engine replays the weeks, through the
/// same path as `folio renewals move` (permission, compare-and-set, audit):
/// - an account the sample marks churned was a customer until its renewal date: it is
///   replayed as active until then, and its CSM records the churn on the first Monday after;
/// - an ordinary account whose contract came up for renewal during the replay renews then:
///   replayed with that renewal date, closed won by its CSM on the Monday after (the date
///   rolls on to the one the book has today), so churners and renewers both reach a renewal
///   in the half-year and the days to renewal do not tell one from the other;
/// - a CSM commits a renewal that is Green and 21 days out or less.
struct DemoRenewals {
    let database: FolioDatabase
    let profile: HealthProfile
    /// The accounts of SampleData/STORIES.md: their dates stay as told.
    let told: Set<String>
    /// Accounts churned in the sample, with their renewal dates, still to be recorded.
    private var churns: [(account: String, renewal: Day)] = []
    /// Accounts renewing during the replay, with the renewal date they had then and the one
    /// they have today.
    private var renewals: [(account: String, renewal: Day, next: Day)] = []

    static let commitWithinDays = 21

    init(database: FolioDatabase, profile: HealthProfile, told: Set<String> = []) {
        self.database = database
        self.profile = profile
        self.told = told
    }

    /// Before the replay: the churned accounts become customers again until their renewal;
    /// an ordinary account whose last renewal fell after `replayStart` goes back to it.
    mutating func prepare(replayStart: Day) throws {
        (churns, renewals) = try database.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, renewal_date FROM account WHERE status = 'churned' ORDER BY id")
            try db.execute(sql: "UPDATE account SET status = 'active' WHERE status = 'churned'")
            let churns = rows.compactMap { row in (row.day("renewal_date")).map { (account: row["id"] as String, renewal: $0) } }
            var renewals: [(account: String, renewal: Day, next: Day)] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, renewal_date, term_months FROM account ORDER BY id") {
                let id: String = row["id"]
                guard !told.contains(id), !churns.contains(where: { $0.account == id }), let next = row.day("renewal_date"),
                      let months: Int = row["term_months"], months > 0 else { continue }
                let last = next.adding(months: -months)
                guard last > replayStart, last <= DemoBook.asOf else { continue }
                renewals.append((id, last, next))
                try db.execute(sql: "UPDATE account SET renewal_date = ? WHERE id = ?", arguments: [last.iso, id])
            }
            return (churns, renewals)
        }
    }

    /// People's moves on the Monday `week`, before that day's run: renewals and churns that are due.
    mutating func beforeRun(on week: Day) throws {
        let renewing = renewals.filter { $0.renewal <= week }
        renewals.removeAll { $0.renewal <= week }
        for renewal in renewing {
            let found = try database.read { db -> (RenewalOpportunity, User)? in
                guard let o = try RenewalOpportunity.fetchOne(db, sql: "SELECT * FROM renewal_opportunity WHERE account_id = ? AND closed_on IS NULL",
                                                              arguments: [renewal.account]),
                      let owner = try Book.user(o.owner, in: db) else { return nil }
                return (o, owner)
            }
            if let (o, owner) = found, let id = o.id {
                _ = try RenewalDesk(database: database).move(id: id, to: .closedWon, by: owner, asOf: week, now: Self.workingHour(week))
            }
            // The contract rolls on to the date the book has today (also when no renewal was open).
            try database.write { db in
                try db.execute(sql: "UPDATE account SET renewal_date = ? WHERE id = ?", arguments: [renewal.next.iso, renewal.account])
            }
        }
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
            let open = try Row.fetchAll(db, sql: """
                SELECT o.id, o.owner, o.account_id FROM renewal_opportunity o
                WHERE o.closed_on IS NULL AND o.stage IN ('90 days out', '60 days out') AND o.close_date <= ?
                ORDER BY o.id
                """, arguments: [week.adding(days: Self.commitWithinDays).iso])
            let scores = try SnapshotStore.latestScores(of: open.map { $0[2] }, asOf: week, in: db)
            return try open.compactMap { row -> (Int64, User)? in
                guard let latest = scores[row[2]], latest.date == week, latest.band == top,
                      let owner = try Book.user(row[1], in: db) else { return nil }
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
