#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import FolioDomain
@testable import FolioStore
@testable import FolioTUI
@testable import FolioTerminal

/// The interface loop on a headless pseudo-terminal, in the serialized terminal suite
/// (ncurses keeps one current screen per process).
extension TerminalTests {
    static let asOf = Day(year: 2026, month: 11, day: 23)!

    static func loopEntries() -> [BookEntry] {
        let names = ["Ferrovia Verde S.p.A.", "上海青松软件有限公司", "Evil \u{1B}]0;pwned\u{07} Corp", "Solvik Rederi AS"]
        let bands = ["Red", "Yellow", "Yellow", "Green"]
        return names.enumerated().map { index, name in
            let account = Account(id: "ACC-000\(index + 1)", name: name, tier: .midMarket, owner: "amelie.durand",
                                  arr: Money(units: Int64(50_000 + index * 1_000)), contractStart: asOf.adding(days: -400),
                                  renewalDate: asOf.adding(days: 100 + 30 * index))
            return BookEntry(account: account, ownerName: "Amélie Durand", lastActivity: asOf.adding(days: -5 * index),
                             stage: .growth, score: Double(30 + 20 * index), band: bands[index], history: [40, 45, 50, 55, 50, 45, 40, 35])
        }
    }

    func loopState(width: Int, height: Int) -> AppState {
        AppState(size: ScreenSize(width: width, height: height), glyphs: .unicode,
                 viewer: Viewer(login: "amelie.durand", name: "Amélie Durand", role: "csm", database: "folio.db", asOf: Self.asOf))
    }

    /// Answers the book effects from `loopEntries`: the first `firstRows` of them at the
    /// start, all of them for the whole book; records what it was asked.
    final class BookRunner: @unchecked Sendable {
        let firstRows: Int
        private let lock = NSLock()
        private var asked: [Effect] = []
        let wholeBookAsked = DispatchSemaphore(value: 0)

        init(firstRows: Int = 100) { self.firstRows = firstRows }

        var effects: [Effect] {
            lock.lock()
            defer { lock.unlock() }
            return asked
        }

        func run(_ effect: Effect) -> Action? {
            lock.lock()
            asked.append(effect)
            lock.unlock()
            let entries = TerminalTests.loopEntries()
            switch effect {
            case .load(let load) where load.screen.kind == .book && load.request != nil:
                // The first rows (the whole book asks for everything).
                return .bookStarted(Array(entries.prefix(firstRows)), total: entries.count, scoresAsOf: TerminalTests.asOf)
            case .loadBook:
                wholeBookAsked.signal()
                return .bookLoaded(LoadedBook(entries, scoresAsOf: TerminalTests.asOf))
            default:
                return nil
            }
        }
    }

    @Test func loopRunsTypedKeysThenQuitsAndRestores() throws {
        let pty = try PseudoTerminal(width: 80, height: 24)
        let terminal = try openTerminal(pty)
        let runner = BookRunner()
        let loop = InterfaceLoop(terminal: terminal, state: loopState(width: 80, height: 24), runEffect: runner.run)
        pty.type("jj/ver\rq")
        let code = OutputDrain.while(pty) { loop.run() }
        _ = pty.readAvailableOutput()
        #expect(code == 0)
        #expect(runner.effects == [.loadBookStart(rows: 100), .loadHandoffs], "a small book is whole at the start")
        #expect(loop.state.book.filterText == "ver")
        #expect(loop.state.book.selectedEntry?.account.id == "ACC-0001")
        #expect(terminal.isRestored)
    }

    @Test func loopDrawsTheBookAndReadsItBack() throws {
        let pty = try PseudoTerminal(width: 80, height: 24)
        let terminal = try openTerminal(pty)
        let loop = InterfaceLoop(terminal: terminal, state: loopState(width: 80, height: 24), runEffect: BookRunner().run)
        pty.type("j\u{0E}q") // Ctrl-N is bound to nothing: ignored
        #expect(OutputDrain.while(pty) { loop.run() } == 0)
        // The last frame drawn is what curses holds, evil name and all made harmless.
        var state = loop.state
        state.isQuitting = false
        let expected = InterfaceView.render(state)
        let screen = terminal.screenText()
        #expect(screen == expected.lines)
        #expect(screen.contains { $0.contains("Evil ^[]0;pwned^G Corp") })
        #expect(screen.contains { $0.contains("上海青松软件有限公司") })
    }

    @Test func theWholeBookLoadsInTheBackgroundWhileKeysWork() throws {
        let pty = try PseudoTerminal(width: 80, height: 24)
        let terminal = try openTerminal(pty)
        let runner = BookRunner(firstRows: 2)
        let loop = InterfaceLoop(terminal: terminal, state: loopState(width: 80, height: 24), runEffect: runner.run)
        pty.type("j")
        let background = loop.background
        // Typing is one write(2) on the pty's descriptor: safe from another thread.
        nonisolated(unsafe) let keyboard = pty
        let code = OutputDrain.while(pty) { () -> Int32 in
            let typist = Thread {
                // Once the whole book has been asked for and its result taken in, quit.
                runner.wholeBookAsked.wait()
                let deadline = Date().addingTimeInterval(10)
                while background.isBusy, Date() < deadline { usleep(1_000) }
                keyboard.type("q")
            }
            typist.start()
            return loop.run()
        }
        _ = pty.readAvailableOutput()
        #expect(code == 0)
        #expect(runner.effects == [.loadBookStart(rows: 100), .loadHandoffs, .loadBook])
        #expect(loop.state.book.isComplete && loop.state.book.entries.count == 4)
        #expect(loop.state.book.selectedEntry?.account.id == "ACC-0002", "the selection made on the first rows stays")
    }

