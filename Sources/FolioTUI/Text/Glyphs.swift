/// The symbols the interface draws, in a Unicode set and an ASCII set; the ASCII set
/// is used when the locale is not UTF-8 (DESIGN §1.2). Every glyph is one cell wide.
public struct Glyphs: Hashable, Sendable {
    public let isUnicode: Bool
    /// Health bands: shape carries the band, so colour is never the only carrier.
    public let bandRed: String
    public let bandYellow: String
    public let bandGreen: String
    /// No score yet (no data).
    public let bandNone: String
    public let trendUp: String
    public let trendDown: String
    public let trendFlat: String
    /// Sparkline levels, lowest first.
    public let sparkLevels: [String]
    /// A week with no data in a sparkline.
    public let sparkGap: String
    public let ellipsis: String
    public let horizontalLine: String
    public let verticalLine: String
    /// Marks the selected row for people who cannot see the selection colour.
    public let selectionMarker: String

    public static let unicode = Glyphs(
        isUnicode: true,
        bandRed: "●", bandYellow: "◐", bandGreen: "○", bandNone: "·",
        trendUp: "▲", trendDown: "▼", trendFlat: "▶",
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], sparkGap: " ",
        ellipsis: "…", horizontalLine: "─", verticalLine: "│", selectionMarker: "▸"
    )

    /// ASCII fallbacks. The sparkline uses ".:-=+*#" for values (levels 1–7 of
    /// " .:-=+*#") so the lowest value stays visible and the blank stays the gap.
    public static let ascii = Glyphs(
        isUnicode: false,
        bandRed: "R", bandYellow: "Y", bandGreen: "G", bandNone: "-",
        trendUp: "^", trendDown: "v", trendFlat: ">",
        sparkLevels: [".", ":", "-", "=", "+", "*", "#"], sparkGap: " ",
        ellipsis: "~", horizontalLine: "-", verticalLine: "|", selectionMarker: ">"
    )

    /// The set for a locale: Unicode when it is UTF-8.
    public static func forLocale(isUTF8: Bool) -> Glyphs {
        isUTF8 ? .unicode : .ascii
    }

    /// The set for a process environment, read the way setlocale(LC_ALL, "") would:
    /// the first non-empty of LC_ALL, LC_CTYPE, LANG decides.
    public static func forEnvironment(_ environment: [String: String]) -> Glyphs {
        forLocale(isUTF8: localeIsUTF8(environment: environment))
    }

    public static func localeIsUTF8(environment: [String: String]) -> Bool {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let lowered = name.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }

    /// A sparkline exactly `width` cells wide of the last `width` values, the most
    /// recent on the right; earlier cells are blank when there are fewer values.
    /// Values are scaled to `range` when given (scores: 0…100, so lines of different
    /// accounts compare and a 2-point wobble stays a wobble), else to the min…max of the
    /// values shown; a flat series then sits on the middle level; nil (or a non-finite
    /// value) is a gap.
    public func sparkline(values: [Double?], width: Int, range: ClosedRange<Double>? = nil) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width).map { value -> Double? in
            guard let value, value.isFinite else { return nil }
            return value
        }
        let present = shown.compactMap { $0 }
        let low = range?.lowerBound ?? present.min() ?? 0
        let high = range?.upperBound ?? present.max() ?? 0
        let top = sparkLevels.count - 1
        var line = String(repeating: " ", count: width - shown.count)
        for value in shown {
            guard let value else {
                line += sparkGap
                continue
            }
            if high == low {
                line += sparkLevels[top / 2]
            } else {
                let level = Int(((value - low) / (high - low) * Double(top)).rounded())
                line += sparkLevels[min(top, max(0, level))]
            }
        }
        return line
    }

    /// The trend glyph for a change: up, down, or flat within `tolerance`.
    public func trend(_ change: Double, tolerance: Double = 0) -> String {
        if change > tolerance { return trendUp }
        if change < -tolerance { return trendDown }
        return trendFlat
    }
}
