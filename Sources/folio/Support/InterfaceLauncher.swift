import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import FolioTerminal
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Wires the interface: checks the terminal, opens the database (building the demo
/// when there is none), opens curses and runs the loop; exits with the loop's code.
enum InterfaceLauncher {
    /// True when both stdin and stdout are terminals: bare `folio` opens the interface then.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    static func run(global: GlobalOptions, profile: ProfileOption, color: ColorMode, readonly: Bool) throws {
        setlocale(LC_ALL, "")
        let environment = ProcessInfo.processInfo.environment
        // Checked before the demo is built or anything is written (DESIGN §1.2).
        if isatty(STDIN_FILENO) != 1 { fail(TerminalError.notATerminal(stream: "standard input")) }
        if isatty(STDOUT_FILENO) != 1 { fail(TerminalError.notATerminal(stream: "standard output")) }
        // Before the demo is built: a bad config changes nothing (exit 2).
        let config = loadConfig()
        let keymap = config.applied(to: .standard)
        FolioLogging.bootstrap()
        let logger = Logger(label: "folio.tui")

        var effects: StoreEffects!
        var viewer: Viewer!
        var watch: ChangeWatch?
        try reportingFailures {
            let healthProfile = try profile.load()
            // A bad sequences file is refused here, with its file:line:column, before the screen opens.
            let sequences = try SequencesOption.loadIfPresent(from: SequencesOption.source(nil))
            // Opened for reading: a read-only file, or one a newer Folio changed, can still be looked at.
            let context = try AppContext.open(global, buildDemoIfMissing: true, profile: healthProfile, readonly: true,
                                              quietDemoFallback: true)
            // A guest of the demo reads as its manager and changes nothing (`Identity`).
            var guest: NotAUser?
            if case .guest(let who, _) = context.identity { guest = who }
            effects = StoreEffects(database: context.database, user: context.user, asOf: context.asOf, profile: healthProfile,
                                   now: { [context] in context.now }, wallClock: { AppContext.now() }, sequences: sequences, guest: guest)
            var banner: String?
            if let reason = context.demoFallbackReason {
                banner = "Demo: \(reason), so this is \(context.user.name) (\(context.user.login), \(context.user.role.rawValue)), to look at; --user picks someone to act as"
            }
            let file = URL(fileURLWithPath: global.databasePath).lastPathComponent
            switch context.database.readOnlyReason {
            case .newerSchema?: banner = "\(file) was changed by a newer Folio: you can look, not change anything"
            case .some: banner = "\(file) is read-only for you: you can look, not change anything"
            case nil: break
            }
            viewer = Viewer(login: context.user.login, name: context.user.name, role: context.user.role.rawValue,
                            database: URL(fileURLWithPath: global.databasePath).lastPathComponent, asOf: context.asOf,
                            isReadonly: readonly || context.database.isReadOnly, banner: banner)
            // Over SSH, `q` ends the visitor's connection: it asks first.
            viewer.asksBeforeQuitting = environment["FOLIO_SERVE_SESSION"] == "1"
            viewer.guest = guest
            watch = try? ChangeWatch(path: global.databasePath)
        }

        let terminal: Terminal
        do {
            terminal = try Terminal.open(term: environment["TERM"], colorMode: color, mouse: config.mouse, environment: environment)
        } catch let error as TerminalError {
            fail(error)
        }
        for note in terminal.notes {
            complain("folio: \(note)")
            logger.notice("\(note)")
        }
        logger.info("interface started", metadata: ["user": "\(viewer.login)", "term": "\(terminal.terminalType)",
                                                    "colors": "\(terminal.colorDepth)", "utf8": "\(terminal.isUTF8)"])
        var state = AppState(size: terminal.size, glyphs: Glyphs.forLocale(isUTF8: terminal.isUTF8), viewer: viewer,
                             keymap: keymap, bands: effects.bands)
        if let note = terminal.notes.first { state.flash = Flash(note) }
        // `folio serve` greets each demo visitor (its own copy, deleted when they leave).
        if state.flash == nil, let welcome = environment["FOLIO_WELCOME"], !welcome.isEmpty { state.flash = Flash(TerminalText.sanitize(welcome)) }
        var hasDataChanged: (@Sendable () -> Bool)?
        if let watch { hasDataChanged = { watch.hasChanged() } }
        let loop = InterfaceLoop(terminal: terminal, state: state, runEffect: { [effects] in effects!.run($0) },
                                 log: { logger.info("\($0)") }, hasDataChanged: hasDataChanged)
        let code = loop.run()
        terminal.restore()
        if code != 0 { throw ExitCode(code) }
    }

    /// The user's config file (DESIGN §1.1: users may override keys).
    static var configPath: String { XDG.configHome.appendingPathComponent("folio/config.yaml").path }

    /// The user's config (keys, mouse); a bad config file exits 2 with every problem as
    /// `path:line:column: message`, before anything else happens.
    private static func loadConfig() -> UserConfig {
        do {
            return try UserConfig.load(path: configPath)
        } catch {
            complain(error.description)
            complain("folio: \(configPath) was not used; fix it or move it away")
            Foundation.exit(Exit.usage.rawValue)
        }
    }

    private static func fail(_ error: TerminalError) -> Never {
        complain("folio: \(error.message)")
        Foundation.exit(error.exitCode)
    }
}
