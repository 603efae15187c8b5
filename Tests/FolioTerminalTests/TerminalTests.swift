#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import FolioTUI
@testable import FolioTerminal

/// Headless ncurses on a pseudo-terminal. Serialized: ncurses keeps one current
/// screen per process, and signals are process-wide.
@Suite(.serialized) struct TerminalTests {
    init() {
        setenv("LC_ALL", "C.UTF-8", 1)
        unsetenv("LINES")
        unsetenv("COLUMNS")
    }

    func openTerminal(
        _ pty: PseudoTerminal, term: String = "xterm-256color", colorMode: ColorMode = .always,
        environment: [String: String] = [:]
    ) throws -> Terminal {
        let terminal = try Terminal.open(
            term: term, input: pty.device, output: pty.device, colorMode: colorMode, environment: environment
        )
        _ = pty.readAvailableOutput()
        return terminal
    }

    func sampleCanvas(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        canvas.put(text: "Hello, world", at: .init(column: 0, row: 0), role: .title)
        canvas.put(text: "株式会社ヤマト", at: .init(column: 2, row: 1))
        canvas.put(text: "Family 😀 ok", at: .init(column: 0, row: 2), role: .bandGreen)
        canvas.put(text: "Café crème e\u{301}", at: .init(column: 1, row: 3))
        canvas.put(text: "\u{1B}[2J evil", at: .init(column: 0, row: 4), role: .error)
        return canvas
    }

    @Test func drawsMixedTextAndReadsItBackIdentically() throws {
        let pty = try PseudoTerminal(width: 40, height: 6)
        let terminal = try openTerminal(pty)
        #expect(terminal.isUTF8)
        #expect(terminal.size == ScreenSize(width: 40, height: 6))
        let canvas = sampleCanvas(width: 40, height: 6)
        terminal.draw(canvas)
        _ = pty.readAvailableOutput()
        #expect(terminal.screenText() == canvas.lines)
        #expect(terminal.screenText()[4].hasPrefix("^[[2J evil"))
    }

    @Test func appliesTheRoleAttributesAndColourPair() throws {
        let pty = try PseudoTerminal(width: 30, height: 4)
        do {
            let terminal = try openTerminal(pty)
            #expect(terminal.colorDepth == .extended256)
            var canvas = Canvas(width: 30, height: 4)
            canvas.put(text: "Error", at: .init(column: 0, row: 0), role: .error)
            canvas.put(text: "plain", at: .init(column: 0, row: 1))
            canvas.put(text: "sel", at: .init(column: 0, row: 2), role: .normal, isReversed: true)
            terminal.draw(canvas)
            _ = pty.readAvailableOutput()
            let error = terminal.screenCell(column: 0, row: 0)
            #expect(error.text == "E")
            #expect(error.isBold)
            #expect(error.colorPair == StyleRole.allCases.firstIndex(of: .error)! + 1)
            let plain = terminal.screenCell(column: 0, row: 1)
            #expect(!plain.isBold && plain.colorPair == 0)
            #expect(terminal.screenCell(column: 0, row: 2).isReversed)
        }
        for (mode, environment) in [(ColorMode.never, [String: String]()), (.auto, ["NO_COLOR": "1"])] {
            let terminal = try openTerminal(pty, colorMode: mode, environment: environment)
            #expect(terminal.colorDepth == .monochrome)
            var canvas = Canvas(width: 30, height: 4)
            canvas.put(text: "Error", at: .init(column: 0, row: 0), role: .error)
            canvas.put(text: "Head", at: .init(column: 0, row: 1), role: .header)
            terminal.draw(canvas)
            _ = pty.readAvailableOutput()
            let error = terminal.screenCell(column: 0, row: 0)
            #expect(error.isBold && error.isReversed && error.colorPair == 0)
            let header = terminal.screenCell(column: 0, row: 1)
            #expect(header.isBold && header.isUnderlined)
        }
    }

