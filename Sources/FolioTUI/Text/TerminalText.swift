/// Where text sits inside a wider space.
public enum TextAlignment: Sendable, Hashable {
    case left
    case right
    case center
}

/// The one gate between data and the screen (DESIGN §1.2). Names, notes and email
/// subjects come from CSV files and people; a name holding `ESC]0;…BEL` must not
/// retitle the window, `ESC[2J` must not clear it, U+202E must not reverse the row.
///
/// What `sanitize` does, character by character:
/// - C0 controls and DEL become caret notation (`ESC` → `^[`, `BEL` → `^G`, DEL → `^?`);
/// - C1 controls (U+0080–U+009F) become `<U+009B>`;
/// - tab, newline, carriage return, VT, FF, NEL, U+2028 and U+2029: each run becomes one space;
/// - bidi embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069,
///   U+200E, U+200F, U+061C) are removed: a marker would be noise in every RTL name,
///   and without them the terminal's own layout applies;
/// - zero-width characters (U+200B, U+200C, U+2060–U+2064, U+FEFF and the other
///   format characters) are removed, except the joiner, tags and selectors inside an
///   emoji sequence (a ZWJ family, a subdivision flag), which are what makes it one picture;
/// - more than four combining marks on one character are dropped ("Zalgo" text would
///   otherwise overflow the terminal cell);
/// - U+FFFD (how invalid UTF-8 arrives) is kept and shown as `�`.
/// Sanitizing is idempotent, and clean printable ASCII is returned untouched without
/// allocating (the fast path: this runs for every visible cell of every frame).
public enum TerminalText {
    /// The most combining marks kept on one base character.
    public static let maxCombiningMarks = 4

    /// The text with every control, bidi and zero-width hazard made harmless.
    public static func sanitize(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for character in text {
            if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
                if pendingSpace { output.append(" "); pendingSpace = false }
                output.append(Unicode.Scalar(ascii))
                continue
            }
            let scalars = Array(character.unicodeScalars)
            let isEmojiSequence = scalars.count > 1 && scalars[0].properties.isEmoji
            var combiningMarks = 0
            for (index, scalar) in scalars.enumerated() {
                let value = scalar.value
                if isLineBreak(value) {
                    pendingSpace = true
                    continue
                }
                var replacement: String? = nil
                if value < 0x20 {
                    replacement = "^" + String(Unicode.Scalar(UInt8(value) + 0x40))
                } else if value == 0x7F {
                    replacement = "^?"
                } else if value >= 0x80 && value < 0xA0 {
                    replacement = "<U+" + hex4(value) + ">"
                } else if scalar.properties.generalCategory == .format {
                    // A joiner or tag between emoji is part of the picture; anywhere else it is invisible.
                    let isInsideEmoji = isEmojiSequence && index + 1 < scalars.count
                        && (value == 0x200D || (0xE0020...0xE007F).contains(value))
                    let isEmojiTagEnd = isEmojiSequence && value == 0xE007F
                    if !(isInsideEmoji || isEmojiTagEnd) { continue }
                } else if isCombiningMark(scalar) {
                    combiningMarks += 1
                    if combiningMarks > maxCombiningMarks { continue }
                }
                if pendingSpace { output.append(" "); pendingSpace = false }
                if let replacement {
                    output.append(contentsOf: replacement.unicodeScalars)
                } else {
                    output.append(scalar)
                }
            }
        }
        if pendingSpace { output.append(" ") }
        return String(output)
    }

    /// The text cut to at most `width` cells, ending in `ellipsis` when something was
    /// cut (pass `glyphs.ellipsis`: `…`, or `~` in ASCII mode). A wide character that
    /// does not fit is left out, so the result may be one cell narrower than `width`.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if text.utf8.count <= width, isPlainASCII(text) { return text }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard ellipsisWidth <= width else { return String(repeating: ".", count: width) }
        let budget = width - ellipsisWidth
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > budget { break }
            result.append(character)
            used += characterWidth
        }
        return result + ellipsis
    }

    /// The text padded with spaces to `width` cells; text already as wide or wider is
    /// returned unchanged (truncate first).
    public static func pad(_ text: String, toWidth width: Int, alignment: TextAlignment = .left) -> String {
        let missing = width - DisplayWidth.of(text)
        guard missing > 0 else { return text }
        switch alignment {
        case .left:
            return text + String(repeating: " ", count: missing)
        case .right:
            return String(repeating: " ", count: missing) + text
        case .center:
            let left = missing / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: missing - left)
        }
    }

    /// Sanitized, truncated and padded to exactly `width` cells: one call for a table cell.
    public static func fit(_ text: String, toWidth width: Int, alignment: TextAlignment = .left, ellipsis: String = "…") -> String {
        pad(truncate(sanitize(text), toWidth: width, ellipsis: ellipsis), toWidth: width, alignment: alignment)
    }

    /// True when every byte is printable ASCII (0x20–0x7E): nothing to sanitize.
    static func isPlainASCII(_ text: String) -> Bool {
        var clean = true
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F {
            clean = false
            break
        }
        return clean
    }

    private static func isLineBreak(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark:
            // Variation selectors are marks too, but they pick a presentation, not a glyph.
            return !(0xFE00...0xFE0F).contains(scalar.value) && !(0xE0100...0xE01EF).contains(scalar.value)
        default:
            return false
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
