import ArgumentParser
import FolioServe
import FolioStore
import Foundation
import Logging

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "A built-in SSH server: each visitor gets the interface in a private demo, or as themselves on the team's database.",
        discussion: """
            Demo mode (the default) builds the demo portfolio once, gives every visitor a fresh copy of it as the \
            demo's manager and deletes it when they leave: anyone types ssh -p 2222 demo@HOST. Authentication is \
            open unless --authorized-keys is given.

            Team mode opens the shared --db as the login each key names, and lets in only the keys of \
            --authorized-keys, in OpenSSH's authorized_keys syntax with folio-user=LOGIN before the key type:
              folio-user=amelie.durand ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... amelie@laptop

            The host key (Ed25519, OpenSSH format) is generated on first start. Only the interface is offered: \
            no shell, commands, sftp or forwarding. Every connection, authentication and session is a line of \
            --log ($XDG_STATE_HOME/folio/folio.log), as text or, with --log-format json, one JSON object a line. \
            Ctrl-C (SIGINT) or SIGTERM stops the server and hangs up every session; SIGHUP reopens the log.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Where to listen, ADDR:PORT (other addresses than loopback are your explicit choice).", valueName: "addr:port"))
    var listen = "127.0.0.1:2222"

    @Option(help: ArgumentHelp("demo: a private demo per visitor; team: the shared --db, as each key's login.", valueName: "mode"))
    var mode: ServeConfiguration.Mode = .demo

    @Option(name: .customLong("host-key"),
            help: ArgumentHelp("The host key file (default $XDG_DATA_HOME/folio/ssh_host_ed25519_key; made when missing).", valueName: "path"),
            completion: .file())
    var hostKey: String?

    @Option(name: .customLong("authorized-keys"),
            help: ArgumentHelp("Keys allowed in (required in team mode), with folio-user=LOGIN before each key.", valueName: "file"),
            completion: .file())
    var authorizedKeys: String?

    @Option(name: .customLong("max-sessions"), help: ArgumentHelp("Interfaces open at once; more visitors are told the server is full.", valueName: "n"))
    var maxSessions = 20

    @Option(name: .customLong("max-per-address"), help: ArgumentHelp("Interfaces open at once from one address.", valueName: "n"))
    var maxPerAddress = 5

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Close a session after this long without input: 90s, 30m, 2h, off.", valueName: "duration"))
    var idleTimeout = "30m"

    @Option(name: .customLong("rate-limit"), help: ArgumentHelp("New connections a minute from one address (0: no limit).", valueName: "n"))
    var rateLimit = 30

    @Option(help: ArgumentHelp("The log file, one line per event; SIGHUP reopens it (env FOLIO_LOG; default $XDG_STATE_HOME/folio/folio.log).",
                               valueName: "path"), completion: .file())
    var log: String?

    @Option(name: .customLong("log-format"), help: ArgumentHelp("text (default; env FOLIO_LOG_FORMAT) or json: one object a line.", valueName: "format"))
    var logFormat: LogFormat?

    func validate() throws {
        // Each session is a process of its own (about 40 MB): a thousand is past any one machine.
        guard (1...1_000).contains(maxSessions) else { throw ValidationError("--max-sessions must be between 1 and 1000") }
        guard (1...1_000).contains(maxPerAddress) else { throw ValidationError("--max-per-address must be between 1 and 1000") }
        guard (0...10_000).contains(rateLimit) else { throw ValidationError("--rate-limit must be between 0 (no limit) and 10000") }
        do {
            _ = try ListenAddress(parsing: listen)
            _ = try IdleTimeout(parsing: idleTimeout)
        } catch let error as ServeError {
            throw ValidationError(error.message)
        }
        if mode == .team && authorizedKeys == nil {
            throw ValidationError("team mode needs --authorized-keys FILE: only the keys listed there get in")
        }
    }

    func run() throws {
        // Absolute, as the sessions get it too.
        let logPath = URL(fileURLWithPath: log.map { ($0 as NSString).expandingTildeInPath } ?? FolioLogging.defaultPath).path
        let format = logFormat ?? FolioLogging.defaultFormat
        do {
            try FolioLogging.bootstrap(path: logPath, format: format, required: true)
        } catch {
            complain("folio: \(error); choose another with --log")
            throw Exit.failure
        }
        let logger = Logger(label: "folio.serve")
        var workFolder: URL?
        do {
            let keys = try authorizedKeys.map { try AuthorizedKeys.load(path: ($0 as NSString).expandingTildeInPath) }
            keys?.warnings.forEach { complain("folio: \($0)") }
            let sessions: ServeConfiguration.Sessions
            switch mode {
            case .demo:
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-serve-\(getpid())-\(UUID().uuidString.prefix(6))")
                workFolder = folder
                sessions = try buildDemo(in: folder)
            case .team:
                try keys?.requireLogins()
                sessions = .shared(database: try checkTeamDatabase(keys: keys))
            }
            let keyPath = hostKey.map { ($0 as NSString).expandingTildeInPath }
                ?? XDG.dataHome.appendingPathComponent("folio/ssh_host_ed25519_key").path
            let key = try HostKey.loadOrCreate(at: keyPath)
            let configuration = ServeConfiguration(
                listen: try ListenAddress(parsing: listen), mode: mode, sessions: sessions, authorizedKeys: keys,
                maxSessions: maxSessions, maxSessionsPerAddress: maxPerAddress, idleTimeout: try IdleTimeout(parsing: idleTimeout),
                connectionsPerMinute: rateLimit, executable: Self.executablePath, childArguments: childArguments,
                childEnvironment: childEnvironment(logPath: logPath, format: format))
            let server = SSHServer(configuration: configuration, hostKey: key, logger: logger)
            let bound = try server.start()
            say("""
                folio serve: \(mode.rawValue) mode on \(bound)\(keys == nil ? ", open to anyone who connects" : ", keys in \(keys!.path) only")
                  host key \(keyPath)\(key.isNew ? " (new)" : ""): \(key.fingerprint) (ED25519)
                  connect: ssh -p \(bound.port) \(mode == .demo ? "demo" : "LOGIN")@\(bound.host.contains(":") ? "[\(bound.host)]" : bound.host)
                  up to \(maxSessions) sessions (\(maxPerAddress) from one address), idle timeout \(try IdleTimeout(parsing: idleTimeout)), \
                \(rateLimit == 0 ? "no connection rate limit" : "\(rateLimit) connections a minute per address"); log: \(logPath) (\(format.rawValue))
                  Ctrl-C stops the server; SIGHUP reopens the log
                """)
            Self.waitForStopSignal(logger: logger)
            say("folio serve: stopping; hanging up \(server.activeSessions) session(s)")
            server.stop()
        } catch let error as ServeError {
            workFolder.map { try? FileManager.default.removeItem(at: $0) }
            complain("folio: \(error.message)")
            throw Exit.failure
        } catch {
            workFolder.map { try? FileManager.default.removeItem(at: $0) }
            throw error
        }
        workFolder.map { try? FileManager.default.removeItem(at: $0) }
    }

    /// The demo, built once into the server's own folder; visitors get copies of it.
    private func buildDemo(in folder: URL) throws -> ServeConfiguration.Sessions {
        let template = folder.appendingPathComponent("demo-template.db").path
        let started = Date()
        try reportingFailures {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try SampleDataLocator.current.withFolder { sampleData in
                try DemoPortfolio.build(at: template, from: sampleData, force: true, actor: "folio", at: Int64(Date().timeIntervalSince1970))
            }
        }
        let database = try FolioDatabase(path: template, readonly: true)
        let manager = try database.read { db in try Settings.value(DemoPortfolio.defaultUserSetting, in: db) }
        guard let manager else { throw ServeError("the demo has no manager to open as") }
        say("folio serve: demo built in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; visitors open it as \(manager)")
        return .demoCopies(template: template, folder: folder.path, login: manager)
    }

    /// Team mode runs on an existing database where every key's login is a user.
    private func checkTeamDatabase(keys: AuthorizedKeys?) throws -> String {
        let path = global.databasePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw ServeError("no database at \(path); team mode serves an existing one (--db or FOLIO_DB)")
        }
        let database = try FolioDatabase(path: path)
        for entry in keys?.entries ?? [] {
            guard let login = entry.login else { continue }
            if try database.read({ db in try Book.user(login, in: db) }) == nil {
                throw ServeError("\(keys!.path):\(entry.line): folio-user=\(login) is not a user of \(path)")
            }
        }
        return path
    }

    private var childArguments: @Sendable (String, String) -> [String] {
        let asOf = global.asOf
        return { database, login in
            ["tui", "--db", database, "--user", login] + (asOf.map { ["--as-of", $0] } ?? [])
        }
    }

    /// This very executable, for the sessions' `folio tui`.
    static var executablePath: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        let argument = CommandLine.arguments[0]
        return URL(fileURLWithPath: argument).resolvingSymlinksInPath().path
    }

    /// What the interface needs from the server's environment (its config and sample data)
    /// and the server's log file and format; the session adds TERM and the locale.
    /// In demo mode, the interface's greeting too.
    private func childEnvironment(logPath: String, format: LogFormat) -> [String: String] {
        let names = ["HOME", "PATH", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "FOLIO_SAMPLE_DATA", "FOLIO_PROFILE",
                     "FOLIO_SEQUENCES", "TZ"]
        var environment = ProcessInfo.processInfo.environment.filter { names.contains($0.key) }
        environment["FOLIO_LOG"] = logPath
        environment["FOLIO_LOG_FORMAT"] = format.rawValue
        if mode == .demo {
            environment["FOLIO_WELCOME"] = "Your own copy of the Folio demo: change anything; it goes when you leave"
        }
        return environment
    }

    /// Blocks until SIGINT or SIGTERM; SIGHUP reopens the log (logrotate's postrotate, or
    /// `systemctl reload`) and goes on serving.
    private static func waitForStopSignal(logger: Logger) {
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if number == SIGHUP {
                    FolioLogging.file?.reopen()
                    logger.info("log reopened", metadata: ["signal": "HUP"])
                } else {
                    stop.signal()
                }
            }
            source.resume()
            sources.append(source)
        }
        stop.wait()
        sources.forEach { $0.cancel() }
    }

    private func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

extension ServeConfiguration.Mode: ExpressibleByArgument {}
extension LogFormat: ExpressibleByArgument {}