    @Test func aChangeElsewhereReloadsWithoutAKeyAndKeepsTheSelection() throws {
        let pty = try PseudoTerminal(width: 80, height: 24)
        let terminal = try openTerminal(pty)
        let runner = BookRunner()
        // Says "changed" once, at the first question (about a second after the start).
        final class Flag: @unchecked Sendable { var asked = 0; let lock = NSLock() }
        let flag = Flag()
        let loop = InterfaceLoop(terminal: terminal, state: loopState(width: 80, height: 24), runEffect: runner.run,
                                 hasDataChanged: { flag.lock.withLock { flag.asked += 1; return flag.asked == 1 } })
        pty.type("j")
        let background = loop.background
        nonisolated(unsafe) let keyboard = pty
        let started = Date()
        let code = OutputDrain.while(pty) { () -> Int32 in
            let typist = Thread {
                runner.wholeBookAsked.wait()
                let deadline = Date().addingTimeInterval(10)
                while background.isBusy, Date() < deadline { usleep(1_000) }
                keyboard.type("q")
            }
            typist.start()
            return loop.run()
        }
        #expect(code == 0)
        #expect(Date().timeIntervalSince(started) < 5)
        // The change's two loads run side by side in the background: either may be asked first.
        let effects = runner.effects
        #expect(Array(effects.prefix(2)) == [.loadBookStart(rows: 100), .loadHandoffs])
        #expect(effects.count == 4 && effects.dropFirst(2).contains(.loadHandoffs) && effects.dropFirst(2).contains(.loadBook),
                "the change loaded the book and the hand-offs again, unasked: \(effects)")
        #expect(loop.state.book.selectedEntry?.account.id == "ACC-0002")
    }

    @Test func signalEndsTheLoopWithItsExitCode() throws {
        let pty = try PseudoTerminal(width: 80, height: 24)
        let terminal = try openTerminal(pty)
        let loop = InterfaceLoop(terminal: terminal, state: loopState(width: 80, height: 24)) { _ in nil }
        kill(getpid(), SIGTERM)
        #expect(OutputDrain.while(pty) { loop.run() } == 128 + SIGTERM)
        #expect(terminal.isRestored)
    }

    @Test func monochromeLooksOfTheBook() throws {
        var state = loopState(width: 80, height: 12)
        _ = reduce(&state, .bookLoaded(LoadedBook(Self.loopEntries(), scoresAsOf: Self.asOf)))
        let canvas = InterfaceView.render(state)
        let text = MonochromeSnapshot.render(canvas)
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Snapshots/FolioTUI/book-80x12-monochrome.txt")
        if ProcessInfo.processInfo.environment["FOLIO_UPDATE_SNAPSHOTS"] == "1" || !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((text + "\n").utf8).write(to: url)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == text + "\n")
        // Colour is never the only carrier: with no colour the bands still differ by glyph and word.
        #expect(text.contains("● Red") && text.contains("◐ Yellow") && text.contains("○ Green"))
    }
}

/// A canvas annotated with what a monochrome terminal shows (`«bold+reverse»`), through
/// the same role → look table the backend uses.
enum MonochromeSnapshot {
    static func render(_ canvas: Canvas) -> String {
        (0..<canvas.height).map { row in
            var line = ""
            var current = ""
            var pending = ""
            for column in 0..<canvas.width {
                let cell = canvas[column, row]
                if cell.isContinuation { continue }
                let look = ColorTheme.look(for: cell.role, depth: .monochrome)
                var parts: [String] = []
                if look.isBold || cell.isBold { parts.append("bold") }
                if look.isReversed != cell.isReversed { parts.append("reverse") }
                if look.isUnderlined { parts.append("underline") }
                if look.isDim { parts.append("dim") }
                let marker = parts.isEmpty ? "plain" : parts.joined(separator: "+")
                if cell.grapheme == " " && marker == "plain" { pending += " "; continue }
                if marker != current { line += pending; pending = ""; line += "«\(marker)»"; current = marker }
                line += pending + cell.grapheme
                pending = ""
            }
            return line
        }.joined(separator: "\n")
    }
}

/// Reads the emulator's side of the pty while the loop runs, as a terminal would, so
/// the loop never blocks on a full pty buffer.
final class OutputDrain: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var isStopped = false

    private init(descriptor: Int32) { self.descriptor = descriptor }

    static func `while`<T>(_ pty: PseudoTerminal, _ body: () -> T) -> T {
        let drain = OutputDrain(descriptor: pty.controller)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !drain.stopped {
                let count = buffer.withUnsafeMutableBytes { read(drain.descriptor, $0.baseAddress, $0.count) }
                if count <= 0 { usleep(1_000) }
            }
            done.signal()
        }
        let result = body()
        drain.stop()
        done.wait()
        return result
    }

    private var stopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return isStopped
    }

    private func stop() {
        lock.lock()
        isStopped = true
        lock.unlock()
    }
}

// The book's reads and answers by name, as the loop's runner meets them.
extension Effect {
    static var loadBook: Effect { BookScreen.whole(book: nil) }
    static func loadBookStart(rows: Int) -> Effect { BookScreen.firstRows(rows, book: nil) }
}

extension Action {
    static func bookStarted(_ entries: [BookEntry], total: Int, scoresAsOf: Day?) -> Action {
        .loaded(ScreenID(.book), book: nil, BookScreen.FirstRows(entries: entries, total: total, scoresAsOf: scoresAsOf))
    }
    static func bookLoaded(_ book: LoadedBook) -> Action { .loaded(ScreenID(.book), book: book.owner, book) }
}

