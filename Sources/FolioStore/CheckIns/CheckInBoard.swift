import FolioDomain
import GRDB

/// What `folio checkins` shows a user: the check-ins their scope owes (missed lately, overdue,
/// due, and coming up within the horizon), each with what to talk about, and the coverage
/// rate per CSM and overall.
public struct CheckInBoard: Sendable {
    public struct Line: Sendable, Hashable {
        public var checkIn: CheckIn
        public var standing: CheckInOutcome.Standing
        public var title: String
        public var accountName: String
        public var tier: Account.Tier
        public var owner: String
        public var ownerName: String
        public var stage: LifecycleStage
        /// What to talk about (DESIGN §2.4), for the day of the conversation.
        public var hint: String
    }

    /// Missed first, then overdue, due and upcoming; by due date within each.
    public var lines: [Line]
    public var coverage: CheckInCoverage
    /// Display names by login, for the coverage lines.
    public var names: [String: String]

    public static func load(for user: User, scope: PortfolioScope? = nil, asOf: Day, bands: [String],
                            calendar: CheckInCalendar = .standard, hints: CheckInHints = .standard,
                            policy: CheckInPolicy = .standard, coverageFlag: Double = CheckInCoverage.standardFlag,
                            in db: Database) throws -> CheckInBoard {
        let filter = try (scope ?? .natural(for: user)).accountFilter(for: user, in: db)
        let types = CheckIn.qualifyingTypes
        var names: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT login, name FROM user") { names[row[0]] = row[1] }

        // Each account in scope once: its latest band and NPS (for the stage) and its latest
        // check-in, call, meeting or QBR (for coverage).
        struct Facts {
            var account: Account
            var band: String?
            var nps: Int?
        }
        var facts: [String: Facts] = [:]
        var entries: [CheckInCoverage.Entry] = []
        let accountRequest: SQLRequest<Row> = """
            SELECT a.*,
                   (SELECT n.score FROM nps_response n JOIN contact k ON k.id = n.contact_id
                     WHERE k.account_id = a.id AND n.date <= \(asOf.iso) ORDER BY n.date DESC LIMIT 1) AS latest_nps,
                   (SELECT MAX(date) FROM activity WHERE account_id = a.id AND type IN \(types) AND date <= \(asOf.iso)) AS last_checkin
            FROM account a WHERE a.status = 'active' AND \(filter)
            """
        let rows = try Row.fetchCursor(db, accountRequest)
        while let row = try rows.next() {
            let account = try Account(row: row)
            facts[account.id] = Facts(account: account, band: nil, nps: row["latest_nps"])
            entries.append(CheckInCoverage.Entry(owner: account.owner, tier: account.tier, lastCheckIn: row.day("last_checkin")))
        }
        for (id, latest) in try SnapshotStore.latestScores(of: Array(facts.keys), asOf: asOf, in: db) {
            facts[id]?.band = latest.band
        }

        // The check-ins owed: the run's range, and older ones still open.
        let from = calendar.recheckFrom(asOf: asOf), through = calendar.planThrough(asOf: asOf)
        var lines: [Line] = []
        let checkIns = try CheckIn.fetchCursor(db, sql: """
            SELECT * FROM checkin WHERE due BETWEEN ? AND ? AND state != 'done'
            UNION ALL
            SELECT * FROM checkin INDEXED BY checkin_open WHERE state = 'due' AND due < ?
            """, arguments: [from.iso, through.iso, from.iso])
        while let checkIn = try checkIns.next() {
            guard let f = facts[checkIn.accountID] else { continue }
            let standing = CheckInOutcome.standing(of: checkIn, asOf: asOf)
            // Missed long ago is history, not work.
            if standing == .missed && checkIn.closes < asOf.adding(days: -calendar.lateLoggingDays) { continue }
            let account = f.account
            let day = max(asOf, checkIn.due)
            let stage = LifecycleStage.of(account, asOf: day, isGreen: f.band.map { $0 == bands.last }, latestNPS: f.nps.map(Double.init))
            let action = NextAction.suggest(stage: stage, band: f.band, bands: bands)
            lines.append(Line(checkIn: checkIn, standing: standing, title: checkIn.title(contractStart: account.contractStart),
                              accountName: account.name, tier: account.tier, owner: account.owner,
                              ownerName: names[account.owner] ?? account.owner, stage: stage,
                              hint: hints.hint(for: account, on: day, stageAction: action)))
        }
        let order: [CheckInOutcome.Standing: Int] = [.missed: 0, .overdue: 1, .due: 2, .upcoming: 3, .done: 4]
        lines.sort { (order[$0.standing]!, $0.checkIn.due, $0.checkIn.accountID) < (order[$1.standing]!, $1.checkIn.due, $1.checkIn.accountID) }
        return CheckInBoard(lines: lines, coverage: CheckInCoverage(entries, asOf: asOf, policy: policy, flag: coverageFlag), names: names)
    }
}
