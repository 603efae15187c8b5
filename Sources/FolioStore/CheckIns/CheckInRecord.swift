import FolioDomain
import GRDB

// Check-ins as stored in `checkin` (migration v4-checkins-renewals).

extension CheckIn: FetchableRecord, TableRecord {
    public static let databaseTableName = "checkin"

    public enum Columns {
        public static let accountID = Column("account_id"), kind = Column("kind"), due = Column("due"), opens = Column("opens")
        public static let closes = Column("closes"), state = Column("state"), activityID = Column("activity_id")
    }

    public init(row: Row) throws {
        let r = RecordRow(row, table: "checkin", key: "\(row["account_id"] ?? "") \(row["kind"] ?? "") \(row["due"] ?? "")")
        self.init(accountID: try r.value(Columns.accountID), kind: try r.value(Columns.kind),
                  due: try r.value(Columns.due), opens: try r.value(Columns.opens),
                  closes: try r.value(Columns.closes), state: try r.value(Columns.state),
                  activityID: try r.optional(Columns.activityID))
    }
}

extension CheckIn {
    /// The activity types that complete a check-in, for SQL (`type IN …`).
    static let qualifyingTypes = Activity.Kind.allCases.filter(\.countsAsCheckIn).map(\.rawValue)
}
