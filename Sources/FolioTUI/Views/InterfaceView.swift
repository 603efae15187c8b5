import FolioDomain
import FolioStore

/// `render(state) -> Canvas`: pure. A title line, the current screen, the status bar,
/// and a bottom line that is the hint bar, the filter or palette input, or a flash.
public enum InterfaceView {
    public static func render(_ state: AppState) -> Canvas {
        var canvas = Canvas(size: state.size)
        let size = state.size
        guard size.width > 0, size.height > 0 else { return canvas }
        if state.isTooSmall {
            drawTooSmall(size, glyphs: state.glyphs, into: &canvas)
            return canvas
        }
        drawTitle(state, into: &canvas)
        let body = Canvas.Rect(column: 0, row: 1, width: size.width, height: size.height - 3)
        if case .help(let scroll) = state.mode {
            drawHelp(state, scroll: scroll, into: &canvas, rect: body)
        } else {
            switch state.screen {
            case .book: BookView.draw(state, into: &canvas, rect: body)
            case .account(let screen): AccountView.draw(screen, state: state, into: &canvas, rect: body)
            }
        }
        if case .command(let input, let selection) = state.mode {
            drawCompletions(state, input: input, selection: selection, into: &canvas, above: size.height - 2)
        }
        drawStatus(state, into: &canvas, row: size.height - 2)
        drawBottomLine(state, into: &canvas, row: size.height - 1)
        return canvas
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

    static func drawTitle(_ state: AppState, into canvas: inout Canvas) {
        let g = state.glyphs
        canvas.fill(row: 0, role: .title)
        var left = " Folio"
        var right = ""
        let book = state.book
        switch (state.mode, state.screen) {
        case (.help, _):
            left += " \(g.dot) Help"
        case (_, .book):
            left += " \(g.dot) Book of \(state.viewer.name)"
            if book.isLoaded {
                if !book.isComplete {
                    // Until the rest arrives, a filter or sort works on the rows already here.
                    right = "\(book.total) accounts, loading\(g.underWay)"
                } else {
                    right = book.rows.count == book.entries.count ? "\(book.entries.count) accounts" : "\(book.rows.count) of \(book.entries.count) accounts"
                }
                right += " \(g.dot) sort: \(book.sort.rawValue) "
                if !book.filterText.isEmpty, state.mode != .filter { right = "filter: \(book.filterText) \(g.dot) " + right }
            }
        case (_, .account(let screen)):
            left += " \(g.dot) \(screen.name)"
            if let page = screen.page {
                let total = AccountView.lines(for: page, width: state.size.width, asOf: state.viewer.asOf, glyphs: state.glyphs,
                                              policy: state.policy).count
                if total > state.accountPageHeight {
                    right = "lines \(screen.scroll + 1)\(g.dash)\(min(total, screen.scroll + state.accountPageHeight)) of \(total) "
                }
            }
        }
        let rightWidth = DisplayWidth.of(TerminalText.sanitize(right))
        // The left part (whose name it is) gives way with an ellipsis, a space before the right part.
        let leftRoom = max(0, state.size.width - rightWidth - 2)
        canvas.put(text: TerminalText.truncate(TerminalText.sanitize(left), toWidth: leftRoom, ellipsis: g.ellipsis),
                   at: .init(column: 0, row: 0), role: .title, isBold: true)
        if rightWidth > 0, rightWidth < state.size.width {
            canvas.put(text: right, at: .init(column: state.size.width - rightWidth, row: 0), role: .title)
        }
    }

    static func drawHelp(_ state: AppState, scroll: Int, into canvas: inout Canvas, rect: Canvas.Rect) {
        let lines = HelpView.lines(keymap: state.keymap, glyphs: state.glyphs)
        let end = min(lines.count, scroll + rect.height)
        guard scroll < end else { return }
        for index in scroll..<end {
            canvas.put(line: lines[index], at: .init(column: 1, row: rect.row + index - scroll), maxWidth: rect.width - 2)
        }
    }

    static func drawCompletions(_ state: AppState, input: String, selection: Int, into canvas: inout Canvas, above row: Int) {
        let candidates = state.keymap.completions(for: input)
        let shown = Array(candidates.prefix(min(8, max(0, row - 2))))
        guard !shown.isEmpty else { return }
        let width = min(state.size.width, 60)
        for (index, candidate) in shown.enumerated() {
            let line = row - shown.count + index
            let name = candidate.split(separator: " ").first.map(String.init) ?? candidate
            let title = CommandName(rawValue: name).flatMap { state.keymap.command(named: $0)?.title } ?? ""
            let isSelected = index == min(selection, shown.count - 1)
            let role: StyleRole = isSelected ? .selection : .statusBar
            canvas.fill(Canvas.Rect(column: 0, row: line, width: width, height: 1), role: role)
            let end = canvas.put(text: " :" + candidate, at: .init(column: 0, row: line), role: role, maxWidth: 24, isBold: true)
            canvas.put(text: "  " + title, at: .init(column: max(end, 24), row: line), role: role, maxWidth: width - max(end, 24))
        }
    }

    static func drawStatus(_ state: AppState, into canvas: inout Canvas, row: Int) {
        let g = state.glyphs
        canvas.fill(row: row, role: .statusBar)
        let viewer = state.viewer
        // Facts in the order they appear, each with a rank: on a narrow terminal the
        // lowest ranks go first, whole, rather than the line being cut mid-word.
        var facts: [(text: String, rank: Int)] = [("\(viewer.login) (\(viewer.role))", 5), (viewer.database, 1),
                                                  ("as of \(viewer.asOf)", 4)]
        if let scores = state.book.scoresAsOf {
            let age = scores.days(until: viewer.asOf)
            facts.append((age <= 0 ? "scores from today" : "scores \(age) day\(age == 1 ? "" : "s") old", 2))
        } else if state.book.isLoaded {
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
        let g = state.glyphs
        switch state.mode {
        case .filter:
            let end = canvas.put(text: "/", at: .init(column: 0, row: row), role: .hintKey)
            let after = canvas.put(text: state.book.filterText, at: .init(column: end, row: row), role: .input)
            canvas.put(text: "_", at: .init(column: after, row: row), role: .input, isReversed: true)
            let help = "  Enter keep \(g.dot) Esc clear \(g.dot) band:red tier:ent stage:renewal"
            canvas.put(text: help, at: .init(column: after + 1, row: row), role: .dim)
            return
        case .command(let input, _):
            let end = canvas.put(text: ":", at: .init(column: 0, row: row), role: .hintKey)
            let after = canvas.put(text: input, at: .init(column: end, row: row), role: .input)
            canvas.put(text: "_", at: .init(column: after, row: row), role: .input, isReversed: true)
            canvas.put(text: "  Tab complete \(g.dot) Enter run \(g.dot) Esc cancel", at: .init(column: after + 1, row: row), role: .dim)
            return
        default:
            break
        }
        if let flash = state.flash {
            canvas.fill(row: row, role: flash.kind == .error ? .error : .flash)
            canvas.put(text: " " + flash.text, at: .init(column: 0, row: row), role: flash.kind == .error ? .error : .flash)
            return
        }
        var column = 0
        var hinted = state.keymap.commands.filter { $0.hint != nil }
        if case .help = state.mode { hinted = hinted.filter { $0.name == .back || $0.name == .quit } }
        if state.screen.isBook {
            if state.book.filterText.isEmpty { hinted.removeAll { $0.name == .back } }
        } else {
            hinted.removeAll { $0.name == .open }
        }
        for command in hinted {
            guard let key = command.keys.first?.displayName(glyphs: state.glyphs), let hint = command.hint else { continue }
            let needed = DisplayWidth.of(key) + DisplayWidth.of(hint) + 3
            if column + needed > state.size.width { break }
            column = canvas.put(text: " " + key, at: .init(column: column, row: row), role: .hintKey)
            column = canvas.put(text: " " + hint + " ", at: .init(column: column, row: row), role: .hint)
        }
    }
}
