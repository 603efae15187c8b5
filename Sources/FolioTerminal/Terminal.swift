#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Foundation
import FolioTUI

/// The curses screen: opened with `newterm` on explicit descriptors, drawn from a
/// `Canvas`, read from as `TerminalEvent`s, restored on every exit path (DESIGN §1.2).
///
/// Not thread-safe: use it from the one thread that runs the interface loop.
public final class Terminal {
    /// What one screen cell holds, as read back from curses (for tests and diagnostics).
    public struct ScreenCell: Hashable, Sendable {
        public var text: String
        public var isBold: Bool
        public var isReversed: Bool
        public var isUnderlined: Bool
        public var isDim: Bool
        public var colorPair: Int
    }

    /// The terminal type in use (TERM, or the fallback chosen for it).
    public let terminalType: String
    public let colorDepth: ColorDepth
    /// Whether the locale is UTF-8; pick `Glyphs.forLocale(isUTF8:)` from it.
    public let isUTF8: Bool
    /// Things the user may want to know, e.g. that TERM fell back to xterm-256color.
    public let notes: [String]
    /// Ctrl-Z arrives as a key in raw mode; when true, `readKey` suspends the process
    /// itself and reports a `.resize` once it is resumed.
    public var suspendsOnControlZ = true
    /// True after `restore()` until the next `draw`.
    public private(set) var isRestored = false
    /// Cells written to curses by the last `draw` (changed cells only, or all after a
    /// resize): lets tests and diagnostics see that drawing is incremental.
    public private(set) var lastDrawCellCount = 0

