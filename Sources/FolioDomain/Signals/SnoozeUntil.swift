/// The day a snoozed alert reopens, as a person writes it: a date (`2026-12-01`) or a
/// number of days or weeks from the as-of day (`3d`, `2w`). `folio alerts snooze --until`
/// and the interface's snooze form read it the same way.
public enum SnoozeUntil {
    /// The quick choices the interface offers, shortest first.
    public static let presets = ["1d", "3d", "1w", "2w"]

    /// The day meant, or nil when the text is neither a date nor `Nd`/`Nw` (1 ≤ N < 3650).
    public static func day(_ text: String, from asOf: Day) -> Day? {
        let text = text.trimmingWhitespace
        if let day = try? Day(input: text) { return day }
        guard let unit = text.last, let n = Int(text.dropLast()), n > 0, n < 3_650 else { return nil }
        switch unit {
        case "d": return asOf.adding(days: n)
        case "w": return asOf.adding(days: 7 * n)
        default: return nil
        }
    }
}
