import FolioDomain
import GRDB
import GRDBSQLite

// GRDB conformances live here, in the store, so the domain stays free of SQLite.
// Columns are named as in the migrations; days are stored as YYYY-MM-DD text.

extension Row {
    /// A stored day; a malformed value (impossible through Folio's own writes) reads as nil.
    func day(_ column: String) -> Day? {
        (self[column] as StoredDay?)?.day
    }
}

extension User: FetchableRecord {
    public init(row: Row) throws {
        self.init(login: row["login"], name: row["name"], email: row["email"],
                  role: Role(rawValue: row["role"]) ?? .csm, managerLogin: row["manager_login"])
    }
}

extension Account: FetchableRecord {
    public init(row: Row) throws {
        self.init(id: row["id"], name: row["name"], tier: Tier(rawValue: row["tier"]) ?? .smb,
                  owner: row["owner"], ae: row["ae"], arr: Money(cents: row["arr_cents"]),
                  contractStart: row.day("contract_start") ?? Day(ordinal: 0),
                  renewalDate: row.day("renewal_date") ?? Day(ordinal: 0),
                  seats: row["seats"], timezone: row["timezone"], emailOptOut: row["email_opt_out"],
                  status: Status(rawValue: row["status"]) ?? .active, termMonths: row["term_months"] ?? 12)
    }
}

extension Contact: FetchableRecord {
    public init(row: Row) throws {
        let roles = (row["roles"] as String? ?? "").split(separator: ";").compactMap { Role(rawValue: String($0)) }
        self.init(id: row["id"], accountID: row["account_id"], name: row["name"], email: row["email"],
                  roles: Set(roles), leftCompany: row["left_company"], optOut: row["opt_out"])
    }
}

extension UsageWeek: FetchableRecord {
    public init(row: Row) throws {
        self.init(accountID: row["account_id"], week: row.day("week") ?? Day(ordinal: 0),
                  activeUsers: row["active_users"], logins: row["logins"], keyActions: row["key_actions"],
                  featuresUsed: row["features_used"], featuresAvailable: row["features_available"])
    }
}

extension SupportCase: FetchableRecord {
    public init(row: Row) throws {
        self.init(id: row["id"], accountID: row["account_id"], priority: Priority(rawValue: row["priority"]) ?? .low,
                  opened: row.day("opened") ?? Day(ordinal: 0), closed: row.day("closed"))
    }
}

extension NPSResponse: FetchableRecord {
    public init(row: Row) throws {
        self.init(contactID: row["contact_id"], date: row.day("date") ?? Day(ordinal: 0),
                  score: row["score"], comment: row["comment"])
    }
}

extension PaymentStatus: FetchableRecord {
    public init(row: Row) throws {
        self.init(accountID: row["account_id"], asOf: row.day("as_of") ?? Day(ordinal: 0), daysOverdue: row["days_overdue"])
    }
}

extension Activity: FetchableRecord {
    public init(row: Row) throws {
        self.init(id: row["id"], accountID: row["account_id"], kind: Kind(rawValue: row["type"]) ?? .note,
                  direction: Direction(rawValue: row["direction"]) ?? .outbound, date: row.day("date") ?? Day(ordinal: 0),
                  author: row["author"], summary: row["summary"])
    }
}

/// A stored `YYYY-MM-DD` column read straight from SQLite's bytes: the daily run reads
/// millions of them, and going through `String` first costs an allocation and a copy each.
struct StoredDay: DatabaseValueConvertible, StatementColumnConvertible {
    let day: Day?

    init(sqliteStatement: SQLiteStatement, index: CInt) {
        guard let text = sqlite3_column_text(sqliteStatement, index) else { day = nil; return }
        let count = Int(sqlite3_column_bytes(sqliteStatement, index))
        day = Day(isoBytes: UnsafeRawBufferPointer(start: text, count: count))
    }

    init(day: Day?) { self.day = day }

    var databaseValue: DatabaseValue { day?.iso.databaseValue ?? .null }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDay? {
        guard let text = String.fromDatabaseValue(dbValue) else { return nil }
        return StoredDay(day: Day(iso: text))
    }
}
