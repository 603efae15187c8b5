import FolioDomain

/// How the dashboard writes its numbers: counts with their totals ("18 of 20 (90 %)"), and
/// "not enough data" for an empty group, never 0 % (as `folio report`).
enum DashboardFigures {
    static let notEnoughData = "not enough data"

    static func percent(_ rate: Double) -> String { "\(Int((rate * 100).rounded())) %" }

    /// "18 of 20 (90 %)", or "not enough data" when there is nothing to count.
    static func ratio(_ r: Ratio) -> String {
        guard let rate = r.rate else { return notEnoughData }
        return "\(r.count) of \(r.of) (\(percent(rate)))"
    }

    /// "4.5 h" under ten hours, "27 h" above.
    static func hours(_ h: Double) -> String {
        h < 10 ? "\((h * 10).rounded() / 10) h" : "\(Int(h.rounded())) h"
    }

    /// "+17 points", "−4 points".
    static func points(_ p: Double, glyphs g: Glyphs) -> String {
        let rounded = Int(p.rounded())
        return rounded > 0 ? "+\(rounded) points" : rounded < 0 ? "\(g.minus)\(-rounded) points" : "0 points"
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// Text padded (or cut with an ellipsis) to exactly `width` cells.
    static func fit(_ text: String, _ width: Int, glyphs g: Glyphs, alignment: TextAlignment = .left) -> String {
        let clean = TerminalText.sanitize(text)
        let cut = DisplayWidth.of(clean) > width ? TerminalText.truncate(clean, toWidth: width, ellipsis: g.ellipsis) : clean
        return TerminalText.pad(cut, toWidth: width, alignment: alignment)
    }
}
