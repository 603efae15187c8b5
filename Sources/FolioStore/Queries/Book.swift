import FolioDomain
import GRDB

/// One line of a user's book: an account and what a CSM reads at a glance.
public struct BookEntry: Sendable, Hashable {
    public var account: Account
    public var ownerName: String
    public var lastActivity: Day?
    public var stage: LifecycleStage

    public func daysSinceActivity(asOf: Day) -> Int? { lastActivity.map { $0.days(until: asOf) } }
}

/// Which accounts a user sees: a CSM their own, a manager their whole team's (down the
/// reporting chain), a VP every account, an AE the accounts they sell to.
public enum Book {
    public static func user(_ login: String, in db: Database) throws -> User? {
        try User.fetchOne(db, sql: "SELECT * FROM user WHERE login = ?", arguments: [login])
    }

    public static func users(in db: Database) throws -> [User] {
        try User.fetchAll(db, sql: "SELECT * FROM user ORDER BY role, login")
    }

    /// The logins whose accounts `user` sees as owner: themselves and everyone below them.
    public static func team(of user: User, in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE team(login) AS (
                SELECT ?
                UNION SELECT u.login FROM user u JOIN team t ON u.manager_login = t.login
            )
            SELECT login FROM team
            """, arguments: [user.login])
    }

    /// The user's book on `asOf`, active accounts only, renewal soonest first.
    public static func entries(for user: User, asOf: Day, in db: Database) throws -> [BookEntry] {
        var filter: SQL
        switch user.role {
        case .vp:
            filter = "1"
        case .ae:
            filter = "a.ae = \(user.login)"
        case .csm, .manager:
            let logins = try team(of: user, in: db)
            filter = "a.owner IN \(logins)"
        }
        let request: SQLRequest<Row> = """
            SELECT a.*, u.name AS owner_name,
                   (SELECT MAX(date) FROM activity WHERE account_id = a.id AND date <= \(asOf.iso)) AS last_activity
            FROM account a JOIN user u ON u.login = a.owner
            WHERE a.status = 'active' AND \(filter)
            ORDER BY a.renewal_date, a.arr_cents DESC, a.id
            """
        return try Row.fetchAll(db, request).map { row in
            let account = try Account(row: row)
            return BookEntry(account: account, ownerName: row["owner_name"], lastActivity: row.day("last_activity"),
                             stage: LifecycleStage.of(account, asOf: asOf))
        }
    }
}