    @Test func drawsOnlyChangedCellsAndStaysCorrect() throws {
        let pty = try PseudoTerminal(width: 20, height: 3)
        let terminal = try openTerminal(pty)
        var first = Canvas(width: 20, height: 3)
        first.put(text: "abc 漢字 xyz", at: .init(column: 0, row: 0))
        first.put(text: "row two", at: .init(column: 0, row: 1))
        terminal.draw(first)
        #expect(terminal.lastDrawCellCount == 58, "first draw writes every cell (60 minus 2 continuations)")

        var second = first
        second.put(text: "ab", at: .init(column: 4, row: 0)) // replaces 漢 with two narrow cells
        second.put(text: "Z", at: .init(column: 0, row: 1))
        terminal.draw(second)
        _ = pty.readAvailableOutput()
        #expect(terminal.lastDrawCellCount == 3)
        #expect(terminal.screenText() == second.lines)

        var third = second
        third.put(text: "😀", at: .init(column: 8, row: 0)) // over the right half of 字 and the space
        terminal.draw(third)
        _ = pty.readAvailableOutput()
        #expect(terminal.screenText() == third.lines)

        terminal.draw(third)
        #expect(terminal.lastDrawCellCount == 0)
    }

    @Test func resizeRedrawsEverything() throws {
        let pty = try PseudoTerminal(width: 40, height: 6)
        let terminal = try openTerminal(pty)
        terminal.draw(sampleCanvas(width: 40, height: 6))
        _ = pty.readAvailableOutput()

        terminal.resize(toWidth: 30, height: 4)
        #expect(terminal.size == ScreenSize(width: 30, height: 4))
        let smaller = sampleCanvas(width: 30, height: 4)
        terminal.draw(smaller)
        _ = pty.readAvailableOutput()
        #expect(terminal.lastDrawCellCount == 30 * 4 - smaller.cells.filter(\.isContinuation).count)
        #expect(terminal.screenText() == smaller.lines)

        terminal.invalidate()
        terminal.draw(smaller)
        #expect(terminal.lastDrawCellCount > 0)
    }

    @Test func windowChangeArrivesAsResizeKey() throws {
        let pty = try PseudoTerminal(width: 40, height: 6)
        let terminal = try openTerminal(pty)
        terminal.draw(sampleCanvas(width: 40, height: 6))
        pty.setSize(width: 50, height: 8)
        kill(getpid(), SIGWINCH)
        var event: TerminalEvent? = nil
        for _ in 0..<20 where event == nil {
            event = try terminal.readKey(timeout: 50)
            _ = pty.readAvailableOutput()
        }
        #expect(event == .resize(ScreenSize(width: 50, height: 8)))
        let bigger = sampleCanvas(width: 50, height: 8)
        terminal.draw(bigger)
        _ = pty.readAvailableOutput()
        #expect(terminal.screenText() == bigger.lines)
    }

    /// A terminal claiming 65535×65535 (or 3000×3000 later) is set to the largest size the
    /// interface draws before curses allocates anything for it.
    @Test func anOversizedWindowIsClampedBeforeCursesSeesIt() throws {
        let pty = try PseudoTerminal(width: 65_535, height: 65_535)
        let terminal = try openTerminal(pty)
        #expect(terminal.size == ScreenSize.maximum)
        #expect(Terminal.clampWindowSize(of: pty.device) == ScreenSize.maximum, "the terminal itself now says so")
        // curses may still hold a resize of its own from the clamp or the previous change:
        // wait for the one this change brings, not for the first that comes.
        func windowChange(width: Int, height: Int, arrivesAs expected: TerminalEvent) throws -> Bool {
            pty.setSize(width: width, height: height)
            kill(getpid(), SIGWINCH)
            for _ in 0..<40 {
                let event = try terminal.readKey(timeout: 50)
                _ = pty.readAvailableOutput()
                if event == expected { return true }
            }
            return false
        }
        #expect(try windowChange(width: 50, height: 8, arrivesAs: .resize(ScreenSize(width: 50, height: 8))))
        #expect(try windowChange(width: 3_000, height: 3_000, arrivesAs: .resize(ScreenSize(width: 1_000, height: 500))))
        #expect(terminal.size == ScreenSize.maximum)
        terminal.resize(toWidth: 65_535, height: 65_535)
        #expect(terminal.size == ScreenSize.maximum)
    }

