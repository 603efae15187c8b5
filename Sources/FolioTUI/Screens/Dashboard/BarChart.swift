/// Horizontal bars in glyphs, scaled to the cells they are given; the numbers are printed
/// next to them by the caller, so a bar is a picture of a figure, never the figure itself.
enum BarChart {
    /// Cells for `value` out of `scale` over `width`: rounded, and at least one for a value
    /// above zero (a small figure stays visible; its number says how small).
    static func cells(_ value: Double, of scale: Double, width: Int) -> Int {
        guard width > 0, scale > 0, value.isFinite, value > 0 else { return 0 }
        return min(width, max(1, Int((value / scale * Double(width)).rounded())))
    }

    /// A bar exactly `width` cells wide: the value filled, then the track (or blanks).
    static func bar(_ value: Double, of scale: Double, width: Int, glyphs g: Glyphs, role: StyleRole = .accent,
                    showsTrack: Bool = false) -> StyledLine {
        let filled = cells(value, of: scale, width: width)
        let rest = max(0, width - filled)
        return [Span(String(repeating: g.barFilled, count: filled), role),
                Span(String(repeating: showsTrack ? g.barTrack : " ", count: rest), .dim)]
    }

    /// A rate from 0 to 100 %, with its track; an empty group (no rate) is a blank bar.
    static func rate(_ rate: Double?, width: Int, glyphs g: Glyphs, role: StyleRole = .accent) -> StyledLine {
        guard let rate else { return [Span(String(repeating: " ", count: max(0, width)))] }
        return bar(rate, of: 1, width: width, glyphs: g, role: role, showsTrack: true)
    }

    /// One segment of a stacked bar.
    struct Segment {
        var count: Int
        var glyph: String
        var role: StyleRole
    }

    /// Segments side by side, their total scaled to `scale` over `width` cells and padded to
    /// `width`. Cells go by largest remainder, so the segments add up to the bar; a segment
    /// above zero gets at least one cell (one Red account among 150 stays visible), taken
    /// from the largest.
    static func stacked(_ segments: [Segment], of scale: Int, width: Int) -> StyledLine {
        guard width > 0 else { return [] }
        let total = segments.reduce(0) { $0 + max(0, $1.count) }
        let target = scale > 0 ? min(width, Int((Double(total) / Double(scale) * Double(width)).rounded())) : 0
        let exact = segments.map { scale > 0 ? Double(max(0, $0.count)) / Double(scale) * Double(width) : 0 }
        var cells = exact.map { Int($0) }
        var left = target - cells.reduce(0, +)
        for index in exact.indices.sorted(by: { exact[$0] - Double(cells[$0]) > exact[$1] - Double(cells[$1]) }) where left > 0 {
            if segments[index].count > 0 { cells[index] += 1; left -= 1 }
        }
        for index in segments.indices where segments[index].count > 0 && cells[index] == 0 {
            guard let largest = cells.indices.max(by: { cells[$0] < cells[$1] }), cells[largest] > 1 else { break }
            cells[largest] -= 1
            cells[index] = 1
        }
        var line: StyledLine = []
        for (segment, count) in zip(segments, cells) where count > 0 {
            line.append(Span(String(repeating: segment.glyph, count: count), segment.role))
        }
        let drawn = cells.reduce(0, +)
        if drawn < width { line.append(Span(String(repeating: " ", count: width - drawn))) }
        return line
    }
}
