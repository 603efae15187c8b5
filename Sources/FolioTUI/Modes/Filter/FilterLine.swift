extension CommandName {
    public static let keepFilter = CommandName("keep-filter")
    public static let clearFilter = CommandName("clear-filter")
}

/// The `/` filter line: the screen on top filters as you type; Enter keeps the filter, Esc
/// clears it, ↓ and ↑ keep it and move (the keys are the table's `.filter` rows).
enum FilterLine {
    static func handle(_ name: CommandName?, key: KeyPress, in state: inout AppState) -> [Effect] {
        var text = filterText(state)
        switch name {
        case .keepFilter:
            state.mode = .normal
        case .moveDown, .moveUp:
            state.mode = .normal
            return run(name!, argument: nil, in: &state)
        case .clearFilter:
            text = ""
            state.mode = .normal
        case .deleteBack:
            if !text.isEmpty { text.removeLast() }
        case .clearLine:
            text = ""
        case .forceQuit:
            state.isQuitting = true
        case nil:
            if case .char(let character) = key { text.append(character) }
        default:
            break
        }
        state.onTop { screen, _ in
            guard var filtered = screen as? any FilterableScreen else { return }
            filtered.filter(by: text)
            screen = filtered
        }
        return []
    }

    /// What the screen on top is filtered by.
    static func filterText(_ state: AppState) -> String { (state.screen as? any FilterableScreen)?.filterText ?? "" }

    /// The bottom line while typing: the filter, a cursor, and what the keys do.
    static func draw(_ state: AppState, into canvas: inout Canvas, row: Int) {
        let g = state.glyphs
        let end = canvas.put(text: "/", at: .init(column: 0, row: row), role: .hintKey)
        let after = canvas.put(text: filterText(state), at: .init(column: end, row: row), role: .input)
        canvas.put(text: "_", at: .init(column: after, row: row), role: .input, isReversed: true)
        let keys = state.keymap.hints(in: .filter, glyphs: g).map { "\($0.key) \($0.word)" }
        let terms = (state.screen as? any FilterableScreen)?.filterTerms
        let help = "  " + (keys + (terms.map { [$0] } ?? [])).joined(separator: " \(g.dot) ")
        canvas.put(text: help, at: .init(column: after + 1, row: row), role: .dim)
    }
}
