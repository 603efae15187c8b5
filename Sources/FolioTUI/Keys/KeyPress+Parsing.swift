/// Keys as a person writes them in `config.yaml`: the names help shows ("j", "Enter",
/// "PgDn", "Ctrl-D", "F5", "↓"), any case for the named keys, plus a few common
/// spellings ("Escape", "PageDown", "Down").
extension KeyPress {
    /// Why a written key was refused, in words for the config error.
    public struct ParseError: Error, Hashable, Sendable {
        public var message: String
    }

    static let namedKeys: [String: KeyPress] = [
        "space": .char(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
        "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace,
        "del": .delete, "delete": .delete, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        "home": .home, "end": .end, "up": .up, "down": .down, "left": .left, "right": .right,
        "↑": .up, "↓": .down, "←": .left, "→": .right,
    ]

    /// Control chords a terminal sends as another key, or that folio keeps for itself.
    static let reservedControls: [Character: String] = [
        "m": "is Enter to a terminal; write Enter", "j": "is Enter to a terminal; write Enter",
        "i": "is Tab to a terminal; write Tab", "h": "is Backspace to a terminal; write Backspace",
        "[": "is Esc to a terminal; write Esc", "z": "suspends folio (as in a shell) and cannot be bound",
    ]

    /// Characters a Ctrl chord may name besides letters (as `Key.decode` reports them).
    static let controlPunctuation: Set<Character> = ["@", "\\", "]", "^", "_"]

    /// Reads one key as written in the config.
    public init(parsing text: String) throws(ParseError) {
        let lowered = text.lowercased()
        if let key = Self.namedKeys[lowered] {
            self = key
            return
        }
        if text.count == 1, let character = text.first {
            guard !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ParseError(message: "a control character is not a key; write it as Ctrl-X")
            }
            self = .char(character)
            return
        }
        if lowered.hasPrefix("ctrl-") || lowered.hasPrefix("ctrl+") {
            let rest = text.dropFirst(5)
            guard rest.count == 1, let written = rest.first else {
                throw ParseError(message: "\"\(text)\" is not a key; a control chord is Ctrl- and one letter, e.g. Ctrl-D")
            }
            let character = written.lowercased().first ?? written
            if let reason = Self.reservedControls[character] {
                throw ParseError(message: "Ctrl-\(written.uppercased()) \(reason)")
            }
            guard ("a"..."z").contains(character) || Self.controlPunctuation.contains(character) else {
                throw ParseError(message: "\"\(text)\" is not a key; a control chord is Ctrl- and one letter, e.g. Ctrl-D")
            }
            self = .ctrl(character)
            return
        }
        if lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...12).contains(number) {
            self = .function(number)
            return
        }
        throw ParseError(message: "\"\(text)\" is not a key; write one character (j, Q, ?), a name (Enter, Esc, Tab, Space, "
                                  + "Backspace, Del, Up, Down, Left, Right, PgUp, PgDn, Home, End, F1–F12) or Ctrl-X")
    }
}
