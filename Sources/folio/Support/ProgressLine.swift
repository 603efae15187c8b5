import FolioStore
import FolioTUI
import Foundation

/// The import's progress on stderr when it is a terminal and the import takes a while:
/// rows, rows per second, percent of the file's bytes; nothing otherwise.
final class ProgressLine: @unchecked Sendable {
    let isActive = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private let started = Date()
    private var shown = false
    /// The file being read and when it started: rows per second are the file's own.
    private var file = ""
    private var fileStarted = Date()

    func show(_ p: ImportProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if p.file != file {
            file = p.file
            fileStarted = now
        }
        guard now.timeIntervalSince(started) >= 1.5 else { return }
        let rate = Double(p.rows) / max(now.timeIntervalSince(fileStarted), 0.2)
        let percent = p.totalBytes > 0 ? ", \(min(100, Int(Double(p.bytesRead) / Double(p.totalBytes) * 100)))% read" : ""
        let name = (p.file as NSString).lastPathComponent
        shown = true
        FileHandle.standardError.write(Data("\r\u{1B}[K\(TerminalText.sanitize(name)): \(p.rows.formatted()) rows, \(Int(rate).formatted()) rows/s\(percent)".utf8))
    }

    func finish() {
        lock.lock()
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        lock.unlock()
    }
}
