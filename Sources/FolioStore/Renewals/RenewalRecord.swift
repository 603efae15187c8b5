import FolioDomain
import GRDB

// Renewal opportunities as stored in `renewal_opportunity` (migration v3-checkins-renewals).

extension RenewalOpportunity: FetchableRecord {
    public init(row: Row) throws {
        self.init(id: row["id"], accountID: row["account_id"], amount: Money(cents: row["amount_cents"]),
                  closeDate: row.day("close_date") ?? Day(ordinal: 0), stage: Stage(rawValue: row["stage"]) ?? .ninetyDaysOut,
                  owner: row["owner"], openedOn: row.day("opened_on"), closedOn: row.day("closed_on"),
                  movedBy: row["moved_by"], movedAt: (row["moved_at"] as Int64?).map(Moment.init(seconds:)),
                  crmID: row.hasColumn("crm_id") ? row["crm_id"] : nil)
    }
}

extension RenewalOpportunity {
    static func fetch(id: Int64, in db: Database) throws -> RenewalOpportunity? {
        try RenewalOpportunity.fetchOne(db, sql: "SELECT * FROM renewal_opportunity WHERE id = ?", arguments: [id])
    }
}
