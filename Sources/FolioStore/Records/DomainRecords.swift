import FolioDomain
import GRDB
import GRDBSQLite

// GRDB conformances of the imported records live here, in the store, so the domain stays free
// of SQLite. Columns are named as in the migrations (`Columns`); decoding throws on a value
// Folio does not write (`StoredValues.swift`).

extension Row {
    /// A stored day read leniently: a malformed value reads as nil. For the bulk reads that
    /// skip what they cannot use; records decode days with `decode`, which throws.
    func day(_ column: String) -> Day? {
        (self[column] as StoredDay?)?.day
    }
}

extension User: FetchableRecord, TableRecord {
    public static let databaseTableName = "user"

    public enum Columns {
        public static let login = Column("login"), name = Column("name"), email = Column("email"), role = Column("role")
        public static let managerLogin = Column("manager_login")
    }

    public init(row: Row) throws {
        self.init(login: try row.decode(forColumn: Columns.login), name: try row.decode(forColumn: Columns.name),
                  email: try row.decode(forColumn: Columns.email), role: try row.decode(forColumn: Columns.role),
                  managerLogin: try row.decode(forColumn: Columns.managerLogin))
    }

    /// The user of exactly this login. (Lookups run in the daily run's loops: a cached
    /// statement, not a request compiled on every call.)
    static func find(login: String, in db: Database) throws -> User? {
        try User.fetchOne(db.cachedStatement(sql: "SELECT * FROM user WHERE login = ?"), arguments: [login])
    }
}

extension Account: FetchableRecord, TableRecord {
    public static let databaseTableName = "account"

    public enum Columns {
        public static let id = Column("id"), name = Column("name"), tier = Column("tier"), owner = Column("owner"), ae = Column("ae")
        public static let arr = Column("arr_cents"), contractStart = Column("contract_start"), renewalDate = Column("renewal_date")
        public static let seats = Column("seats"), timezone = Column("timezone"), emailOptOut = Column("email_opt_out")
        public static let status = Column("status"), termMonths = Column("term_months")
    }

    public init(row: Row) throws {
        self.init(id: try row.decode(forColumn: Columns.id), name: try row.decode(forColumn: Columns.name),
                  tier: try row.decode(forColumn: Columns.tier), owner: try row.decode(forColumn: Columns.owner),
                  ae: try row.decode(forColumn: Columns.ae), arr: try row.decode(forColumn: Columns.arr),
                  contractStart: try row.decode(forColumn: Columns.contractStart),
                  renewalDate: try row.decode(forColumn: Columns.renewalDate),
                  seats: try row.decode(forColumn: Columns.seats), timezone: try row.decode(forColumn: Columns.timezone),
                  emailOptOut: try row.decode(forColumn: Columns.emailOptOut), status: try row.decode(forColumn: Columns.status),
                  termMonths: try row.decode(forColumn: Columns.termMonths))
    }

    /// The account of this CRM id.
    public static func find(id: String, in db: Database) throws -> Account? {
        try Account.fetchOne(db.cachedStatement(sql: "SELECT * FROM account WHERE id = ?"), arguments: [id])
    }
}

extension Contact: FetchableRecord, TableRecord {
    public static let databaseTableName = "contact"

    public enum Columns {
        public static let id = Column("id"), accountID = Column("account_id"), name = Column("name"), email = Column("email")
        public static let roles = Column("roles"), leftCompany = Column("left_company"), optOut = Column("opt_out")
    }

    public init(row: Row) throws {
        let stored: String = try row.decode(forColumn: Columns.roles)
        let roles = try stored.split(separator: ";").map { name in
            guard let role = Role(rawValue: String(name)) else { throw BadStoredValue(table: "contact", column: "roles", value: stored) }
            return role
        }
        self.init(id: try row.decode(forColumn: Columns.id), accountID: try row.decode(forColumn: Columns.accountID),
                  name: try row.decode(forColumn: Columns.name), email: try row.decode(forColumn: Columns.email),
                  roles: Set(roles), leftCompany: try row.decode(forColumn: Columns.leftCompany),
                  optOut: try row.decode(forColumn: Columns.optOut))
    }

