/// A bordered box over the middle of the body, for forms and questions.
enum Panel {
    static func frame(_ rect: Canvas.Rect) -> Canvas.Rect {
        let width = min(rect.width, max(56, min(84, rect.width - 8)))
        return Canvas.Rect(column: rect.column + (rect.width - width) / 2, row: rect.row, width: width, height: rect.height)
    }

    static func innerWidth(_ rect: Canvas.Rect) -> Int { frame(rect).width - 4 }
    static func innerHeight(_ rect: Canvas.Rect) -> Int { max(1, rect.height - 2) }

    static func draw(_ lines: [StyledLine], glyphs g: Glyphs, into canvas: inout Canvas, rect: Canvas.Rect) {
        var box = frame(rect)
        let shown = Array(lines.prefix(innerHeight(rect)))
        box.height = min(rect.height, shown.count + 2)
        box.row = rect.row + max(0, (rect.height - box.height) / 3)
        canvas.fill(box, role: .normal)
        let bottom = box.row + box.height - 1
        canvas.fill(Canvas.Rect(column: box.column, row: box.row, width: box.width, height: 1), with: Character(g.horizontalLine), role: .border)
        canvas.fill(Canvas.Rect(column: box.column, row: bottom, width: box.width, height: 1), with: Character(g.horizontalLine), role: .border)
        for row in (box.row + 1)..<max(box.row + 1, bottom) {
            canvas.put(text: g.verticalLine, at: .init(column: box.column, row: row), role: .border)
            canvas.put(text: g.verticalLine, at: .init(column: box.column + box.width - 1, row: row), role: .border)
        }
        let corners = g.isUnicode ? ["┌", "┐", "└", "┘"] : ["+", "+", "+", "+"]
        canvas.put(text: corners[0], at: .init(column: box.column, row: box.row), role: .border)
        canvas.put(text: corners[1], at: .init(column: box.column + box.width - 1, row: box.row), role: .border)
        canvas.put(text: corners[2], at: .init(column: box.column, row: bottom), role: .border)
        canvas.put(text: corners[3], at: .init(column: box.column + box.width - 1, row: bottom), role: .border)
        for (index, line) in shown.enumerated() {
            canvas.put(line: line, at: .init(column: box.column + 2, row: box.row + 1 + index), maxWidth: box.width - 4)
        }
    }
}
