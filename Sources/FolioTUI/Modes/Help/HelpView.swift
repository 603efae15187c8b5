/// The `?` screen, generated from the keymap so it can never disagree with it. It takes
/// the normal table's moving keys to scroll; `/` searches it (the commands whose keys,
/// name or words match); `?`, Esc and `q` close it (Esc clears a search first).
public enum HelpView {
    /// Width of the keys column.
    static let keyColumnWidth = 22

    /// The help text: a heading per group, then one line per command with its keys and
    /// title. `:name` says how to run it from the palette.
    public static func lines(keymap: Keymap, glyphs: Glyphs, search: String = "") -> [StyledLine] {
        var lines: [StyledLine] = []
        let words = search.split(separator: " ").map { SearchText.fold(String($0)) }
        func matches(_ command: Command) -> Bool {
            guard !words.isEmpty else { return true }
            let keys = command.keys.map { $0.displayName(glyphs: glyphs) + " " + $0.displayName(glyphs: .ascii) }.joined(separator: " ")
            let text = SearchText.fold("\(keys) :\(command.name.rawValue) \(command.title)")
            return words.allSatisfy { text.contains($0) }
        }
        if !words.isEmpty {
            let count = keymap.commands.filter(matches).count
            lines.append([Span(count == 0 ? "Nothing in help matches \"\(search)\"" : "\(count) command\(count == 1 ? "" : "s") match \"\(search)\"",
                               .accent), Span(" (Esc shows them all)", .dim)])
        }
        for group in CommandGroup.allCases {
            let commands = keymap.commands.filter { $0.group == group && matches($0) }
            guard !commands.isEmpty else { continue }
            if !lines.isEmpty { lines.append([]) }
            lines.append([Span(group.rawValue, .header)])
            for command in commands {
                let keys = command.keys.map { $0.displayName(glyphs: glyphs) }.joined(separator: ", ")
                let keyText = TerminalText.pad(keys.isEmpty ? "(no key)" : keys, toWidth: keyColumnWidth - 2)
                var palette = "  :\(command.name.rawValue)"
                if !command.arguments.isEmpty { palette += " \(command.arguments.joined(separator: "|"))" }
                if let argument = command.argumentName { palette += " [\(argument)]" }
                lines.append([Span("  "), Span(keyText, .hintKey), Span("  "), Span(command.title), Span(palette, .dim)])
            }
        }
        lines.append([])
        lines.append([Span("Filter terms: owner: tier: band: kind: sev: stage: (each list says which it knows) and any words;", .dim)])
        lines.append([Span("accents are optional: kovacs finds Kovács. In a line or a form's text: ←/→, Home/End, Ctrl-A/E/W/U/K.", .dim)])
        lines.append([Span("A ? after a band marks a low-confidence score: it rests mostly on stale or missing inputs (Enter says which).", .dim)])
        lines.append([Span("/ searches this help; Esc or ? closes it.", .dim)])
        return lines
    }

    /// Every command as a Markdown table (group, keys, palette name, what it does): the
    /// README's key list, checked against the table by a test so the two never disagree.
    public static func markdown(keymap: Keymap) -> [String] {
        var lines = ["| keys | command | does |", "|---|---|---|"]
        for group in CommandGroup.allCases {
            for command in keymap.commands where command.group == group {
                let keys = command.keys.map { "`\($0.displayName(glyphs: .ascii).replacingOccurrences(of: "|", with: "\\|"))`" }
                var name = ":\(command.name.rawValue)"
                if let argument = command.argumentName { name += " [\(argument)]" }
                lines.append("| \(keys.isEmpty ? "(none)" : keys.joined(separator: " ")) | `\(name)` | \(command.title) |")
            }
        }
        return lines
    }


    /// Draws the help from `scroll` (no further than a full last page) and says what it showed.
    static func draw(_ state: AppState, scroll: Int, search: HelpSearch?, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        let lines = self.lines(keymap: state.keymap, glyphs: state.glyphs, search: search?.input.text ?? "")
        // A page of help: the body less a line.
        let page = max(1, rect.height - 1)
        let scroll = ListCursor.scroll(lines: scroll, count: lines.count, height: page)
        let end = min(lines.count, scroll + rect.height)
        if scroll < end {
            for index in scroll..<end {
                canvas.put(line: lines[index], at: .init(column: 1, row: rect.row + index - scroll), maxWidth: rect.width - 2)
            }
        }
        return Viewport(screen: nil, scroll: scroll, height: page, count: lines.count)
    }

    /// A key while help is open, by the command the normal table binds it to (the filter
    /// line's while its search is typed).
    static func handle(_ name: CommandName?, key: KeyPress, scroll: Int, search: HelpSearch?, in state: inout AppState) -> [Effect] {
        if var search, search.isTyping {
            switch name {
            case .keepFilter, .historyBack, .historyForward:
                search.isTyping = false
            case .clearFilter:
                state.mode = .help(scroll: 0)
                return []
            case .forceQuit:
                state.isQuitting = true
                return []
            case let name?:
                search.input.apply(name)
            case nil:
                guard case .char(let character) = key else { return [] }
                search.input.insert(String(character))
            }
            state.mode = .help(scroll: 0, search: search.input.isEmpty && !search.isTyping ? nil : search)
            return []
        }
        // A page is what the last frame of help showed.
        let page = state.shown.flatMap { $0.screen == nil ? $0.height : nil } ?? 1
        var scroll = scroll
        switch name {
        case .moveDown: scroll += 1
        case .moveUp: scroll -= 1
        case .pageDown: scroll += page
        case .pageUp: scroll -= page
        case .top: scroll = 0
        case .bottom: scroll = Int.max / 2
        case .filter:
            state.mode = .help(scroll: scroll, search: HelpSearch(search?.input ?? ""))
            return []
        case .back where search != nil:
            state.mode = .help(scroll: 0)
            return []
        case .help, .back, .quit:
            state.mode = .normal
            return []
        case .forceQuit:
            state.isQuitting = true
            return []
        default:
            return []
        }
        // The next frame keeps it within the help's length.
        state.mode = .help(scroll: min(max(0, scroll), Int.max / 2), search: search)
        return []
    }

    /// The bottom line while the search is typed.
    static func drawSearch(_ search: HelpSearch, state: AppState, into canvas: inout Canvas, row: Int) {
        let g = state.glyphs
        FilterLine.drawLine(prompt: "/", input: search.input, help: "Enter keep \(g.dot) Esc clear \(g.dot) search keys, names and words",
                            state: state, into: &canvas, row: row)
    }
}
