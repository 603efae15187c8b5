import FolioDomain
import FolioTUI
import Foundation

/// One line of progress on stderr for the long commands (tick, demo, generate, import):
/// shown only when stderr is a terminal, from a second on (quick runs stay quiet), redrawn
/// a few times a second with the time so far, and erased at the end so the command's own
/// output is what stays. Producers report `WorkProgress` as often as they like.
final class ProgressLine: @unchecked Sendable { // state behind `lock`
    let isActive: Bool
    private let label: String
    private let lock = NSLock()
    private let started = Date()
    private var latest: WorkProgress?
    private var text: String?
    private var shown = false
    private var finished = false
    private var timer: DispatchSourceTimer?

    /// `label` starts the line: "tick 2026-11-23".
    init(_ label: String, active: Bool = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb") {
        self.label = label
        isActive = active
        guard active else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + 1, repeating: 0.25)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    /// What a producer hands over: `line.handler` where a `ProgressHandler` is wanted (nil
    /// when the line is not shown, so producers skip the work of reporting).
    var handler: ProgressHandler? {
        guard isActive else { return nil }
        return { [self] progress in report(progress) }
    }

    func report(_ progress: WorkProgress) {
        lock.withLock { latest = progress; text = nil }
    }

    /// Free text instead of a `WorkProgress` (an importer's own wording).
    func show(_ message: String) {
        lock.withLock { text = message; latest = nil }
    }

    func finish() {
        timer?.cancel()
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            shown = false
            finished = true
        }
    }

    deinit { timer?.cancel() }

    private func draw() {
        lock.withLock {
            guard !finished, let body = text ?? latest.map(Self.describe) else { return }
            let time = " · \(Int(Date().timeIntervalSince(started))) s"
            var line = TerminalText.sanitize("\(label): \(body)")
            // The time so far always shows; the words give way on a narrow terminal.
            let room = Self.columns() - 1 - time.count
            if line.count > room { line = String(line.prefix(max(10, room - 1))) + "…" }
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)\(time)".utf8))
            shown = true
        }
    }

    static func describe(_ p: WorkProgress) -> String {
        let unit = p.unit.isEmpty ? "" : " \(p.unit)"
        guard p.done > 0 || p.total != nil else { return p.activity }
        let count = p.total.map { "\(p.done.formatted()) of \($0.formatted())\(unit)" } ?? "\(p.done.formatted())\(unit)"
        let percent = p.fraction.map { String(format: " (%.0f%%)", $0 * 100) } ?? ""
        return "\(p.activity), \(count)\(percent)"
    }

    private static func columns() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