    @Test func decodesTypedKeys() throws {
        let pty = try PseudoTerminal(width: 20, height: 4)
        let terminal = try openTerminal(pty)
        let cases: [(String, KeyPress)] = [
            ("q", .char("q")), ("漢", .char("漢")), ("\r", .enter), ("\t", .tab), ("\u{7F}", .backspace),
            ("\u{3}", .ctrl("c")), ("\u{12}", .ctrl("r")), ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OH", .home), ("\u{1B}OF", .end),
            ("\u{1B}[6~", .pageDown), ("\u{1B}[5~", .pageUp), ("\u{1B}[Z", .backTab), ("\u{1B}OP", .function(1)),
            ("\u{1B}[3~", .delete), ("\u{1B}", .escape),
        ]
        for (typed, expected) in cases {
            pty.type(typed)
            var event: TerminalEvent? = nil
            for _ in 0..<10 where event == nil { event = try terminal.readKey(timeout: 100) }
            #expect(event == .key(expected), "typed \(typed.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(try terminal.readKey(timeout: 10) == nil)
    }

    @Test func refusesWhatIsNotATerminal() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        #expect(throws: TerminalError.notATerminal(stream: "standard input")) {
            _ = try Terminal.open(term: "xterm", input: ends[0], output: ends[1])
        }
        let pty = try PseudoTerminal(width: 20, height: 4)
        #expect(throws: TerminalError.notATerminal(stream: "standard output")) {
            _ = try Terminal.open(term: "xterm", input: pty.device, output: ends[1])
        }
        #expect(throws: TerminalError.terminalTypeUnset) {
            _ = try Terminal.open(term: nil, input: pty.device, output: pty.device)
        }
        #expect(throws: TerminalError.terminalTypeUnset) {
            _ = try Terminal.open(term: "", input: pty.device, output: pty.device)
        }
        #expect(throws: TerminalError.noCursorAddressing("dumb")) {
            _ = try Terminal.open(term: "dumb", input: pty.device, output: pty.device)
        }
        #expect(pty.readAvailableOutput().isEmpty, "nothing is written when refusing")
        #expect(TerminalError.terminalTypeUnset.exitCode == 2)
        #expect(!TerminalError.unknownTerminalType("vt9000").message.contains("\n"))
    }

    @Test func unknownTerminalTypeFallsBackToXtermWithANote() throws {
        let pty = try PseudoTerminal(width: 20, height: 4)
        let terminal = try openTerminal(pty, term: "folio-no-such-terminal")
        #expect(terminal.terminalType == "xterm-256color")
        #expect(terminal.notes == ["no terminfo entry for TERM=folio-no-such-terminal; using xterm-256color"])
    }

    @Test func restoreIsIdempotentAndDrawTakesTheScreenBack() throws {
        let pty = try PseudoTerminal(width: 20, height: 4)
        let terminal = try openTerminal(pty)
        terminal.draw(sampleCanvas(width: 20, height: 4))
        terminal.restore()
        #expect(terminal.isRestored)
        terminal.restore()
        #expect(terminal.isRestored)
        _ = pty.readAvailableOutput()
        let canvas = sampleCanvas(width: 20, height: 4)
        terminal.draw(canvas)
        _ = pty.readAvailableOutput()
        #expect(!terminal.isRestored)
        #expect(terminal.screenText() == canvas.lines)
        terminal.restore()
    }

    @Test func terminationSignalIsReportedByTheKeyLoop() throws {
        let pty = try PseudoTerminal(width: 20, height: 4)
        let terminal = try openTerminal(pty)
        kill(getpid(), SIGTERM)
        #expect(throws: TerminalError.interrupted(signal: SIGTERM)) {
            _ = try terminal.readKey(timeout: 50)
        }
        #expect(TerminalError.interrupted(signal: SIGHUP).exitCode == 128 + SIGHUP)
        terminal.restore()
    }

    @Test func keyDecodingTable() {
        let size = ScreenSize(width: 80, height: 24)
        #expect(TerminalEvent.decode(status: OK_STATUS, code: 0x1B, size: size) == .key(.escape))
        #expect(TerminalEvent.decode(status: OK_STATUS, code: 0x1C, size: size) == .key(.ctrl("\\")))
        #expect(TerminalEvent.decode(status: OK_STATUS, code: 0x41, size: size) == .key(.char("A")))
    }
}

private let OK_STATUS: Int32 = 0
