/// What the dashboard's bars are drawn with: block characters, or ASCII stand-ins when the
/// locale is not UTF-8 (as the sparkline's levels). Every glyph is one cell wide.
extension Glyphs {
    /// The filled part of a bar.
    public var barFilled: String { isUnicode ? "█" : "#" }
    /// The rest of a rate's bar, up to 100 %.
    public var barTrack: String { isUnicode ? "░" : "." }
    /// Accounts with no band in a stacked bar.
    public var barUnscored: String { isUnicode ? "·" : "_" }

    /// One pattern per band, worst first, each told apart by its shape (monochrome reads):
    /// dense for the worst band, light for the best.
    public func bandPatterns(count: Int) -> [String] {
        let all = isUnicode ? ["█", "▓", "▒", "░", "▚", "▞"] : ["#", "%", "=", ":", "x", "o"]
        let picks: [Int] = switch count {
        case 0: []
        case 1: [0]
        case 2: [0, 3]
        case 3: [0, 2, 3]
        default: Array(0..<count)
        }
        return picks.map { all[$0 % all.count] }
    }
}
