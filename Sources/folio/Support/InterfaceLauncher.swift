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
        FolioLogging.bootstrap()
        let logger = Logger(label: "folio.tui")

        var effects: StoreEffects!
        var viewer: Viewer!
        try reportingFailures {
            let healthProfile = try profile.load()
            let context = try AppContext.open(global, buildDemoIfMissing: true, profile: healthProfile, readonly: readonly)
            effects = StoreEffects(database: context.database, user: context.user, asOf: context.asOf, profile: healthProfile)
            viewer = Viewer(login: context.user.login, name: context.user.name, role: context.user.role.rawValue,
                            database: URL(fileURLWithPath: global.databasePath).lastPathComponent, asOf: context.asOf,
                            isReadonly: readonly)
        }

        let terminal: Terminal
        do {
            terminal = try Terminal.open(term: environment["TERM"], colorMode: color, environment: environment)
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
                             bands: effects.bands)
        if let note = terminal.notes.first { state.flash = Flash(note) }
        let loop = InterfaceLoop(terminal: terminal, state: state, runEffect: { [effects] in effects!.run($0) },
                                 log: { logger.info("\($0)") })
        let code = loop.run()
        terminal.restore()
        if code != 0 { throw ExitCode(code) }
    }

    private static func fail(_ error: TerminalError) -> Never {
        complain("folio: \(error.message)")
        Foundation.exit(error.exitCode)
    }
}
