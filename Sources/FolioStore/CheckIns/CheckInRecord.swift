import FolioDomain
import GRDB

// Check-ins as stored in `checkin` (migration v3-checkins-renewals).

extension CheckIn: FetchableRecord {
    public init(row: Row) throws {
        self.init(accountID: row["account_id"], kind: Kind(rawValue: row["kind"]) ?? .onboarding,
                  due: row.day("due") ?? Day(ordinal: 0), opens: row.day("opens") ?? Day(ordinal: 0),
                  closes: row.day("closes") ?? Day(ordinal: 0), state: State(rawValue: row["state"]) ?? .due,
                  activityID: row["activity_id"])
    }
}

extension CheckIn {
    /// The activity types that complete a check-in, for SQL (`type IN …`).
    static let qualifyingTypes = Activity.Kind.allCases.filter(\.countsAsCheckIn).map(\.rawValue)
}
