import Foundation
import Logging

/// A swift-log handler appending one `LogLine` per event to a `LogFile`: the interface never
/// logs to the screen, and every process (the server, each session's interface) writes the
/// same file in the same format.
public struct FileLogHandler: LogHandler {
    private let label: String
    private let file: LogFile
    private let format: LogFormat
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    public init(label: String, file: LogFile, format: LogFormat) {
        self.label = label
        self.file = file
        self.format = format
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let line = LogLine(time: Date(), level: event.level, label: label, process: getpid(), message: "\(event.message)",
                           fields: merged.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
        file.append(line.rendered(format) + "\n")
    }
}
