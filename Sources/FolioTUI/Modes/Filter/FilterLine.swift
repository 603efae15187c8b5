extension CommandName {
    public static let keepFilter = CommandName("keep-filter")
    public static let clearFilter = CommandName("clear-filter")
}

/// The `/` filter line: the book filters as you type; Enter keeps the filter, Esc clears
/// it, ↓ and ↑ keep it and move (the keys are the table's `.filter` rows).
enum FilterLine {
    static func handle(_ name: CommandName?, key: KeyPress, in state: inout AppState) -> [Effect] {
        switch name {
        case .keepFilter:
            state.mode = .normal
        case .moveDown, .moveUp:
            state.mode = .normal
            return run(name!, argument: nil, in: &state)
        case .clearFilter:
            state.book.filterText = ""
            state.mode = .normal
        case .deleteBack:
            if !state.book.filterText.isEmpty { state.book.filterText.removeLast() }
        case .clearLine:
            state.book.filterText = ""
        case .forceQuit:
            state.isQuitting = true
        case nil:
            if case .char(let character) = key { state.book.filterText.append(character) }
        default:
            break
        }
        // The matches from the top; the next frame keeps the selection in sight.
        state.book.scroll = 0
        return []
    }

    /// The bottom line while typing: the filter, a cursor, and what the keys do.
    static func draw(_ state: AppState, into canvas: inout Canvas, row: Int) {
        let g = state.glyphs
        let end = canvas.put(text: "/", at: .init(column: 0, row: row), role: .hintKey)
        let after = canvas.put(text: state.book.filterText, at: .init(column: end, row: row), role: .input)
        canvas.put(text: "_", at: .init(column: after, row: row), role: .input, isReversed: true)
        let keys = state.keymap.hints(in: .filter, glyphs: g).map { "\($0.key) \($0.word)" }
        let help = "  " + (keys + ["band:red tier:ent stage:renewal"]).joined(separator: " \(g.dot) ")
        canvas.put(text: help, at: .init(column: after + 1, row: row), role: .dim)
    }
}
