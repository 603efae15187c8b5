import FolioDomain
import GRDB

/// One line of a user's book: an account and what a CSM reads at a glance.
public struct BookEntry: Sendable, Hashable {
    public var account: Account
    public var ownerName: String
    public var lastActivity: Day?
    public var stage: LifecycleStage
    /// The latest score on or before the day; nil before the first run or with no data.
    public var score: Double?
    public var band: String?
    public var lowConfidence: Bool = false
    /// Weekly scores, oldest first, ending on the day (`Book.historyWeeks` of them).
    public var history: [Double?] = []
    /// Alerts not yet resolved (shadow alerts apart), and the worst of their severities.
    public var openAlerts: Int = 0
    public var worstSeverity: Alert.Severity?

    /// From four weeks before the day to the day.
    public var trend: ScoreTrend? {
        guard history.count >= 5 else { return nil }
        return ScoreTrend.between(history[history.count - 5], history[history.count - 1])
    }

    public func daysSinceActivity(asOf: Day) -> Int? { lastActivity.map { $0.days(until: asOf) } }

    /// What to do next at this stage and band (DESIGN §2.5); `bands` are the profile's, worst first.
    public func nextAction(bands: [String]) -> String {
        NextAction.suggest(stage: stage, band: band, bands: bands)
    }
}

/// Which accounts a user sees: a CSM their own, a manager their whole team's (down the
/// reporting chain), a VP every account, an AE the accounts they sell to.
public enum Book {
    public static func user(_ login: String, in db: Database) throws -> User? {
        try User.find(login: login, in: db)
    }

    public static func users(in db: Database) throws -> [User] {
        try User.order(User.Columns.role, User.Columns.login).fetchAll(db)
    }