    private let screen: OpaquePointer
    private let outputFile: UnsafeMutablePointer<FILE>
    private let inputFile: UnsafeMutablePointer<FILE>
    private var looks: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]
    private var lastDrawn: Canvas?
    private var needsFullRedraw = true
    private let wideCharacterLimit: Int

    // MARK: Opening

    /// Opens the terminal on `input`/`output`, or throws a `TerminalError` whose message
    /// the caller prints on stderr before exiting 2. Nothing is written to `output`
    /// before every check has passed.
    public static func open(
        term: String?,
        input: Int32 = STDIN_FILENO,
        output: Int32 = STDOUT_FILENO,
        colorMode: ColorMode = .auto,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Terminal {
        setlocale(LC_ALL, "")
        guard isatty(input) == 1 else { throw TerminalError.notATerminal(stream: "standard input") }
        guard isatty(output) == 1 else { throw TerminalError.notATerminal(stream: "standard output") }
        guard let term, !term.isEmpty else { throw TerminalError.terminalTypeUnset }

        let (chosenType, notes) = try chooseTerminalType(term, output: output, environment: environment)

        // Before newterm, so ncurses sees our handlers and does not install its own
        // exit-on-signal or SIGWINCH ones; it still installs its SIGTSTP handler.
        SignalRelay.install()
        registerExitRestore()
        // Before curses reads the size and allocates its screens for it.
        _ = clampWindowSize(of: output)

        let inputCopy = dup(input)
        let outputCopy = dup(output)
        guard inputCopy >= 0, outputCopy >= 0,
              let inputFile = fdopen(inputCopy, "r"), let outputFile = fdopen(outputCopy, "w")
        else {
            SignalRelay.uninstall()
            if inputCopy >= 0 { close(inputCopy) }
            if outputCopy >= 0 { close(outputCopy) }
            throw TerminalError.initializationFailed("cannot duplicate the terminal descriptors")
        }
        guard let screen = newterm(chosenType, outputFile, inputFile) else {
            SignalRelay.uninstall()
            fclose(inputFile)
            fclose(outputFile)
            throw TerminalError.initializationFailed("ncurses refused terminal type \"\(chosenType)\"")
        }
        _ = set_term(screen)
        return Terminal(
            screen: screen, inputFile: inputFile, outputFile: outputFile, terminalType: chosenType,
            notes: notes, colorMode: colorMode, environment: environment
        )
    }

    private init(
        screen: OpaquePointer, inputFile: UnsafeMutablePointer<FILE>, outputFile: UnsafeMutablePointer<FILE>,
        terminalType: String, notes: [String], colorMode: ColorMode, environment: [String: String]
    ) {
        self.screen = screen
        self.inputFile = inputFile
        self.outputFile = outputFile
        self.terminalType = terminalType
        self.notes = notes
        self.wideCharacterLimit = Int(folio_ccharw_max())
        if let codeset = nl_langinfo(nl_item(CODESET)) {
            let name = String(cString: codeset).lowercased()
            isUTF8 = name == "utf-8" || name == "utf8"
        } else {
            isUTF8 = false
        }

        let window = folio_stdscr()
        raw()
        noecho()
        nonl()
        _ = keypad(window, true)
        _ = meta(window, true)
        _ = intrflush(window, false)
        _ = leaveok(window, true)
        _ = curs_set(0)
        _ = mousemask(0, nil)
        if environment["ESCDELAY"] == nil { _ = set_escdelay(25) }

        let wantsColor: Bool
        switch colorMode {
        case .never: wantsColor = false
        case .always: wantsColor = true
        case .auto: wantsColor = (environment["NO_COLOR"] ?? "").isEmpty
        }
        var depth = ColorDepth.monochrome
        if wantsColor, has_colors(), start_color() == OK {
            let colors = folio_colors()
            if colors >= 256 { depth = .extended256 } else if colors >= 8 { depth = .eight }
        }
        colorDepth = depth
        prepareLooks()
    }

    deinit {
        restore()
        _ = set_term(screen)
        delscreen(screen)
        fclose(inputFile)
        fclose(outputFile)
        // Without a screen, signals must kill the process again.
        SignalRelay.uninstall()
        _ = SignalRelay.takePending()
    }

    /// TERM when its entry is usable; xterm-256color, then xterm, when the entry is
    /// missing; an error when it exists but cannot address the cursor.
    private static func chooseTerminalType(
        _ term: String, output: Int32, environment: [String: String]
    ) throws -> (String, [String]) {
        switch folio_probe_terminal(term, output) {
        case 1:
            return (term, [])
        case -1:
            throw TerminalError.noCursorAddressing(term)
        default:
            if TerminfoDatabase.hasEntry(named: term, environment: environment) {
                throw TerminalError.noCursorAddressing(term)
            }
            for fallback in ["xterm-256color", "xterm"] where folio_probe_terminal(fallback, output) == 1 {
                return (fallback, ["no terminfo entry for TERM=\(term); using \(fallback)"])
            }
            throw TerminalError.unknownTerminalType(term)
        }
    }

    /// A last line of defence for exit paths that skip `restore()` (a call to `exit`).
    private static let exitRestoreRegistration: Void = {
        atexit {
            if !isendwin() { endwin() }
        }
    }()

    private static func registerExitRestore() {
        _ = exitRestoreRegistration
    }

    private func prepareLooks() {
        var pairsUsable = colorDepth != .monochrome
        let defaultColors = pairsUsable && use_default_colors() == OK
        for (index, role) in StyleRole.allCases.enumerated() {
            let look = ColorTheme.look(for: role, depth: colorDepth)
            var attributes = folio_a_normal()
            if look.isBold { attributes |= folio_a_bold() }
            if look.isReversed { attributes |= folio_a_reverse() }
            if look.isUnderlined { attributes |= folio_a_underline() }
            if look.isDim { attributes |= folio_a_dim() }
            var pair: Int16 = 0
            if pairsUsable, look.foreground >= 0 || look.background >= 0 {
                pair = Int16(index + 1)
                let foreground = look.foreground >= 0 || defaultColors ? look.foreground : 7
                let background = look.background >= 0 || defaultColors ? look.background : 0
                if Int(pair) >= folio_color_pairs() || init_pair(pair, foreground, background) != OK {
                    pairsUsable = false
                    pair = 0
                }
            }
            looks[role] = (attributes, pair)
        }
    }

    // MARK: Restoring

    /// Gives the terminal back to the shell (endwin). Safe to call any number of times
    /// and from every exit path; a later `draw` takes the screen again.
    public func restore() {
        guard !isRestored else { return }
        isRestored = true
        activate()
        endwin()
    }

    /// Stops the process as Ctrl-Z does in a shell, then takes the screen back.
    public func suspend() {
        restore()
        folio_stop_process_group()
        resume()
    }

    private func resume() {
        activate()
        isRestored = false
        needsFullRedraw = true
        _ = clearok(folio_curscr(), true)
        wrefresh(folio_stdscr())
    }

    /// Makes this screen the one ncurses' global-state functions act on.
    private func activate() {
        _ = set_term(screen)
    }

    // MARK: Size

    /// Reads the terminal's window size and, past `ScreenSize.maximum` (or overflowing what
    /// curses can count), sets the terminal itself to the clamped size; returns that size.
    /// Nil when the descriptor is not a terminal.
    static func clampWindowSize(of fd: Int32) -> ScreenSize? {
        var rows: Int32 = 0, columns: Int32 = 0
        guard folio_get_window_size(fd, &rows, &columns) == 0 else { return nil }
        let asked = ScreenSize(width: Int(columns), height: Int(rows))
        let size = asked.clamped
        if size != asked {
            _ = folio_set_pty_size(fd, UInt16(size.height), UInt16(size.width))
        }
        return size
    }

    /// After SIGWINCH (or a resume): the window's size, clamped, given to curses. Nil when it
    /// did not change.
    private func followWindowSize() -> ScreenSize? {
        activate()
        guard let size = Self.clampWindowSize(of: fileno(outputFile)), size.width > 0, size.height > 0,
              size != self.size else { return nil }
        _ = resizeterm(Int32(size.height), Int32(size.width))
        needsFullRedraw = true
        return size
    }

    public var size: ScreenSize {
        activate()
        var rows: Int32 = 0
        var columns: Int32 = 0
        folio_getmaxyx(folio_stdscr(), &rows, &columns)
        return ScreenSize(width: Int(columns), height: Int(rows))
    }

    /// Tells curses the terminal is now this size, as when an SSH client sends a
    /// window-change request; the next `draw` repaints every cell. (A local terminal's
    /// SIGWINCH is handled by ncurses and arrives as `TerminalEvent.resize`.)
    public func resize(toWidth width: Int, height: Int) {
        activate()
        let size = ScreenSize(width: width, height: height).clamped
        _ = resizeterm(Int32(size.height), Int32(size.width))
        needsFullRedraw = true
    }

    /// Forces the next `draw` to repaint every cell, e.g. after a child process wrote
    /// on the screen.
    public func invalidate() {
        needsFullRedraw = true
    }

    // MARK: Drawing

    /// Copies the canvas to the screen: only the cells that differ from the previous
    /// draw, or all of them after a resize, `invalidate()` or `restore()`.
    public func draw(_ canvas: Canvas) {
        activate()
        let window = folio_stdscr()
        if isRestored {
            isRestored = false
            needsFullRedraw = true
        }
        let screenSize = size
        let full = needsFullRedraw || lastDrawn?.size != canvas.size
        if full {
            werase(window)
            _ = clearok(folio_curscr(), true)
        }
        let rows = min(canvas.height, screenSize.height)
        let columns = min(canvas.width, screenSize.width)
        let previous = full ? nil : lastDrawn?.cells
        let cells = canvas.cells
        var written = 0
        for row in 0..<rows {
            let base = row * canvas.width
            for column in 0..<columns {
                let cell = cells[base + column]
                if let previous, previous[base + column] == cell { continue }
                if cell.isContinuation { continue }
                write(cell, row: row, column: column, screenWidth: screenSize.width, window: window)
                written += 1
            }
        }
        wnoutrefresh(window)
        doupdate()
        lastDrawn = canvas
        needsFullRedraw = false
        lastDrawCellCount = written
    }

    private func write(_ cell: Cell, row: Int, column: Int, screenWidth: Int, window: UnsafeMutablePointer<WINDOW>?) {
        let look = looks[cell.role] ?? (folio_a_normal(), 0)
        var attributes = look.attributes
        if cell.isBold { attributes |= folio_a_bold() }
        if cell.isReversed { attributes |= folio_a_reverse() }

        var (text, cursesWidth) = cursesText(for: cell)
        if column + cell.width > screenWidth {
            (text, cursesWidth) = ([wchar_t(0x20), 0], 1)
        }
        text.withUnsafeBufferPointer { buffer in
            _ = folio_put_cell(window, Int32(row), Int32(column), buffer.baseAddress, attributes, look.pair)
        }
        // curses thinks the grapheme is narrower than the canvas does (an emoji with
        // VS16, say): blank the rest so the row stays aligned.
        var padding = cursesWidth
        let space: [wchar_t] = [0x20, 0]
        while padding < cell.width {
            space.withUnsafeBufferPointer { buffer in
                _ = folio_put_cell(window, Int32(row), Int32(column + padding), buffer.baseAddress, attributes, look.pair)
            }
            padding += 1
        }
    }

    /// The wide characters curses gets for a cell and the width curses (libc's
    /// wcwidth) gives them: the base scalar plus the non-spacing ones that fit in a
    /// cchar_t. A sequence curses cannot hold whole (a ZWJ family) keeps its first
    /// picture; a grapheme curses measures wider than the canvas becomes U+FFFD.
    private func cursesText(for cell: Cell) -> ([wchar_t], Int) {
        let scalars = cell.grapheme.unicodeScalars
        guard let base = scalars.first else { return ([0x20, 0], 1) }
        if base.value < 0x80, scalars.count == 1 { return ([wchar_t(base.value), 0], 1) }
        let replacement: wchar_t = isUTF8 ? 0xFFFD : 0x3F
        guard isUTF8 else { return ([replacement, 0], 1) }
        let baseWidth = Int(folio_wcwidth(base.value))
        if baseWidth < 1 || baseWidth > cell.width { return ([replacement, 0], 1) }
        var text: [wchar_t] = [wchar_t(base.value)]
        for scalar in scalars.dropFirst() {
            if scalar.value == 0x200D || text.count >= wideCharacterLimit { break }
            if folio_wcwidth(scalar.value) != 0 { break }
            text.append(wchar_t(scalar.value))
        }
        text.append(0)
        return (text, baseWidth)
    }

    // MARK: Reading keys

    /// Waits up to `milliseconds` for a key and decodes it; nil on timeout. Keep the
    /// timeout short (≈100 ms): a pending SIGTERM/SIGHUP/SIGINT is checked on every
    /// call and thrown as `TerminalError.interrupted`, whose handler should `restore()`.
    public func readKey(timeout milliseconds: Int) throws -> TerminalEvent? {
        let before = SignalRelay.takePending()
        if let signal = before.stop { throw TerminalError.interrupted(signal: signal) }
        if before.resized, let size = followWindowSize() { return .resize(size) }
        activate()
        let window = folio_stdscr()
        wtimeout(window, Int32(max(0, milliseconds)))
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        let during = SignalRelay.takePending()
        if let signal = during.stop { throw TerminalError.interrupted(signal: signal) }
        if during.resized, let size = followWindowSize() { return .resize(size) }
        if status == KEY_CODE_YES && Int32(bitPattern: UInt32(code)) == KEY_RESIZE {
            needsFullRedraw = true
        }
        if status == OK && code == 0x1A && suspendsOnControlZ {
            suspend()
            _ = followWindowSize()
            return .resize(size)
        }
        let current = status == KEY_CODE_YES ? size : ScreenSize(width: 0, height: 0)
        return TerminalEvent.decode(status: status, code: UInt32(code), size: current)
    }

    // MARK: Reading the screen back

    /// What curses holds for one row, one string per row (wide characters once,
    /// their continuation cell skipped): for tests and screenshots.
    public func screenText() -> [String] {
        let current = size
        return (0..<current.height).map { row in
            var line = ""
            var column = 0
            while column < current.width {
                let cell = screenCell(column: column, row: row)
                line += cell.text
                let width = cell.text.unicodeScalars.first.map { Int(folio_wcwidth($0.value)) } ?? 1
                column += max(1, width)
            }
            return line
        }
    }

    /// One screen cell as curses holds it: text, attributes and colour pair.
    public func screenCell(column: Int, row: Int) -> ScreenCell {
        activate()
        var buffer = [wchar_t](repeating: 0, count: wideCharacterLimit + 1)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            folio_read_cell(folio_stdscr(), Int32(row), Int32(column), pointer.baseAddress, &attributes, &pair)
        }
        var text = ""
        if count > 0 {
            for value in buffer.prefix(Int(count)) {
                if let scalar = Unicode.Scalar(UInt32(bitPattern: value)) { text.unicodeScalars.append(scalar) }
            }
        }
        return ScreenCell(
            text: text,
            isBold: attributes & folio_a_bold() != 0,
            isReversed: attributes & folio_a_reverse() != 0,
            isUnderlined: attributes & folio_a_underline() != 0,
            isDim: attributes & folio_a_dim() != 0,
            colorPair: Int(pair)
        )
    }
}
