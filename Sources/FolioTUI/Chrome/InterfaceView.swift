import FolioDomain
import FolioStore

/// What one frame is: the canvas, and what it showed of the part that scrolls (fed back
/// to the reducer as `.drawn`, so the next frame starts there).
public struct Frame: Sendable {
    public var canvas: Canvas
    public var shown: Viewport?
}

/// `render(state) -> Canvas`: pure. A title line, the screen on top (or help), the status
/// bar, and a bottom line that is the hint bar, the filter or palette input, or a flash.
/// Each screen draws itself and works out what of it is visible; this draws around it.
public enum InterfaceView {
    public static func render(_ state: AppState) -> Canvas { frame(state).canvas }

    public static func frame(_ state: AppState) -> Frame {
        var canvas = Canvas(size: state.size)
        let size = state.size
        guard size.width > 0, size.height > 0 else { return Frame(canvas: canvas, shown: nil) }
        if state.isTooSmall {
            drawTooSmall(size, glyphs: state.glyphs, into: &canvas)
            return Frame(canvas: canvas, shown: nil)
        }
        let layout = Layout(state)
        if let row = layout.bannerRow, let banner = state.viewer.banner {
            canvas.fill(row: row, role: .warning)
            canvas.put(text: " " + TerminalText.truncate(TerminalText.sanitize(banner), toWidth: size.width - 2, ellipsis: state.glyphs.ellipsis),
                       at: .init(column: 0, row: row), role: .warning)
        }
        let body = layout.body
        let shown: Viewport
        let title: ScreenTitle
        if case .help(let scroll, let search) = state.mode {
            shown = HelpView.draw(state, scroll: scroll, search: search, into: &canvas, rect: body)
            title = ScreenTitle("Help", right: shown.linesText(glyphs: state.glyphs))
        } else {
            shown = state.screen.draw(state, into: &canvas, rect: body)
            title = state.screen.title(state, shown: shown)
        }
        if let row = layout.tabRow { TabBar.draw(state, row: row, into: &canvas) }
        drawTitle(title, breadcrumb: breadcrumb(state), state: state, row: layout.titleRow, withBrand: layout.tabRow == nil, into: &canvas)
        switch state.mode {
        case .form(let form): FormView.draw(form, state: state, into: &canvas, rect: body)
        case .confirm(let confirmation): ConfirmView.draw(confirmation, state: state, into: &canvas, rect: body)
        case .command(let input, let selection):
            Palette.drawCompletions(state, input: input.text, selection: selection, into: &canvas, above: layout.statusRow)
        default: break
        }
        drawStatus(state, into: &canvas, row: layout.statusRow)
        drawBottomLine(state, into: &canvas, row: layout.bottomRow)
        return Frame(canvas: canvas, shown: shown)
    }

    /// Where the screen on top sits: "Book › " before an account opened from the book.
    static func breadcrumb(_ state: AppState) -> [String] {
        if case .help = state.mode { return [] }
        return crumbs(state)
    }

    private static func crumbs(_ state: AppState) -> [String] {
        state.screens.ids.dropLast().compactMap { id in
            if let view = state.screens[id] as? any RootScreen { return type(of: view).tabTitle }
            return (state.screens[id] as? AccountScreen)?.name
        }
    }

    static func drawTooSmall(_ size: ScreenSize, glyphs g: Glyphs, into canvas: inout Canvas) {
        let minimum = AppState.minimumSize
        // Keys wait (but Ctrl-C) until there is room to show what they do.
        let text = "terminal too small (\(size.width)\(g.times)\(size.height)), need \(minimum.width)\(g.times)\(minimum.height); Ctrl-C quits"
        let words = AccountView.wrap(text, width: max(1, size.width), role: .warning)
        let top = max(0, (size.height - words.count) / 2)
        for (index, line) in words.enumerated() {
            let width = DisplayWidth.of(line.plainText)
            canvas.put(line: line, at: .init(column: max(0, (size.width - width) / 2), row: top + index))
        }
    }

    /// The screen's title at the left (after " Folio · " when there is no tab bar, and after
    /// the breadcrumb of the screens under it), its figures at the right.
    static func drawTitle(_ title: ScreenTitle, breadcrumb: [String], state: AppState, row: Int, withBrand: Bool,
                          into canvas: inout Canvas) {
        let g = state.glyphs
        canvas.fill(row: row, role: withBrand ? .title : .statusBar)
        let role: StyleRole = withBrand ? .title : .statusBar
        let trail = breadcrumb.map { TerminalText.sanitize($0) + " \(g.isUnicode ? "›" : ">") " }.joined()
        let left = (withBrand ? " Folio \(g.dot) " : " ") + trail + TerminalText.sanitize(title.left)
        let right = title.right
        let rightWidth = DisplayWidth.of(TerminalText.sanitize(right))
        // The left part (whose name it is) gives way with an ellipsis, a space before the right part.
        let leftRoom = max(0, state.size.width - rightWidth - 2)
        canvas.put(text: TerminalText.truncate(left, toWidth: leftRoom, ellipsis: g.ellipsis),
                   at: .init(column: 0, row: row), role: role, isBold: true)
        if rightWidth > 0, rightWidth < state.size.width {
            canvas.put(text: right, at: .init(column: state.size.width - rightWidth, row: row), role: role)
        }
    }

