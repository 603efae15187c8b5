import Foundation
import Logging

/// A swift-log handler appending lines to a file: the interface never logs to the screen
/// (DESIGN §1.2). Lines are `2026-11-23T10:00:00Z info folio: message key=value`.
struct FileLogHandler: LogHandler {
    private let label: String
    private let file: LogFile
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String, file: LogFile) {
        self.label = label
        self.file = file
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let extras = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let stamp = ISO8601DateFormatter().string(from: Date())
        file.append("\(stamp) \(event.level) \(label): \(event.message)\(extras)\n")
    }
}

/// One open log file shared by every logger; writes are serialized.
final class LogFile: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    /// Opens (creating it and its folder) `$XDG_STATE_HOME/folio/folio.log` or `path`.
    init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // O_APPEND: several processes (every `folio serve` session, a cron tick) write this
        // file at once, and each line must land at the end, not over another's.
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    static var defaultPath: String { XDG.stateHome.appendingPathComponent("folio/folio.log").path }

    func append(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(line.utf8))
    }
}

/// Sets up logging once per process: to the file when it can be opened, else nowhere.
enum FolioLogging {
    nonisolated(unsafe) private static var isBootstrapped = false

    static func bootstrap() {
        guard !isBootstrapped else { return }
        isBootstrapped = true
        let file = try? LogFile(path: LogFile.defaultPath)
        LoggingSystem.bootstrap { label in
            guard let file else { return SwiftLogNoOpLogHandler() }
            return FileLogHandler(label: label, file: file)
        }
    }
}
