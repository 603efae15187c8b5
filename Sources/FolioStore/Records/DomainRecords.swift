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
        let r = RecordRow(row, table: "user", key: "\(row["login"] ?? "")")
        self.init(login: try r.value(Columns.login), name: try r.value(Columns.name),
                  email: try r.value(Columns.email), role: try r.value(Columns.role),
                  managerLogin: try r.optional(Columns.managerLogin))
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
        let r = RecordRow(row, table: "account", key: "\(row["id"] ?? "")")
        self.init(id: try r.value(Columns.id), name: try r.value(Columns.name),
                  tier: try r.value(Columns.tier), owner: try r.value(Columns.owner),
                  ae: try r.optional(Columns.ae), arr: try r.value(Columns.arr),
                  contractStart: try r.value(Columns.contractStart),
                  renewalDate: try r.value(Columns.renewalDate),
                  seats: try r.optional(Columns.seats), timezone: try r.optional(Columns.timezone),
                  emailOptOut: try r.value(Columns.emailOptOut), status: try r.value(Columns.status),
                  termMonths: try r.value(Columns.termMonths))
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
        let r = RecordRow(row, table: "contact", key: "\(row["id"] ?? "")")
        let stored: String = try r.value(Columns.roles)
        let roles = try stored.split(separator: ";").map { name in
            guard let role = Role(rawValue: String(name)) else {
                throw UnreadableValue(table: "contact", key: r.key, column: "roles", value: stored,
                                      expected: "roles among \(Role.allCases.map(\.rawValue).joined(separator: ", ")), separated by ;")
            }
            return role
        }
        self.init(id: try r.value(Columns.id), accountID: try r.value(Columns.accountID),
                  name: try r.value(Columns.name), email: try r.value(Columns.email),
                  roles: Set(roles), leftCompany: try r.value(Columns.leftCompany),
                  optOut: try r.value(Columns.optOut))
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
        let r = RecordRow(row, table: "usage", key: "\(row["account_id"] ?? "") \(row["week"] ?? "")")
        self.init(accountID: try r.value(Columns.accountID), week: try r.value(Columns.week),
                  activeUsers: try r.value(Columns.activeUsers), logins: try r.optional(Columns.logins),
                  keyActions: try r.value(Columns.keyActions), featuresUsed: try r.optional(Columns.featuresUsed),
                  featuresAvailable: try r.optional(Columns.featuresAvailable))
    }
}

extension SupportCase: FetchableRecord, TableRecord {
    public static let databaseTableName = "support_case"

    public enum Columns {
        public static let id = Column("id"), accountID = Column("account_id"), priority = Column("priority")
        public static let opened = Column("opened"), closed = Column("closed")
    }

    public init(row: Row) throws {
        let r = RecordRow(row, table: "support_case", key: "\(row["id"] ?? "")")
        self.init(id: try r.value(Columns.id), accountID: try r.value(Columns.accountID),
                  priority: try r.value(Columns.priority), opened: try r.value(Columns.opened),
                  closed: try r.optional(Columns.closed))
    }
}

extension NPSResponse: FetchableRecord, TableRecord {
    public static let databaseTableName = "nps_response"

    public enum Columns {
        public static let contactID = Column("contact_id"), date = Column("date"), score = Column("score"), comment = Column("comment")
    }

    public init(row: Row) throws {
        let r = RecordRow(row, table: "nps_response", key: "\(row["contact_id"] ?? "") \(row["date"] ?? "")")
        self.init(contactID: try r.value(Columns.contactID), date: try r.value(Columns.date),
                  score: try r.value(Columns.score), comment: try r.optional(Columns.comment))
    }
}

extension PaymentStatus: FetchableRecord, TableRecord {
    public static let databaseTableName = "payment_status"

    public enum Columns {
        public static let accountID = Column("account_id"), asOf = Column("as_of"), daysOverdue = Column("days_overdue")
    }

    public init(row: Row) throws {
        let r = RecordRow(row, table: "payment_status", key: "\(row["account_id"] ?? "") \(row["as_of"] ?? "")")
        self.init(accountID: try r.value(Columns.accountID), asOf: try r.value(Columns.asOf),
                  daysOverdue: try r.value(Columns.daysOverdue))
    }
}

extension Activity: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "activity"

    public enum Columns {
        public static let id = Column("id"), accountID = Column("account_id"), kind = Column("type"), direction = Column("direction")
        public static let date = Column("date"), author = Column("author"), summary = Column("summary")
    }

    public init(row: Row) throws {
        let r = RecordRow(row, table: "activity", key: "\(row["id"] ?? "")")
        self.init(id: try r.value(Columns.id), accountID: try r.value(Columns.accountID),
                  kind: try r.value(Columns.kind), direction: try r.value(Columns.direction),
                  date: try r.value(Columns.date), author: try r.value(Columns.author),
                  summary: try r.value(Columns.summary))
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
