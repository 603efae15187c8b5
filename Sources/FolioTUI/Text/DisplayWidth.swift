/// How many terminal cells a character takes, computed from Unicode data rather than
/// libc's `wcwidth`, whose answer depends on the locale and the C library.
///
/// East Asian Wide/Fullwidth characters and emoji presentation take 2 cells; combining
/// marks and format characters take 0; control characters take 0 here because the
/// sanitizer (`TerminalText`) replaces them with visible text first.
public enum DisplayWidth {
    /// The width of one grapheme cluster.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue {
            return ascii >= 0x20 && ascii < 0x7F ? 1 : 0
        }
        let scalars = character.unicodeScalars
        guard let base = scalars.first else { return 0 }
        if scalars.count == 1 { return of(base) }

        var hasEmojiPresentationSelector = false
        var hasTextPresentationSelector = false
        var hasJoinerOrModifier = false
        for scalar in scalars.dropFirst() {
            switch scalar.value {
            case 0xFE0F: hasEmojiPresentationSelector = true
            case 0xFE0E: hasTextPresentationSelector = true
            case 0x200D, 0x1F3FB...0x1F3FF: hasJoinerOrModifier = true
            case 0x1F1E6...0x1F1FF where isRegionalIndicator(base): return 2 // a flag
            default: break
            }
        }
        let baseWidth = of(base)
        if base.properties.isEmoji {
            if hasTextPresentationSelector { return 1 }
            if hasEmojiPresentationSelector || hasJoinerOrModifier { return 2 }
        }
        return baseWidth
    }

    /// The width of a string: the sum of its graphemes' widths.
    public static func of(_ text: String) -> Int {
        var asciiWidth = 0
        var isASCII = true
        for byte in text.utf8 {
            if byte >= 0x80 { isASCII = false; break }
            if byte >= 0x20 && byte < 0x7F { asciiWidth += 1 }
        }
        if isASCII { return asciiWidth }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The width of a single scalar on its own.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        if value < 0x300 { return 1 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(value) { return 2 }
        if value >= 0x2300, scalar.properties.isEmojiPresentation {
            return isRegionalIndicator(scalar) ? 1 : 2
        }
        return 1
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // Hangul medial vowels and final consonants join the preceding initial.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        case .format: return value != 0x00AD && !(0x0600...0x0605).contains(value)
        default: return false
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, Unicode 15, outside the emoji
    /// blocks (those are answered by the Emoji_Presentation property).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1,
        0x17000...0x18CFF, 0x18D00...0x18D08, 0x1AFF0...0x1B2FF, 0x1F200...0x1F202,
        0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ value: UInt32) -> Bool {
        if value < 0x1100 { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
