extension CommandName {
    public static let complete = CommandName("complete")
    public static let runTyped = CommandName("run")
    public static let closePalette = CommandName("close-palette")
    public static let previousCompletion = CommandName("previous-completion")
}

/// The `:` palette: a command typed by name (with its argument), completed from the
/// table; Enter runs it (or the highlighted completion). Its keys are the table's
/// `.palette` rows.
enum Palette {
    /// `:`: an empty line (the people to complete `:as` with are read the first time).
    static func start(in state: inout AppState) -> [Effect] {
        state.mode = .command(input: "", selection: 0)
        state.history[.palette, default: LineHistory()].resetPosition()
        return state.people == nil && InterfaceAccess.hasTeam(state.viewer) ? [.loadPeople] : []
    }

    static func handle(_ name: CommandName?, key: KeyPress, input: TextInput, selection: Int, in state: inout AppState) -> [Effect] {
        var input = input
        switch name {
        case .deleteBack where input.isEmpty:
            state.mode = .normal
            return []
        case .complete:
            let candidates = completions(for: input.text, in: state)
            guard !candidates.isEmpty else { return [] }
            if candidates.count == 1 || input.text != commonPrefix(candidates) {
                // First Tab completes as far as all candidates agree; the next ones cycle.
                let prefix = commonPrefix(candidates)
                if prefix.count > input.text.count || candidates.count == 1 {
                    let completed = candidates.count == 1 ? candidates[0] : prefix
                    let command = state.keymap.commands.first { $0.name.rawValue == completed }
                    let wantsArgument = !(command?.arguments.isEmpty ?? true) || command?.argumentName != nil
                    input.set(completed + (wantsArgument ? " " : ""))
                    state.mode = .command(input: input, selection: 0)
                    return []
                }
            }
            state.mode = .command(input: input, selection: (selection + 1) % candidates.count)
            return []
        case .previousCompletion:
            let candidates = completions(for: input.text, in: state)
            guard !candidates.isEmpty else { return [] }
            state.mode = .command(input: input, selection: (selection + candidates.count - 1) % candidates.count)
            return []
        case .closePalette:
            state.mode = .normal
            return []
        case .forceQuit:
            state.isQuitting = true
            return []
        case .runTyped:
            state.mode = .normal
            state.history[.palette, default: LineHistory()].add(input.text)
            return runTyped(input.text, selection: selection, in: &state)
        case .historyBack:
            if let earlier = state.history[.palette, default: LineHistory()].back(from: input.text) { input.set(earlier) }
        case .historyForward:
            if let later = state.history[.palette, default: LineHistory()].forward() { input.set(later) }
        case let name?:
            input.apply(name)
        case nil:
            guard case .char(let character) = key else { return [] }
            input.insert(String(character))
        }
        state.mode = .command(input: input, selection: 0)
        return []
    }

    /// Pasted text is typed into the line.
    static func paste(_ text: String, input: TextInput, in state: inout AppState) {
        var input = input
        input.insert(text)
        state.mode = .command(input: input, selection: 0)
    }

    /// The table's completions, and the people `:as` opens (logins, by what is typed).
    static func completions(for input: String, in state: AppState) -> [String] {
        let trimmed = input.drop { $0 == " " }
        if trimmed.hasPrefix(CommandName.viewAs.rawValue + " "), let people = state.people {
            let typed = trimmed.dropFirst(CommandName.viewAs.rawValue.count + 1).trimmingCharacters(in: " ").lowercased()
            return people.filter { $0.login.lowercased().hasPrefix(typed) || SearchText.hasWord(SearchText.fold($0.name), startingWith: SearchText.fold(typed)) }
                .map { "\(CommandName.viewAs.rawValue) \($0.login)" }
        }
        return state.keymap.completions(for: input)
    }

