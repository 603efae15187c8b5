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
        if let banner = state.viewer.banner {
            canvas.fill(row: 1, role: .warning)
            canvas.put(text: " " + TerminalText.truncate(TerminalText.sanitize(banner), toWidth: size.width - 2, ellipsis: state.glyphs.ellipsis),
                       at: .init(column: 0, row: 1), role: .warning)
        }
        let top = 1 + state.bannerHeight
        let body = Canvas.Rect(column: 0, row: top, width: size.width, height: size.height - 2 - top)
        if case .help(let scroll) = state.mode {
            drawHelp(state, scroll: scroll, into: &canvas, rect: body)
        } else {
            switch state.screen {
            case .book: BookView.draw(state, into: &canvas, rect: body)
            case .alerts: AlertsView.draw(state, into: &canvas, rect: body)
            case .checkIns: CheckInsView.draw(state, into: &canvas, rect: body)
            case .renewals: RenewalsView.draw(state, into: &canvas, rect: body)
            case .team: TeamView.draw(state, into: &canvas, rect: body)
            case .outbox: OutboxView.draw(state, into: &canvas, rect: body)
            case .dashboard: DashboardView.draw(state, into: &canvas, rect: body)
            case .account(let screen): AccountView.draw(screen, state: state, into: &canvas, rect: body)
            }
        }
        switch state.mode {
        case .form(let form): FormView.draw(form, state: state, into: &canvas, rect: body)
        case .confirm(let confirmation): ConfirmView.draw(confirmation, state: state, into: &canvas, rect: body)
        default: break
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
        case (_, .alerts):
            left += " \(g.dot) Alerts of \(state.viewer.bookName)"
            if state.alerts.isLoaded { right = "\(state.alerts.listings.count) alerts " }
        case (_, .checkIns):
            left += " \(g.dot) Check-ins of \(state.viewer.bookName)"
            if let board = state.checkIns.board { right = "\(state.checkIns.lines.count) owed \(g.dot) \(board.coverage.overall.accounts) accounts " }
        case (_, .renewals):
            left += " \(g.dot) Renewals of \(state.viewer.bookName)"
            if let board = state.renewals.board { right = "\(board.open.count) open " }
        case (_, .outbox):
            left += " \(g.dot) Outbox of \(state.viewer.bookName)"
            if state.outbox.isLoaded { right = "\(state.outbox.listings.count) emails " }
        case (_, .team):
            left += " \(g.dot) Team of \(state.viewer.name)"
            if let board = state.team.board { right = "\(board.rows.count) CSMs \(g.dot) \(board.escalations.count) escalations " }
        case (_, .dashboard):
            left += " \(g.dot) Dashboard of \(state.viewer.bookName)"
            let total = DashboardView.lines(state).count, page = DashboardView.pageHeight(state)
            if total > page {
                right = "lines \(state.dashboard.scroll + 1)\(g.dash)\(min(total, state.dashboard.scroll + page)) of \(total) "
            }
        case (_, .book):
            left += " \(g.dot) Book of \(state.viewer.bookName)"
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
        if let other = viewer.bookOf { facts.insert(("viewing \(other.login)", 5), at: 1) }
        if viewer.role == "ae" { facts.append(("read-only for AEs", 3)) }
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
        case .form:
            if let flash = state.flash, flash.kind == .error {
                canvas.fill(row: row, role: .error)
                canvas.put(text: " " + flash.text, at: .init(column: 0, row: row), role: .error)
                return
            }
            drawKeys([("Enter", "submit"), ("Tab", "next field"), ("Shift-Tab", "back"), ("\(g.isUnicode ? "←/→" : "Left/Right")", "choose"), ("Esc", "cancel")],
                     into: &canvas, row: row, width: state.size.width)
            return
        case .confirm:
            drawKeys([("y", "yes"), ("n", "no"), ("\(g.isUnicode ? "←/→" : "Left/Right")", "choose"), ("Enter", "answer (No unless chosen)"), ("Esc", "no")],
                     into: &canvas, row: row, width: state.size.width)
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
        hinted.removeAll { !$0.works(on: state.screen.kind) }
        if state.screen.isBook {
            if state.book.filterText.isEmpty { hinted.removeAll { $0.name == .back } }
        } else {
            if case .account = state.screen { hinted.removeAll { $0.name == .open } }
            if case .dashboard = state.screen { hinted.removeAll { $0.name == .open } }
            if state.stack.count == 1 { hinted.removeAll { $0.name == .back } }
            // Outside the book the filter is the book's: its hint gives way to the view's own keys.
            hinted.removeAll { $0.name == .filter }
        }
        if state.viewer.refusalToAct != nil { hinted.removeAll(where: \.changesData) }
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
        for command in hinted where kept.contains(command.name) {
            guard let key = command.keys.first?.displayName(glyphs: state.glyphs), let hint = command.hint else { continue }
            column = canvas.put(text: " " + key, at: .init(column: column, row: row), role: .hintKey)
            column = canvas.put(text: " " + hint + " ", at: .init(column: column, row: row), role: .hint)
        }
    }

    /// Key–word pairs in hint style, as many as fit.
    static func drawKeys(_ pairs: [(String, String)], into canvas: inout Canvas, row: Int, width: Int) {
        var column = 0
        for (key, word) in pairs {
            let needed = DisplayWidth.of(key) + DisplayWidth.of(word) + 3
            if column + needed > width { break }
            column = canvas.put(text: " " + key, at: .init(column: column, row: row), role: .hintKey)
            column = canvas.put(text: " " + word + " ", at: .init(column: column, row: row), role: .hint)
        }
    }
}
