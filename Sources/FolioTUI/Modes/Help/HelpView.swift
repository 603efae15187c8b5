/// The `?` screen, generated from the keymap so it can never disagree with it. It takes
/// the normal table's moving keys to scroll; `?`, Esc and `q` close it.
public enum HelpView {
    /// Width of the keys column.
    static let keyColumnWidth = 22

    /// The help text: a heading per group, then one line per command with its keys and
    /// title. `:name` says how to run it from the palette.
    public static func lines(keymap: Keymap, glyphs: Glyphs) -> [StyledLine] {
        var lines: [StyledLine] = []
        for group in CommandGroup.allCases {
            let commands = keymap.commands.filter { $0.group == group }
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
        lines.append([Span("Filter terms: band:red tier:ent stage:renewal and any words of the name or id.", .dim)])
        lines.append([Span("Esc or ? closes this help.", .dim)])
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

    /// A page of help: the screen less four lines.
    static func pageHeight(_ size: ScreenSize) -> Int { max(1, size.height - 4) }

    /// Draws the help from `scroll` (no further than a full last page) and says what it showed.
    static func draw(_ state: AppState, scroll: Int, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        let lines = self.lines(keymap: state.keymap, glyphs: state.glyphs)
        let page = pageHeight(state.size)
        let scroll = ListCursor.scroll(lines: scroll, count: lines.count, height: page)
        let end = min(lines.count, scroll + rect.height)
        if scroll < end {
            for index in scroll..<end {
                canvas.put(line: lines[index], at: .init(column: 1, row: rect.row + index - scroll), maxWidth: rect.width - 2)
            }
        }
        return Viewport(screen: nil, scroll: scroll, height: page, count: lines.count)
    }

    /// A key while help is open, by the command the normal table binds it to.
    static func handle(_ name: CommandName?, scroll: Int, in state: inout AppState) -> [Effect] {
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
        state.mode = .help(scroll: min(max(0, scroll), Int.max / 2))
        return []
    }
}

