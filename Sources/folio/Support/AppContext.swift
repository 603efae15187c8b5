import GRDB
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

/// What a command runs against: the open database, the day, and who is looking.
struct AppContext {
    let database: FolioDatabase
    let asOf: Day
    /// Who is at the keyboard: a user, or a guest of the demo who looks and changes nothing (`Access`).
    let identity: Identity
    /// The health profile scores and bands are read with.
    var profile: HealthProfile = .standard

    /// The profile's bands, worst first.
    var bands: [String] { profile.bands.bands.map(\.name) }
    /// How plain output is drawn: the locale's glyphs, and the terminal's width (none when piped).
    var glyphs: Glyphs { Glyphs.forEnvironment(ProcessInfo.processInfo.environment) }
    var width: Int? { TerminalWidth.current() }

    /// Whose view the lists show: the user, or for a guest of the demo its manager.
    var user: User { identity.viewer }

    /// Why this demo database opened as its default user: the login given is not one of its
    /// people ("intruder is not one of its people"), or no login was given at all.
    var demoFallbackReason: String? {
        guard case .guest(let who, _) = identity else { return nil }
        return who.login.map { "\($0) is not one of its people" } ?? "no login given (--user, FOLIO_USER or $USER)"
    }

    /// The user a change is made and audited as: unlike reading, writing never falls back to
    /// the demo's default user; anyone else is told how to become a user (exit 2).
    func actingUser() throws -> User {
        do { return try identity.actingUser() } catch { throw UsageFailure(error.description) }
    }

    /// The moment a person's action happens: now, on the as-of day (a demo or an explicit
    /// --as-of keeps its day, with the wall clock's time of day), in seconds since 1970 UTC.
    var now: Int64 { Self.moment(on: asOf, wall: Int64(Date().timeIntervalSince1970)) }

    /// The wall clock's time of day on `day`.
    static func moment(on day: Day, wall: Int64) -> Int64 { Int64(day.ordinal) * 86_400 + wall % 86_400 }

    /// The wall clock, in seconds: when a person's change happened (audit, "moved at").
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    /// The opening commands share: `prepare` loads what the command reads besides the database
    /// (a bad file is refused before the database is opened), the database is opened as the
    /// user given, and Folio's failures are reported with their exit codes.
    static func run<Prepared>(_ global: GlobalOptions, profile: ProfileOption? = nil, readonly: Bool = false,
                              buildDemoIfMissing: Bool = false, prepare: () throws -> Prepared,
                              _ body: (AppContext, Prepared) throws -> Void) throws {
        try reportingFailures {
            let loaded = try profile?.load() ?? .standard
            let prepared = try prepare()
            var context = try open(global, buildDemoIfMissing: buildDemoIfMissing, profile: loaded, readonly: readonly)
            context.profile = loaded
            try body(context, prepared)
        }
    }

    static func run(_ global: GlobalOptions, profile: ProfileOption? = nil, readonly: Bool = false, buildDemoIfMissing: Bool = false,
                    _ body: (AppContext) throws -> Void) throws {
        try run(global, profile: profile, readonly: readonly, buildDemoIfMissing: buildDemoIfMissing, prepare: {}) { context, _ in
            try body(context)
        }
    }

    /// The account a person names: its id, its exact name or the start of it (exit 2 when
    /// none or several match).
    func account(_ reference: String) throws -> Account {
        switch try database.read({ db in try AccountExplanation.findAccount(reference, in: db) }) {
        case .failure(let failure): throw UsageFailure(failure.description)
        case .success(let account): return account
        }
    }

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
            let identity = try identify(global.login, in: db)
            if case .guest(let who, let showing) = identity, let login = who.login, !quietDemoFallback {
                complain("folio: \(login) is not a user of this demo; showing it as \(showing.name) (\(showing.login), \(showing.role.rawValue)); pick another with --user")
            }
            return AppContext(database: database, asOf: asOf, identity: identity)
        }
    }

    /// --as-of or FOLIO_AS_OF; else the demo's own day on a demo database; else today.
    static func asOf(_ global: GlobalOptions, in db: GRDB.Database) throws -> Day {
        if let day = try global.explicitAsOf() { return day }
        if let demo = try Settings.value(Settings.demoAsOf, in: db).flatMap({ Day(iso: $0) }) { return demo }
        return Clock.today()
    }

    /// The user of that login; on a demo database, a guest shown its default user's view.
    private static func identify(_ login: String?, in db: GRDB.Database) throws -> Identity {
        let user = try login.flatMap { try Book.user($0, in: db) }
        if let user { return .user(user) }
        let standIn = try Settings.value(DemoPortfolio.defaultUserSetting, in: db).flatMap { try Book.user($0, in: db) }
        switch Identity.resolve(login: login, user: nil, standIn: standIn, logins: try Book.users(in: db).map(\.login)) {
        case .success(let identity): return identity
        case .failure(let refusal): throw UsageFailure(refusal.description)
        }
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
