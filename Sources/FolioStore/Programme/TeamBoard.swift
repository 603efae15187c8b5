import FolioDomain
import GRDB

/// A manager's (or a VP's) team at a glance: one row per CSM with their book's size, ARR
/// and Red accounts, their open and overdue alerts, how fast they acknowledge health drops
/// (`ResponseSpeed`, as `folio report team`) and their check-in coverage (`CheckInBoard`, as
/// `folio checkins`); and the escalations, the alerts routed to the manager, overdue first.
public struct TeamBoard: Sendable {
    public struct Line: Sendable, Hashable {
        public var login: String
        public var name: String
        public var accounts: Int
        public var arr: Money
        /// Accounts whose latest score is in the worst band.
        public var red: Int
        public var openAlerts: Int
        /// Open (unacknowledged) past their SLA.
        public var overdueAlerts: Int
        /// Median hours to the first response to a health drop over `period`; nil with none.
        public var medianAckHours: Double?
        public var coverage: CheckInCoverage.Rate?
    }

    /// By login.
    public var rows: [Line]
    /// Alerts routed to the user, not resolved: overdue first, then the nearest deadline.
    public var escalations: [AlertListing]
    /// The period the acknowledgement times cover (the 90 days up to the day).
    public var period: ReportPeriod
    /// The moment "overdue" is judged at.
    public var now: Int64

    public static func load(for user: User, asOf: Day, now: Int64, bands: [String], policy: CheckInPolicy = .standard,
                            in db: Database) throws -> TeamBoard {
        let scope = PortfolioScope.natural(for: user)
        let filter = try scope.accountFilter(for: user, in: db)
        let worst = bands.first ?? "Red"
        var names: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT login, name FROM user") { names[row[0]] = row[1] }

        var byLogin: [String: TeamBoard.Line] = [:]
        func row(_ login: String) -> TeamBoard.Line {
            byLogin[login] ?? TeamBoard.Line(login: login, name: names[login] ?? login, accounts: 0, arr: .zero, red: 0, openAlerts: 0,
                                            overdueAlerts: 0, medianAckHours: nil, coverage: nil)
        }
        let books: SQLRequest<Row> = "SELECT a.owner, a.id, a.arr_cents FROM account a WHERE a.status = 'active' AND \(filter)"
        let accounts = try Row.fetchAll(db, books)
        let scores = try SnapshotStore.latestScores(of: accounts.map { $0[1] }, asOf: asOf, in: db)
        for account in accounts {
            var r = row(account[0])
            r.accounts += 1
            r.arr = r.arr + Money(cents: account[2])
            if scores[account[1]]?.band == worst { r.red += 1 }
            byLogin[r.login] = r
        }
        // The CSMs of the team with no account yet still get a line.
        if user.role == .manager {
            for login in try Book.team(of: user, in: db) where login != user.login && byLogin[login] == nil {
                if try Book.user(login, in: db)?.role == .csm { byLogin[login] = row(login) }
            }
        }

        let alerts = try AlertDesk.list(for: user, scope: scope, in: db)
        for listing in alerts where byLogin[listing.owner] != nil {
            var r = row(listing.owner)
            r.openAlerts += 1
            if listing.alert.isOverdue(at: now) { r.overdueAlerts += 1 }
            byLogin[r.login] = r
        }

        let period = ReportPeriod.standard(asOf: asOf)
        let history = try ProgrammeData.healthAlerts(for: user, period: period, in: db)
        for times in ResponseSpeed(history, period: period, asOf: asOf).byOwner {
            guard let owner = times.owner, byLogin[owner] != nil else { continue }
            byLogin[owner]?.medianAckHours = times.medianHours
        }
        let coverage = try CheckInBoard.load(for: user, asOf: asOf, bands: bands, policy: policy, in: db).coverage
        for owner in coverage.byOwner where byLogin[owner.owner] != nil {
            byLogin[owner.owner]?.coverage = owner.rate
        }

        let escalations = alerts.filter { $0.alert.recipients.contains(user.login) }
            .sorted { a, b in
                let (x, y) = (a.alert.isOverdue(at: now), b.alert.isOverdue(at: now))
                if x != y { return x }
                return (a.alert.dueBy, a.alert.id ?? 0) < (b.alert.dueBy, b.alert.id ?? 0)
            }
        return TeamBoard(rows: byLogin.values.sorted { $0.login < $1.login }, escalations: escalations, period: period, now: now)
    }
}
