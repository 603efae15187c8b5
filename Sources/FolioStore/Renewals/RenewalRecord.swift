import FolioDomain
import GRDB

// Renewal opportunities as stored in `renewal_opportunity` (migration v4-checkins-renewals).

extension RenewalOpportunity: FetchableRecord, TableRecord {
    public static let databaseTableName = "renewal_opportunity"

    public enum Columns {
        public static let id = Column("id"), accountID = Column("account_id"), amount = Column("amount_cents")
        public static let closeDate = Column("close_date"), stage = Column("stage"), owner = Column("owner")
        public static let openedOn = Column("opened_on"), closedOn = Column("closed_on"), movedBy = Column("moved_by")
        public static let movedAt = Column("moved_at")
    }

    public init(row: Row) throws {
        self.init(id: try row.decode(forColumn: Columns.id), accountID: try row.decode(forColumn: Columns.accountID),
                  amount: try row.decode(forColumn: Columns.amount), closeDate: try row.decode(forColumn: Columns.closeDate),
                  stage: try row.decode(forColumn: Columns.stage), owner: try row.decode(forColumn: Columns.owner),
                  openedOn: try row.decode(forColumn: Columns.openedOn), closedOn: try row.decode(forColumn: Columns.closedOn),
                  movedBy: try row.decode(forColumn: Columns.movedBy), movedAt: try row.decode(forColumn: Columns.movedAt))
    }

    /// The opportunity of this id.
    static func find(id: Int64, in db: Database) throws -> RenewalOpportunity? {
        try RenewalOpportunity.fetchOne(db.cachedStatement(sql: "SELECT * FROM renewal_opportunity WHERE id = ?"), arguments: [id])
    }
}
