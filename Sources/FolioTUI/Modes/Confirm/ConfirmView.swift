/// A yes/no question in a panel: the question, what will change, then [ No ] [ Yes ]
/// with the chosen button highlighted and bracketed (No until ← / → moves).
enum ConfirmView {
    /// Lines of a letter wrapped at words to the panel's width on a terminal this wide, as
    /// a mail reader would show them (the panel indents details by two).
    static func wrapped(_ lines: [String], width terminalWidth: Int) -> [String] {
        let width = max(20, Panel.innerWidth(Canvas.Rect(column: 0, row: 0, width: terminalWidth, height: 1)) - 2)
        return lines.flatMap { line -> [String] in
            guard DisplayWidth.of(line) > width else { return [line] }
            let indent = String(line.prefix { $0 == " " })
            return AccountView.wrap(line, width: width - indent.count, role: .normal).map { indent + $0.plainText }
        }
    }

    /// The question, as many details as fit from `scroll` on (with a line saying more
    /// follow), then the buttons.
    static func lines(_ confirmation: Confirmation, glyphs g: Glyphs, height: Int = .max) -> [StyledLine] {
        var lines: [StyledLine] = [[Span(confirmation.question, .title, bold: true)]]
        let room = max(1, height - 3)
        let details = confirmation.details.map { [Span("  " + $0)] as StyledLine }
        if details.count <= room {
            lines += details
        } else {
            let start = min(confirmation.scroll, details.count - (room - 1))
            lines += details.dropFirst(start).prefix(room - 1)
            let left = details.count - start - (room - 1)
            lines.append([Span(left > 0 ? "  \(g.arrow) \(left) more lines (\(g.isUnicode ? "↓" : "j") scrolls)" : "  (end)", .dim)])
        }
        if lines.count < height - 1 { lines.append([]) }
        let no = !confirmation.isYesSelected
        lines.append([Span("  "), Span(no ? "[ No ]" : "  No  ", no ? .selection : .normal, bold: no), Span("   "),
                      Span(no ? "  \(confirmation.yesLabel)  " : "[ \(confirmation.yesLabel) ]", no ? .normal : .selection, bold: !no)])
        return lines
    }

    static func draw(_ confirmation: Confirmation, state: AppState, into canvas: inout Canvas, rect: Canvas.Rect) {
        Panel.draw(lines(confirmation, glyphs: state.glyphs, height: Panel.innerHeight(rect)), glyphs: state.glyphs, into: &canvas, rect: rect)
    }
}