    /// The logins whose accounts `user` sees as owner: themselves and everyone below them.
    public static func team(of user: User, in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE team(login) AS (
                SELECT ?
                UNION SELECT u.login FROM user u JOIN team t ON u.manager_login = t.login
            )
            SELECT login FROM team
            """, arguments: [user.login])
    }

    /// Weeks of score history a book line carries (the sparkline).
    public static let historyWeeks = 8

    /// The user's book on `asOf`, active accounts only, in attention order (the worst open
    /// alert first, then the worst band, then the most revenue renewing soonest). `bands` ranks band names, worst first.
    public static func entries(for user: User, asOf: Day, bands: [String] = BandSet.redYellowGreen.bands.map(\.name),
                               in db: Database) throws -> [BookEntry] {
        let entries = try lines(where: try scope(of: user, in: db), asOf: asOf, bands: bands, in: db)
        return inAttentionOrder(entries, asOf: asOf, bands: bands)
    }

    /// The first `limit` lines of the book in attention order, and how many lines the whole
    /// book has: what a screen shows at once, without building the other lines. Every account
    /// is ranked by the same key as `entries` (worst open alert, band, stake, id) from a few
    /// columns and its latest band, and only the top ones become lines, so the page is
    /// exactly the start of `entries`.
    public static func firstPage(for user: User, asOf: Day, bands: [String] = BandSet.redYellowGreen.bands.map(\.name),
                                 limit: Int, in db: Database) throws -> (entries: [BookEntry], total: Int) {
        let scope = try scope(of: user, in: db)
        var ids: [String] = [], stakes: [Double] = []
        var rows = try RawRows(db, literal: "SELECT a.id, a.arr_cents, a.renewal_date FROM account a WHERE a.status = 'active' AND \(scope)")
        while try rows.next() {
            guard let id = rows.text(0) else { continue }
            ids.append(id)
            let days = rows.day(2).map { asOf.days(until: $0) } ?? 0
            stakes.append(AttentionOrder.stake(Money(cents: rows.int64(1)), days))
        }
        guard limit > 0, !ids.isEmpty else { return ([], ids.count) }
        let scores = try SnapshotStore.latestScores(of: ids, asOf: asOf, in: db)
        let alerts = try openAlerts(in: db)
        let rank = Dictionary(bands.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var top = TopRanks<(Int, Double, Double, String)>(limit: limit) { $0 < $1 }
        for (i, id) in ids.enumerated() {
            let band = scores[id]?.band.flatMap { rank[$0] }.map(Double.init) ?? 0.5
            top.offer((alertRank(alerts[id]?.1), band, -stakes[i], id))
        }
        let page = top.ranked.map(\.3)
        let entries = try lines(where: "a.id IN \(page)", asOf: asOf, bands: bands, in: db)
        return (inAttentionOrder(entries, asOf: asOf, bands: bands), ids.count)
    }

    /// Which accounts the user's book holds, as a condition on `account a`.
    static func scope(of user: User, in db: Database) throws -> SQL {
        switch user.role {
        case .vp:
            return "1"
        case .ae:
            return "a.ae = \(user.login)"
        case .csm, .manager:
            let logins = try team(of: user, in: db)
            return "a.owner IN \(logins)"
        }
    }

    /// The newest day any account was scored on or before `asOf`: nearly every account's
    /// latest snapshot is from that day (the daily run scores them all).
    static func latestScoreDay(asOf: Day, in db: Database) throws -> Day? {
        try HealthHistory.latestDay(onOrBefore: asOf, in: db)
    }

    /// The book lines of the active accounts matching `condition`, in no particular order.
    /// Columns are read by position (no name lookups per row); the latest scores come from
    /// the history in one pass (`SnapshotStore.latestScores`); the latest NPS is read only
    /// where it can change the stage (advocate).
    static func lines(where condition: SQL, asOf: Day, bands: [String], in db: Database) throws -> [BookEntry] {
        let request: SQLRequest<Row> = """
            SELECT a.id, a.name, a.tier, a.owner, a.ae, a.arr_cents, a.contract_start, a.renewal_date, a.seats, a.timezone,
                   a.email_opt_out, u.name,
                   (SELECT MAX(date) FROM activity WHERE account_id = a.id AND date <= \(asOf.iso)),
                   a.term_months
            FROM account a JOIN user u ON u.login = a.owner
            WHERE a.status = 'active' AND \(condition)
            """
        let latestNPS = try db.cachedStatement(sql: """
            SELECT c.score FROM nps_response c JOIN contact k ON k.id = c.contact_id
            WHERE k.account_id = ? AND c.date <= ? ORDER BY c.date DESC LIMIT 1
            """)
        var entries: [BookEntry] = []
        let rows = try Row.fetchCursor(db, request)
        while let row = try rows.next() {
            let account = Account(id: row[0], name: row[1], tier: try row.decode(atIndex: 2), owner: row[3], ae: row[4],
                                  arr: try row.decode(atIndex: 5), contractStart: try row.decode(atIndex: 6),
                                  renewalDate: try row.decode(atIndex: 7), seats: row[8], timezone: row[9],
                                  emailOptOut: row[10], status: .active, termMonths: row[13])
            entries.append(BookEntry(account: account, ownerName: row[11], lastActivity: (row[12] as StoredDay?)?.day, stage: .growth))
        }
        let scores = try SnapshotStore.latestScores(of: entries.map(\.account.id), asOf: asOf, in: db)
        for i in entries.indices {
            let account = entries[i].account
            if let latest = scores[account.id] {
                (entries[i].score, entries[i].band, entries[i].lowConfidence) = (latest.score, latest.band, latest.lowConfidence)
            }
            let isGreen = entries[i].band.map { $0 == bands.last }
            var stage = LifecycleStage.of(account, asOf: asOf, isGreen: isGreen, latestNPS: nil)
            if stage != LifecycleStage.of(account, asOf: asOf, isGreen: isGreen, latestNPS: 10),
               let nps = try Int.fetchOne(latestNPS, arguments: [account.id, asOf.iso]) {
                stage = LifecycleStage.of(account, asOf: asOf, isGreen: isGreen, latestNPS: Double(nps))
            }
            entries[i].stage = stage
        }
        let days = (0..<historyWeeks).reversed().map { asOf.adding(days: -7 * $0) }
        let history = try SnapshotStore.history(accountIDs: entries.map(\.account.id), days: days, in: db)
        for i in entries.indices {
            entries[i].history = history[entries[i].account.id] ?? [Double?](repeating: nil, count: days.count)
        }
        let alerts = try openAlerts(in: db)
        for i in entries.indices {
            if let (count, worst) = alerts[entries[i].account.id] {
                entries[i].openAlerts = count
                entries[i].worstSeverity = worst
            }
        }
        return entries
    }

    /// Where the worst open alert puts an account: red 0, orange 1, amber 2, info 3, none 4.
    static func alertRank(_ worst: Alert.Severity?) -> Int {
        let all = Alert.Severity.allCases
        return worst.map { all.count - 1 - all.firstIndex(of: $0)! } ?? all.count
    }

    /// Sorted by (worst open alert, band rank, -stake, id), each key computed once: the
    /// worst alert first, then the worst band (no band between the worst and the next),
    /// then the most revenue renewing soonest.
    static func inAttentionOrder(_ entries: [BookEntry], asOf: Day, bands: [String]) -> [BookEntry] {
        let rank = Dictionary(bands.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let keys = entries.map { e -> (Int, Double, Double) in
            let r = e.band.flatMap { rank[$0] }.map(Double.init) ?? 0.5
            return (alertRank(e.worstSeverity), r, -AttentionOrder.stake(e.account.arr, e.account.daysToRenewal(asOf: asOf)))
        }
        let order = entries.indices.sorted { a, b in
            keys[a] != keys[b] ? keys[a] < keys[b] : entries[a].account.id < entries[b].account.id
        }
        return order.map { entries[$0] }
    }

    /// Per account: how many alerts are not yet resolved, and the worst severity among them.
    static func openAlerts(in db: Database) throws -> [String: (Int, Alert.Severity)] {
        var out: [String: (Int, Alert.Severity)] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT account_id, severity FROM alert WHERE state != 'resolved' AND shadow = 0")
        while let row = try rows.next() {
            let id: String = row[0]
            let severity: Alert.Severity = try row.decode(atIndex: 1)
            let (count, worst) = out[id] ?? (0, severity)
            out[id] = (count + 1, max(worst, severity))
        }
        return out
    }
}
