/// A key, the one type for it: the terminal backend decodes curses' codes straight into
/// these (FolioTerminal's `TerminalEvent.decode`), the keymap binds them, config.yaml
/// names them.
public enum KeyPress: Hashable, Sendable {
    case char(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete
    case tab, backTab
    /// A control chord, named by its lowercase letter: Ctrl-D is `.ctrl("d")`.
    case ctrl(Character)
    case function(Int)

    /// How the key is written in hints and help ("Enter", "PgDn", "Ctrl-D", "?").
    public func displayName(glyphs: Glyphs = .unicode) -> String {
        switch self {
        case .char(" "): return "Space"
        case .char(let character): return String(character)
        case .up: return glyphs.isUnicode ? "↑" : "Up"
        case .down: return glyphs.isUnicode ? "↓" : "Down"
        case .left: return glyphs.isUnicode ? "←" : "Left"
        case .right: return glyphs.isUnicode ? "→" : "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .ctrl(let character): return "Ctrl-" + String(character).uppercased()
        case .function(let number): return "F\(number)"
        }
    }
}
