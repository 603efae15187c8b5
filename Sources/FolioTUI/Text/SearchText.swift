import Foundation

/// Text as the `/` filter compares it: lowercased, accents taken off (`kovacs` finds
/// Kovács, `sao` São), full-width letters as plain ones, and the few letters that do not
/// decompose spelled out (ø, ł, ß, æ…).
public enum SearchText {
    public static func fold(_ text: String) -> String {
        // ASCII needs only lowercasing: most names, and the cheap path for 100,000 of them.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let spelled = spelledOut[scalar] {
                out.append(contentsOf: spelled.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Letters with a stroke or a ligature: no accent to take off, so spelled as people type them.
    static let spelledOut: [Unicode.Scalar: String] = [
        "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d",
    ]

    /// Whether `value` (folded) has a word starting with `prefix` (folded), or starts with it.
    static func hasWord(_ value: String, startingWith prefix: String) -> Bool {
        if value.hasPrefix(prefix) { return true }
        return value.split(whereSeparator: { " -._,@/()".contains($0) }).contains { $0.hasPrefix(prefix) }
    }
}
