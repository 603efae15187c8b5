extension CommandName {
    public static let complete = CommandName("complete")
    public static let runTyped = CommandName("run")
    public static let closePalette = CommandName("close-palette")
    public static let nextCompletion = CommandName("next-completion")
    public static let previousCompletion = CommandName("previous-completion")
}

/// The `:` palette: a command typed by name (with its argument), completed from the
/// table; Enter runs it (or the highlighted completion). Its keys are the table's
/// `.palette` rows.
enum Palette {
    static func handle(_ name: CommandName?, key: KeyPress, input: String, selection: Int, in state: inout AppState) -> [Effect] {
        var input = input
        switch name {
        case .deleteBack:
            if input.isEmpty { state.mode = .normal; return [] }
            input.removeLast()
            state.mode = .command(input: input, selection: 0)
        case .complete, .nextCompletion:
            let candidates = state.keymap.completions(for: input)
            guard !candidates.isEmpty else { return [] }
            if name == .complete, candidates.count == 1 || input != commonPrefix(candidates) {
                // First Tab completes as far as all candidates agree; the next ones cycle.
                let prefix = commonPrefix(candidates)
                if prefix.count > input.count || candidates.count == 1 {
                    let completed = candidates.count == 1 ? candidates[0] : prefix
                    let command = state.keymap.commands.first { $0.name.rawValue == completed }
                    let wantsArgument = !(command?.arguments.isEmpty ?? true) || command?.argumentName != nil
                    state.mode = .command(input: completed + (wantsArgument ? " " : ""), selection: 0)
                    return []
                }
            }
            state.mode = .command(input: input, selection: (selection + 1) % candidates.count)
        case .previousCompletion:
            let candidates = state.keymap.completions(for: input)
            guard !candidates.isEmpty else { return [] }
            state.mode = .command(input: input, selection: (selection + candidates.count - 1) % candidates.count)
        case .closePalette:
            state.mode = .normal
        case .forceQuit:
            state.isQuitting = true
        case .runTyped:
            state.mode = .normal
            return runTyped(input, selection: selection, in: &state)
        case nil:
            guard case .char(let character) = key else { break }
            input.append(character)
            state.mode = .command(input: input, selection: 0)
        default:
            break
        }
        return []
    }

    private static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// Runs what was typed: an exact command (with its argument), else the highlighted completion.
    private static func runTyped(_ input: String, selection: Int, in state: inout AppState) -> [Effect] {
        let words = input.split(separator: " ").map(String.init)
        guard let first = words.first else { return [] }
        var nameText = first
        var argument = words.count > 1 ? words[1] : nil
        let exact = state.keymap.command(named: CommandName(rawValue: nameText))
        // A free argument is the rest of the line: `:report FROM TO` takes two words.
        if exact?.argumentName != nil, words.count > 2 { argument = words.dropFirst().joined(separator: " ") }
        let argumentIsExact = argument.map { exact?.argumentName != nil || (exact?.arguments.contains($0) ?? true) } ?? true
        if exact == nil || !argumentIsExact {
            let candidates = state.keymap.completions(for: input)
            guard !candidates.isEmpty else {
                state.flash = Flash("unknown command: \(TerminalText.sanitize(input)) (Tab lists them)", kind: .error)
                return []
            }
            let chosen = candidates[min(selection, candidates.count - 1)].split(separator: " ").map(String.init)
            nameText = chosen[0]
            argument = chosen.count > 1 ? chosen[1] : argument
        }
        state.flash = nil
        return run(CommandName(rawValue: nameText), argument: argument, in: &state)
    }

    /// The completions over the bottom lines, the highlighted one in the selection's style.
    static func drawCompletions(_ state: AppState, input: String, selection: Int, into canvas: inout Canvas, above row: Int) {
        let candidates = state.keymap.completions(for: input)
        let shown = Array(candidates.prefix(min(8, max(0, row - 2))))
        guard !shown.isEmpty else { return }
        let width = min(state.size.width, 60)
        for (index, candidate) in shown.enumerated() {
            let line = row - shown.count + index
            let name = candidate.split(separator: " ").first.map(String.init) ?? candidate
            let title = state.keymap.command(named: CommandName(rawValue: name))?.title ?? ""
            let isSelected = index == min(selection, shown.count - 1)
            let role: StyleRole = isSelected ? .selection : .statusBar
            canvas.fill(Canvas.Rect(column: 0, row: line, width: width, height: 1), role: role)
            let end = canvas.put(text: " :" + candidate, at: .init(column: 0, row: line), role: role, maxWidth: 24, isBold: true)
            canvas.put(text: "  " + title, at: .init(column: max(end, 24), row: line), role: role, maxWidth: width - max(end, 24))
        }
    }

    /// The bottom line while typing: `:`, the input, a cursor, and what the keys do.
    static func draw(_ state: AppState, input: String, into canvas: inout Canvas, row: Int) {
        let g = state.glyphs
        let end = canvas.put(text: ":", at: .init(column: 0, row: row), role: .hintKey)
        let after = canvas.put(text: input, at: .init(column: end, row: row), role: .input)
        canvas.put(text: "_", at: .init(column: after, row: row), role: .input, isReversed: true)
        let keys = state.keymap.hints(in: .palette, glyphs: g).map { "\($0.key) \($0.word)" }
        canvas.put(text: "  " + keys.joined(separator: " \(g.dot) "), at: .init(column: after + 1, row: row), role: .dim)
    }
}
