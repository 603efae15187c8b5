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
        try User.fetchOne(db, sql: "SELECT * FROM user WHERE login = ?", arguments: [login])
    }

    public static func users(in db: Database) throws -> [User] {
        try User.fetchAll(db, sql: "SELECT * FROM user ORDER BY role, login")
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
        var filter: SQL
        switch user.role {
        case .vp:
            filter = "1"
        case .ae:
            filter = "a.ae = \(user.login)"
        case .csm, .manager:
            let logins = try team(of: user, in: db)
            filter = "a.owner IN \(logins)"
        }
        let request: SQLRequest<Row> = """
            SELECT a.*, u.name AS owner_name,
                   (SELECT MAX(date) FROM activity WHERE account_id = a.id AND date <= \(asOf.iso)) AS last_activity,
                   h.score AS score, h.band AS band, h.low_confidence AS low_confidence,
                   (SELECT c.score FROM nps_response c JOIN contact k ON k.id = c.contact_id
                     WHERE k.account_id = a.id AND c.date <= \(asOf.iso) ORDER BY c.date DESC LIMIT 1) AS latest_nps
            FROM account a JOIN user u ON u.login = a.owner
            LEFT JOIN health_snapshot h ON h.account_id = a.id
                 AND h.date = (SELECT MAX(date) FROM health_snapshot WHERE account_id = a.id AND date <= \(asOf.iso))
            WHERE a.status = 'active' AND \(filter)
            """
        var entries = try Row.fetchAll(db, request).map { row in
            let account = try Account(row: row)
            let band: String? = row["band"]
            let isGreen = band.map { $0 == bands.last }
            let nps: Int? = row["latest_nps"]
            return BookEntry(account: account, ownerName: row["owner_name"], lastActivity: row.day("last_activity"),
                             stage: LifecycleStage.of(account, asOf: asOf, isGreen: isGreen, latestNPS: nps.map(Double.init)),
                             score: row["score"], band: band, lowConfidence: row["low_confidence"] ?? false)
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
        let rank = Dictionary(bands.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let severities = Alert.Severity.allCases.count
        func key(_ e: BookEntry) -> (Int, Double, Double, String) {
            let severity = e.worstSeverity.map { severities - 1 - Alert.Severity.allCases.firstIndex(of: $0)! } ?? severities
            let r = e.band.flatMap { rank[$0] }.map(Double.init) ?? 0.5
            return (severity, r, -AttentionOrder.stake(e.account.arr, e.account.daysToRenewal(asOf: asOf)), e.account.id)
        }
        entries.sort { key($0) < key($1) }
        return entries
    }

    /// Per account: how many alerts are not yet resolved, and the worst severity among them.
    static func openAlerts(in db: Database) throws -> [String: (Int, Alert.Severity)] {
        var out: [String: (Int, Alert.Severity)] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT account_id, severity FROM alert WHERE state != 'resolved' AND shadow = 0")
        while let row = try rows.next() {
            let id: String = row[0]
            let severity = Alert.Severity(rawValue: row[1]) ?? .info
            let (count, worst) = out[id] ?? (0, severity)
            out[id] = (count + 1, max(worst, severity))
        }
        return out
    }
}
