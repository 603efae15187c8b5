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
        self.init(accountID: try row.decode(forColumn: Columns.accountID), kind: try row.decode(forColumn: Columns.kind),
                  due: try row.decode(forColumn: Columns.due), opens: try row.decode(forColumn: Columns.opens),
                  closes: try row.decode(forColumn: Columns.closes), state: try row.decode(forColumn: Columns.state),
                  activityID: try row.decode(forColumn: Columns.activityID))
    }
}

extension CheckIn {
    /// The activity types that complete a check-in, for SQL (`type IN …`).
    static let qualifyingTypes = Activity.Kind.allCases.filter(\.countsAsCheckIn).map(\.rawValue)
}
