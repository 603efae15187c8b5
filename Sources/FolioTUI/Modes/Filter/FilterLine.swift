extension CommandName {
    public static let keepFilter = CommandName("keep-filter")
    public static let clearFilter = CommandName("clear-filter")
}

/// The `/` filter line: the list on top filters as you type; Enter keeps the filter, Esc
/// clears it, ↑ and ↓ bring back the filters typed before (the keys are the table's
/// `.filter` rows, editing as readline does).
enum FilterLine {
    /// `/`: the list on top filters; help is searched; elsewhere (an account, the
    /// dashboard) the book comes to the front and filters.
    static func start(in state: inout AppState) -> [Effect] {
        if case .help(let scroll, let search) = state.mode {
            state.mode = .help(scroll: scroll, search: HelpSearch(search?.input ?? "", isTyping: true))
            return []
        }
        if !(state.screen is any FilterableScreen) { state.screens.show(ScreenID(BookScreen.kind)) }
        state.mode = .filter(TextInput(FilterLine.filterText(state)))
        state.history[.filter, default: LineHistory()].resetPosition()
        return []
    }

    static func handle(_ name: CommandName?, key: KeyPress, input: TextInput, in state: inout AppState) -> [Effect] {
        var input = input
        switch name {
        case .keepFilter:
            state.history[.filter, default: LineHistory()].add(input.text)
            state.mode = .normal
            return []
        case .clearFilter:
            input.set("")
            state.mode = .normal
            apply(input.text, in: &state)
            return []
        case .historyBack:
            if let earlier = state.history[.filter, default: LineHistory()].back(from: input.text) { input.set(earlier) }
        case .historyForward:
            if let later = state.history[.filter, default: LineHistory()].forward() { input.set(later) }
        case .forceQuit:
            state.isQuitting = true
            return []
        case let name?:
            input.apply(name)
        case nil:
            guard case .char(let character) = key else { return [] }
            input.insert(String(character))
        }
        state.mode = .filter(input)
        apply(input.text, in: &state)
        return []
    }

    /// Pasted text is typed into the line (one line: breaks become spaces).
    static func paste(_ text: String, input: TextInput, in state: inout AppState) {
        var input = input
        input.insert(text)
        state.mode = .filter(input)
        apply(input.text, in: &state)
    }

    private static func apply(_ text: String, in state: inout AppState) {
        state.onTop { screen, _ in
            guard var filtered = screen as? any FilterableScreen else { return }
            filtered.filter(by: text)
            screen = filtered
        }
    }

    /// What the screen on top is filtered by.
    static func filterText(_ state: AppState) -> String { (state.screen as? any FilterableScreen)?.filterText ?? "" }

    /// The bottom line while typing: the filter with its cursor, and what the keys do.
    static func draw(_ state: AppState, input: TextInput, into canvas: inout Canvas, row: Int) {
        let g = state.glyphs
        let screen = state.screen as? any FilterableScreen
        var help = state.keymap.hints(in: .filter, glyphs: g).map { "\($0.key) \($0.word)" }
        if let note = screen?.filterNote {
            help = [note]
        } else if let terms = screen?.filterTerms, !terms.isEmpty {
            help.append(terms)
        }
        drawLine(prompt: "/", input: input, help: help.joined(separator: " \(g.dot) "), state: state, into: &canvas, row: row)
    }

    /// A prompt, the text with its cursor (reversed), then dim help as far as it fits.
    static func drawLine(prompt: String, input: TextInput, help: String, state: AppState, into canvas: inout Canvas, row: Int) {
        let width = state.size.width
        let end = canvas.put(text: prompt, at: .init(column: 0, row: row), role: .hintKey)
        // The text takes what it needs, up to all but the prompt; help gets the rest.
        let room = max(8, min(width - end - 1, max(DisplayWidth.of(input.text) + 2, width - end - DisplayWidth.of(help) - 3)))
        let shown = input.visible(width: room)
        var column = canvas.put(text: shown.before, at: .init(column: end, row: row), role: .input)
        column = canvas.put(text: shown.atCursor, at: .init(column: column, row: row), role: .input, isReversed: true)
        column = canvas.put(text: shown.after, at: .init(column: column, row: row), role: .input)
        canvas.put(text: "  " + help, at: .init(column: column, row: row), role: .dim, maxWidth: max(0, width - column))
    }
}
