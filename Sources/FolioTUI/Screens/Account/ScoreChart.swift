/// The account's score week by week as columns (one a week, oldest left), a few rows high
/// with a scale of 0–100 at the left; each column in its band's style and, so it reads
/// without colour, the band edges named under the chart. A week without a score is a gap.
enum ScoreChart {
    static func lines(scores: [Double?], bands: [String?], height: Int = 4,
                      glyphs g: Glyphs, bandNames: [String]) -> [StyledLine] {
        guard scores.contains(where: { $0 != nil }), height > 0 else { return [] }
        // Eighths of a row when the glyphs have them; the ASCII levels are coarser.
        let levels = g.sparkLevels
        let steps = levels.count
        var out: [StyledLine] = []
        for row in 0..<height {
            let label = row == 0 ? "100" : row == height - 1 ? "  0" : "   "
            var line: StyledLine = [Span("  \(label) ", .dim), Span(g.verticalLine, .border)]
            let bottom = Double(height - 1 - row) * Double(steps)
            for (index, score) in scores.enumerated() {
                guard let score else {
                    line.append(Span(row == height - 1 ? g.sparkGap : " "))
                    continue
                }
                let units = max(1, (min(100, max(0, score)) / 100 * Double(height * steps)).rounded())
                let role = BookView.bandRole(bands[index], bands: bandNames)
                if units >= bottom + Double(steps) {
                    line.append(Span(g.barFilled, role))
                } else if units > bottom {
                    line.append(Span(levels[max(0, min(steps - 1, Int(units - bottom) - 1))], role))
                } else {
                    line.append(Span(" "))
                }
            }
            out.append(line)
        }
        return out
    }
}