    static func find(id: String, in db: Database) throws -> Contact? {
        try Contact.fetchOne(db.cachedStatement(sql: "SELECT * FROM contact WHERE id = ?"), arguments: [id])
    }
}

extension UsageWeek: FetchableRecord, TableRecord {
    public static let databaseTableName = "usage"

    public enum Columns {
        public static let accountID = Column("account_id"), week = Column("week"), activeUsers = Column("active_users")
        public static let logins = Column("logins"), keyActions = Column("key_actions"), featuresUsed = Column("features_used")
        public static let featuresAvailable = Column("features_available")
    }

    public init(row: Row) throws {
        self.init(accountID: try row.decode(forColumn: Columns.accountID), week: try row.decode(forColumn: Columns.week),
                  activeUsers: try row.decode(forColumn: Columns.activeUsers), logins: try row.decode(forColumn: Columns.logins),
                  keyActions: try row.decode(forColumn: Columns.keyActions), featuresUsed: try row.decode(forColumn: Columns.featuresUsed),
                  featuresAvailable: try row.decode(forColumn: Columns.featuresAvailable))
    }
}

extension SupportCase: FetchableRecord, TableRecord {
    public static let databaseTableName = "support_case"

    public enum Columns {
        public static let id = Column("id"), accountID = Column("account_id"), priority = Column("priority")
        public static let opened = Column("opened"), closed = Column("closed")
    }

    public init(row: Row) throws {
        self.init(id: try row.decode(forColumn: Columns.id), accountID: try row.decode(forColumn: Columns.accountID),
                  priority: try row.decode(forColumn: Columns.priority), opened: try row.decode(forColumn: Columns.opened),
                  closed: try row.decode(forColumn: Columns.closed))
    }
}

extension NPSResponse: FetchableRecord, TableRecord {
    public static let databaseTableName = "nps_response"

    public enum Columns {
        public static let contactID = Column("contact_id"), date = Column("date"), score = Column("score"), comment = Column("comment")
    }

    public init(row: Row) throws {
        self.init(contactID: try row.decode(forColumn: Columns.contactID), date: try row.decode(forColumn: Columns.date),
                  score: try row.decode(forColumn: Columns.score), comment: try row.decode(forColumn: Columns.comment))
    }
}

extension PaymentStatus: FetchableRecord, TableRecord {
    public static let databaseTableName = "payment_status"

    public enum Columns {
        public static let accountID = Column("account_id"), asOf = Column("as_of"), daysOverdue = Column("days_overdue")
    }

    public init(row: Row) throws {
        self.init(accountID: try row.decode(forColumn: Columns.accountID), asOf: try row.decode(forColumn: Columns.asOf),
                  daysOverdue: try row.decode(forColumn: Columns.daysOverdue))
    }
}

extension Activity: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "activity"

    public enum Columns {
        public static let id = Column("id"), accountID = Column("account_id"), kind = Column("type"), direction = Column("direction")
        public static let date = Column("date"), author = Column("author"), summary = Column("summary")
    }

    public init(row: Row) throws {
        self.init(id: try row.decode(forColumn: Columns.id), accountID: try row.decode(forColumn: Columns.accountID),
                  kind: try row.decode(forColumn: Columns.kind), direction: try row.decode(forColumn: Columns.direction),
                  date: try row.decode(forColumn: Columns.date), author: try row.decode(forColumn: Columns.author),
                  summary: try row.decode(forColumn: Columns.summary))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container[Columns.id] = id
        container[Columns.accountID] = accountID
        container[Columns.kind] = kind
        container[Columns.direction] = direction
        container[Columns.date] = date
        container[Columns.author] = author
        container[Columns.summary] = summary
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
