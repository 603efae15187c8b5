import GRDB
import FolioDomain
import FolioStore
import Foundation

/// What a command runs against: the open database, the day, and who is looking.
struct AppContext {
    let database: FolioDatabase
    let asOf: Day
    let user: User
    /// The login given when it is not a user of this demo database, which then opened as its default user.
    var demoFallbackFrom: String? = nil

    /// The moment a person's action happens: now, on the as-of day (a demo or an explicit
    /// --as-of keeps its day, with the wall clock's time of day), in seconds since 1970 UTC.
    var now: Int64 { Self.moment(on: asOf, wall: Int64(Date().timeIntervalSince1970)) }

    /// The wall clock's time of day on `day`.
    static func moment(on day: Day, wall: Int64) -> Int64 { Int64(day.ordinal) * 86_400 + wall % 86_400 }

    /// Opens the database; when there is none yet and `buildDemoIfMissing`, builds the demo
    /// portfolio there first and says so on stderr.
    static func open(_ global: GlobalOptions, buildDemoIfMissing: Bool = false, profile: HealthProfile = .standard,
                     readonly: Bool = false, quietDemoFallback: Bool = false) throws -> AppContext {
        let path = global.databasePath
        if buildDemoIfMissing && !FileManager.default.fileExists(atPath: path) {
            complain("folio: no database at \(path) yet; building the demo portfolio there (folio demo)…")
            let summary = try SampleDataLocator.current.withFolder { sampleData in
                try DemoPortfolio.build(at: path, from: sampleData, force: false, actor: global.login ?? "folio",
                                        at: Int64(Date().timeIntervalSince1970), profile: profile)
            }
            complain("folio: demo ready: \(summary.rows) rows imported")
        }
        let database = try FolioDatabase(path: path, readonly: readonly)
        return try database.read { db in
            let asOf = try Self.asOf(global, in: db)
            let (user, fallback) = try resolveUser(global.login, quiet: quietDemoFallback, in: db)
            return AppContext(database: database, asOf: asOf, user: user, demoFallbackFrom: fallback)
        }
    }

    /// --as-of or FOLIO_AS_OF; else the demo's own day on a demo database; else today.
    static func asOf(_ global: GlobalOptions, in db: GRDB.Database) throws -> Day {
        if let day = try global.explicitAsOf() { return day }
        if let demo = try Settings.value(Settings.demoAsOf, in: db).flatMap({ Day(iso: $0) }) { return demo }
        return Clock.today()
    }

    /// The user, and the login given when the demo's default user stands in for it.
    private static func resolveUser(_ login: String?, quiet: Bool, in db: GRDB.Database) throws -> (User, String?) {
        if let login, let user = try Book.user(login, in: db) { return (user, nil) }
        if let fallback = try Settings.value(DemoPortfolio.defaultUserSetting, in: db), let user = try Book.user(fallback, in: db) {
            if login != nil && login != fallback && !quiet {
                complain("folio: \(login!) is not a user of this demo; showing it as \(user.name) (\(user.login), \(user.role.rawValue)); pick another with --user")
            }
            return (user, login ?? "you")
        }
        let logins = try Book.users(in: db).map(\.login)
        if logins.isEmpty {
            throw UsageFailure("the database has no users yet; import users.csv first (folio import)")
        }
        let who = login.map { "\"\($0)\" is not a user of this database" } ?? "no user given"
        throw UsageFailure("\(who); use --user or FOLIO_USER with one of: \(logins.prefix(12).joined(separator: ", "))\(logins.count > 12 ? ", …" : ""); "
                           + "to add \(login ?? "someone"), put a line like \"\(login ?? "login"),Their Name,them@example.com,csm,\(logins.last ?? "manager")\" "
                           + "in a users.csv (login,name,email,role,manager) and run folio import users.csv")
    }
}

/// The one place below which nothing reads the wall clock.
enum Clock {
    static func today() -> Day {
        let seconds = Int(Date().timeIntervalSince1970)
        let offset = TimeZone.current.secondsFromGMT()
        return Day(ordinal: Int(floor(Double(seconds + offset) / 86_400)))
    }
}
