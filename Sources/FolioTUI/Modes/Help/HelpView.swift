/// The `?` screen, generated from the keymap so it can never disagree with it.
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
}
