import FolioDomain
import GRDB

/// What `folio renewals` shows a user: the pipeline of their scope by quarter and stage (from
/// three quarters back, plus anything still open from before), and the open opportunities,
/// soonest first, with the account's band and the next action.
public struct RenewalBoard: Sendable {
    public struct Line: Sendable, Hashable {
        public var opportunity: RenewalOpportunity
        public var accountName: String
        public var ownerName: String
        /// The account's latest score and band on or before the day.
        public var score: Double?
        public var band: String?
        public var daysToClose: Int
        public var nextAction: String
    }

    /// The first day of the period the pipeline and the renewal rate cover.
    public var from: Day
    public var pipeline: RenewalPipeline
    /// Open opportunities, soonest close first.
    public var open: [Line]

    /// `bands` are the profile's band names, worst first.
    public static func load(for user: User, scope: PortfolioScope? = nil, asOf: Day, bands: [String],
                            pastQuarters: Int = 3, in db: Database) throws -> RenewalBoard {
        let from = RenewalPipeline.firstDay(asOf: asOf, pastQuarters: pastQuarters)
        let filter = try (scope ?? .natural(for: user)).accountFilter(for: user, in: db)
        let request: SQLRequest<Row> = """
            SELECT o.*, a.name AS account_name, COALESCE(u.name, o.owner) AS owner_name
            FROM renewal_opportunity o
            JOIN account a ON a.id = o.account_id
            LEFT JOIN user u ON u.login = o.owner
            WHERE \(filter) AND (o.close_date >= \(from.iso) OR o.closed_on IS NULL) AND o.opened_on <= \(asOf.iso)
            ORDER BY o.close_date, o.id
            """
        var all: [RenewalOpportunity] = []
        var open: [Line] = []
        let rows = try Row.fetchAll(db, request)
        let openIDs = try rows.compactMap { row in try RenewalOpportunity(row: row).isOpen ? row["account_id"] as String : nil }
        let scores = try SnapshotStore.latestScores(of: openIDs, asOf: asOf, in: db)
        for row in rows {
            let o = try RenewalOpportunity(row: row)
            all.append(o)
            guard o.isOpen else { continue }
            let band = scores[o.accountID]?.band
            open.append(Line(opportunity: o, accountName: row["account_name"], ownerName: row["owner_name"], score: scores[o.accountID]?.score,
                             band: band, daysToClose: asOf.days(until: o.closeDate),
                             nextAction: o.stage == .atRisk ? NextAction.outreach : NextAction.suggest(stage: .renewal, band: band, bands: bands)))
        }
        return RenewalBoard(from: from, pipeline: RenewalPipeline(all), open: open)
    }
}
