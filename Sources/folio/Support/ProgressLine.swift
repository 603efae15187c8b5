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

    func show(_ p: ImportProgress) {
        let elapsed = Date().timeIntervalSince(started)
        guard elapsed >= 1.5 else { return }
        let rate = Double(p.rows) / max(elapsed, 0.001)
        let percent = p.totalBytes > 0 ? " \(Int(Double(p.bytesRead) / Double(p.totalBytes) * 100))%" : ""
        let name = (p.file as NSString).lastPathComponent
        lock.lock()
        shown = true
        FileHandle.standardError.write(Data("\r\u{1B}[K\(TerminalText.sanitize(name)): \(p.rows.formatted()) rows, \(Int(rate).formatted()) rows/s\(percent)".utf8))
        lock.unlock()
    }

    func finish() {
        lock.lock()
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        lock.unlock()
    }
}
