/// A line being typed, with a cursor: the `/` filter, the `:` palette and a form's text
/// fields edit through it as readline does (←/→, Home/End, Ctrl-A/E/W/U/K, Backspace
/// and Del anywhere). A paste is typed at the cursor, its line breaks as spaces: a line
/// holds one line.
public struct TextInput: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public private(set) var text: String
    /// Where the next character goes, in characters from the start (0…count).
    public private(set) var cursor: Int
    /// The most characters it holds; nil for no limit.
    public var maxLength: Int?

    public init(_ text: String = "", maxLength: Int? = nil) {
        let kept = maxLength.map { String(text.prefix($0)) } ?? text
        self.text = kept
        self.cursor = kept.count
        self.maxLength = maxLength
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { text }
    public var isEmpty: Bool { text.isEmpty }

    /// Replaces the whole text, the cursor at its end (history, completion, presets).
    public mutating func set(_ text: String) {
        self = TextInput(text, maxLength: maxLength)
    }

    /// Types `typed` at the cursor; returns how many characters did not fit under the limit.
    @discardableResult
    public mutating func insert(_ typed: String) -> Int {
        let line = Self.oneLine(typed)
        let room = maxLength.map { max(0, $0 - text.count) } ?? line.count
        let kept = String(line.prefix(room))
        let at = index(cursor)
        text.insert(contentsOf: kept, at: at)
        cursor += kept.count
        return line.count - kept.count
    }

    /// A paste as one line: line breaks and tabs become spaces (a trailing break goes),
    /// other control characters go.
    static func oneLine(_ typed: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in typed {
            if character == "\n" || character == "\r\n" || character == "\r" || character == "\t" {
                pendingSpace = !out.isEmpty
                continue
            }
            if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) { continue }
            if pendingSpace, out.last != " ", character != " " { out.append(" ") }
            pendingSpace = false
            out.append(character)
        }
        return out
    }

    /// Applies an editing command; false when it is not one (the caller handles it).
    @discardableResult
    public mutating func apply(_ name: CommandName) -> Bool {
        switch name {
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(text.count, cursor + 1)
        case .lineStart: cursor = 0
        case .lineEnd: cursor = text.count
        case .deleteBack:
            guard cursor > 0 else { return true }
            text.remove(at: index(cursor - 1))
            cursor -= 1
        case .deleteForward:
            guard cursor < text.count else { return true }
            text.remove(at: index(cursor))
        case .deleteWord:
            // Back over spaces, then over the word (Ctrl-W as in a shell).
            var start = cursor
            let characters = Array(text)
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            text.removeSubrange(index(start)..<index(cursor))
            cursor = start
        case .clearLine:
            text.removeSubrange(text.startIndex..<index(cursor))
            cursor = 0
        case .deleteToEnd:
            text.removeSubrange(index(cursor)..<text.endIndex)
        default:
            return false
        }
        return true
    }

    /// The commands that edit a line.
    public static let editing: Set<CommandName> = [.cursorLeft, .cursorRight, .lineStart, .lineEnd, .deleteBack, .deleteForward,
                                                   .deleteWord, .clearLine, .deleteToEnd]

    private func index(_ offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: max(0, min(offset, text.count)))
    }

    /// What shows of it in `width` cells with the cursor in sight: the text before the
    /// cursor, the character under it (a space at the end), and what follows; a long line
    /// scrolls so the cursor stays in view.
    public func visible(width: Int) -> (before: String, atCursor: String, after: String) {
        let characters = Array(TerminalText.sanitize(text))
        let cursor = min(self.cursor, characters.count)
        let width = max(2, width)
        var start = 0
        // Keep the cursor inside the width: drop characters from the left as needed.
        while start < cursor, DisplayWidth.of(String(characters[start..<cursor])) >= width - 1 { start += 1 }
        let before = String(characters[start..<cursor])
        let atCursor = cursor < characters.count ? String(characters[cursor]) : " "
        var after = ""
        var used = DisplayWidth.of(before) + DisplayWidth.of(atCursor)
        if cursor + 1 < characters.count {
            for character in characters[(cursor + 1)...] {
                let w = DisplayWidth.of(String(character))
                if used + w > width { break }
                after.append(character)
                used += w
            }
        }
        return (before, atCursor, after)
    }
}

// Editing a line (the filter, the palette, a form's text field).
extension CommandName {
    public static let cursorLeft = CommandName("cursor-left")
    public static let cursorRight = CommandName("cursor-right")
    public static let lineStart = CommandName("line-start")
    public static let lineEnd = CommandName("line-end")
    public static let deleteForward = CommandName("delete-forward")
    public static let deleteWord = CommandName("delete-word")
    public static let deleteToEnd = CommandName("delete-to-end")
    public static let historyBack = CommandName("history-back")
    public static let historyForward = CommandName("history-forward")
}
