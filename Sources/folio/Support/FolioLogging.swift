import FolioServe
import Foundation
import Logging

/// Sets up logging once per process, to the log file in the chosen format (README, "Logs"):
/// `FOLIO_LOG` (default `$XDG_STATE_HOME/folio/folio.log`) and `FOLIO_LOG_FORMAT` (`text`,
/// the default, or `json`); `folio serve --log/--log-format` sets both for its sessions too.
enum FolioLogging {
    nonisolated(unsafe) private static var isBootstrapped = false
    /// The open log, for `folio serve` to reopen on SIGHUP; nil when it could not be opened.
    nonisolated(unsafe) private(set) static var file: LogFile?

    static var defaultPath: String {
        if let path = ProcessInfo.processInfo.environment["FOLIO_LOG"], !path.isEmpty { return (path as NSString).expandingTildeInPath }
        return XDG.stateHome.appendingPathComponent("folio/folio.log").path
    }

    /// The format FOLIO_LOG_FORMAT names; text when it is unset or names none (and says so).
    static var defaultFormat: LogFormat {
        guard let name = ProcessInfo.processInfo.environment["FOLIO_LOG_FORMAT"], !name.isEmpty else { return .text }
        if let format = LogFormat(rawValue: name.lowercased()) { return format }
        complain("folio: FOLIO_LOG_FORMAT \"\(name)\" is not text or json; the log is written as text")
        return .text
    }

    /// The interface's logging: to the file when it can be opened, else nowhere (a log
    /// that cannot be written never stops someone from working).
    static func bootstrap() {
        try? bootstrap(path: defaultPath, format: defaultFormat, required: false)
    }

    /// `required`: a log that cannot be opened is an error (the server's operator needs it).
    static func bootstrap(path: String, format: LogFormat, required: Bool) throws(LogFileError) {
        guard !isBootstrapped else { return }
        isBootstrapped = true
        do {
            file = try LogFile(path: path)
        } catch {
            if required { throw error }
        }
        let file = self.file
        LoggingSystem.bootstrap { label in
            guard let file else { return SwiftLogNoOpLogHandler() }
            return FileLogHandler(label: label, file: file, format: format)
        }
    }
}