    static func drawStatus(_ state: AppState, into canvas: inout Canvas, row: Int) {
        let g = state.glyphs
        canvas.fill(row: row, role: .statusBar)
        let viewer = state.viewer
        let book = state.book
        // Facts in the order they appear, each with a rank: on a narrow terminal the
        // lowest ranks go first, whole, rather than the line being cut mid-word.
        var facts: [(text: String, rank: Int)] = [("\(viewer.login) (\(viewer.role))", 5), (viewer.database, 1),
                                                  ("as of \(viewer.asOf)", 4)]
        if let other = viewer.bookOf { facts.insert(("viewing \(other.login)", 5), at: 1) }
        if viewer.guest != nil { facts.append(("looking only", 3)) }
        if let scores = book.scoresAsOf {
            let age = scores.days(until: viewer.asOf)
            facts.append((age <= 0 ? "scores from today" : "scores \(age) day\(age == 1 ? "" : "s") old", 2))
        } else if book.isLoaded {
            facts.append(("no scores yet (folio tick)", 2))
        }
        if viewer.isReadonly { facts.append(("read-only", 3)) }
        func line() -> String { " " + facts.map(\.text).joined(separator: " \(g.dot) ") }
        while facts.count > 1, DisplayWidth.of(TerminalText.sanitize(line())) > state.size.width,
              let lowest = facts.indices.min(by: { facts[$0].rank < facts[$1].rank }) {
            facts.remove(at: lowest)
        }
        canvas.put(text: line(), at: .init(column: 0, row: row), role: .statusBar)
    }

    static func drawBottomLine(_ state: AppState, into canvas: inout Canvas, row: Int) {
        switch state.mode {
        case .filter(let input):
            FilterLine.draw(state, input: input, into: &canvas, row: row)
            return
        case .command(let input, _):
            Palette.draw(state, input: input, into: &canvas, row: row)
            return
        case .help(_, let search?) where search.isTyping:
            HelpView.drawSearch(search, state: state, into: &canvas, row: row)
            return
        case .form:
            if let flash = state.flash, flash.kind == .error {
                drawFlash(flash, state: state, into: &canvas, row: row)
                return
            }
            drawKeys(state.keymap.hints(in: .form, glyphs: state.glyphs), into: &canvas, row: row, width: state.size.width)
            return
        case .confirm:
            drawKeys(state.keymap.hints(in: .confirm, glyphs: state.glyphs), into: &canvas, row: row, width: state.size.width)
            return
        default:
            break
        }
        if let flash = state.flash {
            drawFlash(flash, state: state, into: &canvas, row: row)
            return
        }
        drawHints(state, into: &canvas, row: row)
    }

    /// A message on the bottom line; one too long is cut with an ellipsis and says where
    /// it is in full (`:messages`).
    static func drawFlash(_ flash: Flash, state: AppState, into canvas: inout Canvas, row: Int) {
        let role: StyleRole = flash.kind == .error ? .error : .flash
        canvas.fill(row: row, role: role)
        let g = state.glyphs
        var text = " " + TerminalText.sanitize(flash.text)
        if DisplayWidth.of(text) > state.size.width {
            let more = " (:messages)"
            text = TerminalText.truncate(text, toWidth: max(10, state.size.width - DisplayWidth.of(more)), ellipsis: g.ellipsis) + more
        }
        canvas.put(text: text, at: .init(column: 0, row: row), role: role)
    }

    /// The normal table's hints that work on the screen and that it does not leave out,
    /// as many as fit, chosen by importance and drawn in table order.
    static func drawHints(_ state: AppState, into canvas: inout Canvas, row: Int) {
        let screen = state.screen
        var hinted = state.keymap.commands.filter { $0.hint != nil }
        if case .help = state.mode { hinted = hinted.filter { $0.name == .back || $0.name == .quit } }
        hinted.removeAll { !$0.works(on: screen.kind) || screen.hidesHint($0.name, isRoot: state.screens.count == 1) }
        hinted.removeAll { InterfaceAccess.refusal(of: $0, by: state.viewer) != nil }
        // `u` is hinted once there is a change of the session to take back.
        if state.undoable.isEmpty { hinted.removeAll { $0.name == .undo } }
        // What fits, chosen by importance (moving, help, quit, then the rest in table order), drawn in table order.
        let rank: (Command) -> Int = { [.open, .back].contains($0.name) ? 0 : $0.name == .help ? 1 : $0.name == .quit ? 2 : 3 }
        var used = 0
        var kept = Set<CommandName>()
        for command in hinted.enumerated().sorted(by: { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }).map(\.element) {
            guard let key = command.keys.first?.displayName(glyphs: state.glyphs), let hint = command.hint else { continue }
            let needed = DisplayWidth.of(key) + DisplayWidth.of(hint) + 3
            if used + needed > state.size.width { continue }
            used += needed
            kept.insert(command.name)
        }
        var column = 0
        for command in hinted where kept.contains(command.name) {
            guard let key = command.keys.first?.displayName(glyphs: state.glyphs), let hint = command.hint else { continue }
            column = canvas.put(text: " " + key, at: .init(column: column, row: row), role: .hintKey)
            column = canvas.put(text: " " + hint + " ", at: .init(column: column, row: row), role: .hint)
        }
    }

    /// Key–word pairs in hint style, as many as fit.
    static func drawKeys(_ pairs: [(key: String, word: String)], into canvas: inout Canvas, row: Int, width: Int) {
        var column = 0
        for (key, word) in pairs {
            let needed = DisplayWidth.of(key) + DisplayWidth.of(word) + 3
            if column + needed > width { break }
            column = canvas.put(text: " " + key, at: .init(column: column, row: row), role: .hintKey)
            column = canvas.put(text: " " + word + " ", at: .init(column: column, row: row), role: .hint)
        }
    }
}