    private static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// Runs what was typed: an exact command (with its argument; the command itself refuses
    /// an argument it cannot take, saying why), else the highlighted completion.
    private static func runTyped(_ input: String, selection: Int, in state: inout AppState) -> [Effect] {
        let words = input.split(separator: " ").map(String.init)
        guard let first = words.first else { return [] }
        var nameText = first
        var argument = words.count > 1 ? words[1] : nil
        let exact = state.keymap.command(named: CommandName(rawValue: nameText))
        // A free argument is the rest of the line: `:report FROM TO` takes two words.
        if exact?.argumentName != nil, words.count > 2 { argument = words.dropFirst().joined(separator: " ") }
        if exact == nil {
            let candidates = completions(for: input, in: state)
            guard !candidates.isEmpty else {
                state.flash = Flash("unknown command: \(TerminalText.sanitize(input)) (Tab lists them)", kind: .error)
                return []
            }
            let chosen = candidates[min(selection, candidates.count - 1)].split(separator: " ").map(String.init)
            nameText = chosen[0]
            argument = chosen.count > 1 ? chosen[1] : argument
        } else if let argument, let command = exact, !command.arguments.isEmpty, command.argumentName == nil,
                  !command.arguments.contains(argument) {
            // `:sort a` runs the one completion there is; `:sort bogus` is the command's to refuse.
            let matching = command.arguments.filter { $0.hasPrefix(argument) }
            let highlighted = completions(for: input, in: state)
            if !highlighted.isEmpty, matching.count > 1, let chosen = highlighted[min(selection, highlighted.count - 1)].split(separator: " ").last {
                return run(command.name, argument: String(chosen), in: &state)
            }
        }
        if exact?.name == .viewAs, let typed = argument, let people = state.people, !people.contains(where: { $0.login == typed }),
           case let candidates = completions(for: input, in: state), !candidates.isEmpty,
           let chosen = candidates[min(selection, candidates.count - 1)].split(separator: " ").last {
            // `:as jon` Enter opens the highlighted person's book, as Tab would have completed it.
            argument = String(chosen)
        }
        state.flash = nil
        return run(CommandName(rawValue: nameText), argument: argument, in: &state)
    }

    /// The completions over the bottom lines, the highlighted one in the selection's style.
    static func drawCompletions(_ state: AppState, input: String, selection: Int, into canvas: inout Canvas, above row: Int) {
        let candidates = completions(for: input, in: state)
        let shown = Array(candidates.prefix(min(8, max(0, row - 2))))
        guard !shown.isEmpty else { return }
        let width = min(state.size.width, 60)
        for (index, candidate) in shown.enumerated() {
            let line = row - shown.count + index
            let name = candidate.split(separator: " ").first.map(String.init) ?? candidate
            var title = state.keymap.command(named: CommandName(rawValue: name))?.title ?? ""
            if name == CommandName.viewAs.rawValue, let login = candidate.split(separator: " ").last,
               let person = state.people?.first(where: { $0.login == login }) {
                title = "\(person.name), \(person.role)"
            }
            let isSelected = index == min(selection, shown.count - 1)
            let role: StyleRole = isSelected ? .selection : .statusBar
            canvas.fill(Canvas.Rect(column: 0, row: line, width: width, height: 1), role: role)
            let end = canvas.put(text: " :" + candidate, at: .init(column: 0, row: line), role: role, maxWidth: 24, isBold: true)
            canvas.put(text: "  " + title, at: .init(column: max(end, 24), row: line), role: role, maxWidth: width - max(end, 24))
        }
    }

    /// The bottom line while typing: `:`, the input with its cursor, and what the keys do.
    static func draw(_ state: AppState, input: TextInput, into canvas: inout Canvas, row: Int) {
        let g = state.glyphs
        let keys = state.keymap.hints(in: .palette, glyphs: g).map { "\($0.key) \($0.word)" }
        FilterLine.drawLine(prompt: ":", input: input, help: keys.joined(separator: " \(g.dot) "), state: state, into: &canvas, row: row)
    }
}
