import FolioDomain
import GRDB

// Renewal opportunities as stored in `renewal_opportunity` (migration v4-checkins-renewals).

extension RenewalOpportunity: FetchableRecord, TableRecord {
    public static let databaseTableName = "renewal_opportunity"

    public enum Columns {
        public static let id = Column("id"), accountID = Column("account_id"), amount = Column("amount_cents")
        public static let closeDate = Column("close_date"), stage = Column("stage"), owner = Column("owner")
        public static let openedOn = Column("opened_on"), closedOn = Column("closed_on"), movedBy = Column("moved_by")
        public static let movedAt = Column("moved_at"), crmID = Column("crm_id")
    }

    public init(row: Row) throws {
        let r = RecordRow(row, table: "renewal_opportunity", key: "\(row["id"] ?? "")")
        self.init(id: try r.optional(Columns.id), accountID: try r.value(Columns.accountID),
                  amount: try r.value(Columns.amount), closeDate: try r.value(Columns.closeDate),
                  stage: try r.value(Columns.stage), owner: try r.value(Columns.owner),
                  openedOn: try r.optional(Columns.openedOn), closedOn: try r.optional(Columns.closedOn),
                  movedBy: try r.optional(Columns.movedBy), movedAt: try r.optional(Columns.movedAt),
                  crmID: try r.optional(Columns.crmID))
    }

    /// The opportunity of this id.
    static func find(id: Int64, in db: Database) throws -> RenewalOpportunity? {
        try RenewalOpportunity.fetchOne(db.cachedStatement(sql: "SELECT * FROM renewal_opportunity WHERE id = ?"), arguments: [id])
    }
}
