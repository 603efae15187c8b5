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
        if let banner = state.viewer.banner {
            canvas.fill(row: 1, role: .warning)
            canvas.put(text: " " + TerminalText.truncate(TerminalText.sanitize(banner), toWidth: size.width - 2, ellipsis: state.glyphs.ellipsis),
                       at: .init(column: 0, row: 1), role: .warning)
        }
        let top = 1 + (state.viewer.banner == nil ? 0 : 1)
        let body = Canvas.Rect(column: 0, row: top, width: size.width, height: size.height - 2 - top)
        let shown: Viewport
        let title: ScreenTitle
        if case .help(let scroll) = state.mode {
            shown = HelpView.draw(state, scroll: scroll, into: &canvas, rect: body)
            title = ScreenTitle("Help")
        } else {
            shown = state.screen.draw(state, into: &canvas, rect: body)
            title = state.screen.title(state, shown: shown)
        }
        drawTitle(title, state: state, into: &canvas)
        switch state.mode {
        case .form(let form): FormView.draw(form, state: state, into: &canvas, rect: body)
        case .confirm(let confirmation): ConfirmView.draw(confirmation, state: state, into: &canvas, rect: body)
        case .command(let input, let selection):
            Palette.drawCompletions(state, input: input, selection: selection, into: &canvas, above: size.height - 2)
        default: break
        }
        drawStatus(state, into: &canvas, row: size.height - 2)
        drawBottomLine(state, into: &canvas, row: size.height - 1)
        return Frame(canvas: canvas, shown: shown)
    }

    static func drawTooSmall(_ size: ScreenSize, glyphs g: Glyphs, into canvas: inout Canvas) {
        let minimum = AppState.minimumSize
        let text = "terminal too small (\(size.width)\(g.times)\(size.height)), need \(minimum.width)\(g.times)\(minimum.height)"
        let words = AccountView.wrap(text, width: max(1, size.width), role: .warning)
        let top = max(0, (size.height - words.count) / 2)
        for (index, line) in words.enumerated() {
            let width = DisplayWidth.of(line.plainText)
            canvas.put(line: line, at: .init(column: max(0, (size.width - width) / 2), row: top + index))
        }
    }

    /// " Folio · " and the screen's title at the left, its figures at the right.
    static func drawTitle(_ title: ScreenTitle, state: AppState, into canvas: inout Canvas) {
        let g = state.glyphs
        canvas.fill(row: 0, role: .title)
        let left = " Folio \(g.dot) \(title.left)"
        let right = title.right
        let rightWidth = DisplayWidth.of(TerminalText.sanitize(right))
        // The left part (whose name it is) gives way with an ellipsis, a space before the right part.
        let leftRoom = max(0, state.size.width - rightWidth - 2)
        canvas.put(text: TerminalText.truncate(TerminalText.sanitize(left), toWidth: leftRoom, ellipsis: g.ellipsis),
                   at: .init(column: 0, row: 0), role: .title, isBold: true)
        if rightWidth > 0, rightWidth < state.size.width {
            canvas.put(text: right, at: .init(column: state.size.width - rightWidth, row: 0), role: .title)
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
        case .filter:
            FilterLine.draw(state, into: &canvas, row: row)
            return
        case .command(let input, _):
            Palette.draw(state, input: input, into: &canvas, row: row)
            return
        case .form:
            if let flash = state.flash, flash.kind == .error {
                canvas.fill(row: row, role: .error)
                canvas.put(text: " " + flash.text, at: .init(column: 0, row: row), role: .error)
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
            canvas.fill(row: row, role: flash.kind == .error ? .error : .flash)
            canvas.put(text: " " + flash.text, at: .init(column: 0, row: row), role: flash.kind == .error ? .error : .flash)
            return
        }
        drawHints(state, into: &canvas, row: row)
    }

    /// The normal table's hints that work on the screen and that it does not leave out,
    /// as many as fit, chosen by importance and drawn in table order.
    static func drawHints(_ state: AppState, into canvas: inout Canvas, row: Int) {
        let screen = state.screen
        var hinted = state.keymap.commands.filter { $0.hint != nil }
        if case .help = state.mode { hinted = hinted.filter { $0.name == .back || $0.name == .quit } }
        hinted.removeAll { !$0.works(on: screen.kind) || screen.hidesHint($0.name, isRoot: state.screens.count == 1) }
        hinted.removeAll { InterfaceAccess.refusal(of: $0, by: state.viewer) != nil }
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
