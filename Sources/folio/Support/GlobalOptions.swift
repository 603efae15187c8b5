import ArgumentParser
import FolioDomain
import Foundation

/// Options every command takes (DESIGN §3): which database, which day, who is looking.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (env FOLIO_DB; default $XDG_DATA_HOME/folio/folio.db).", valueName: "path"),
            completion: .file())
    var db: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to act as of, YYYY-MM-DD (env FOLIO_AS_OF; default today, or the demo's day).", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("Who is looking: a user's login (env FOLIO_USER; default $USER).", valueName: "login"))
    var user: String?

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The database path: --db, FOLIO_DB, then $XDG_DATA_HOME/folio/folio.db (~/.local/share when unset).
    var databasePath: String {
        if let db, !db.isEmpty { return (db as NSString).expandingTildeInPath }
        if let env = environment["FOLIO_DB"], !env.isEmpty { return (env as NSString).expandingTildeInPath }
        return XDG.dataHome.appendingPathComponent("folio/folio.db").path
    }

    /// A bad --as-of is a usage problem, said before any file is opened.
    func validate() throws {
        _ = try explicitAsOf()
    }

    /// The as-of day given explicitly (--as-of or FOLIO_AS_OF), validated.
    func explicitAsOf() throws -> Day? {
        let (text, source) = asOf.map { ($0, "--as-of") } ?? (environment["FOLIO_AS_OF"].map { ($0, "FOLIO_AS_OF") } ?? ("", ""))
        guard !text.isEmpty else { return nil }
        do {
            return try Day(input: text)
        } catch {
            throw ValidationError("\(source) \"\(text)\" \(error)")
        }
    }

    /// The login of who is looking: --user, FOLIO_USER, then $USER. An explicitly empty
    /// --user is no user (not $USER): a script's unset variable never acts as whoever runs it.
    var login: String? {
        if let user { return user.isEmpty ? nil : user }
        if let env = environment["FOLIO_USER"], !env.isEmpty { return env }
        if let env = environment["USER"], !env.isEmpty { return env }
        return nil
    }
}

/// The XDG base directories, with their documented fallbacks.
enum XDG {
    static var dataHome: URL { base("XDG_DATA_HOME", fallback: ".local/share") }
    static var stateHome: URL { base("XDG_STATE_HOME", fallback: ".local/state") }
    static var configHome: URL { base("XDG_CONFIG_HOME", fallback: ".config") }

    private static func base(_ variable: String, fallback: String) -> URL {
        let env = ProcessInfo.processInfo.environment
        if let value = env[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value) }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(fallback)
    }
}
