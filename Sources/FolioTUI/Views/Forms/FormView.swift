/// A form drawn as a panel over the view: its title, what it acts on, each field with its
/// label and value (a choice shows every option, the chosen one highlighted, or ‹ value ›
/// when they do not fit), a note under the focused field and every problem under its
/// field. On a short terminal notes and context go first, then the panel scrolls to the
/// focused field.
enum FormView {
    static let labelWidth = 12

    static func lines(_ form: Form, width: Int, glyphs g: Glyphs, height: Int) -> [StyledLine] {
        let valueWidth = max(8, width - labelWidth - 4)
        func fieldLines(_ index: Int, withNote: Bool) -> [StyledLine] {
            let field = form.fields[index]
            let focused = index == form.focus
            var line: StyledLine = [Span(focused ? "\(g.selectionMarker) " : "  ", .hintKey),
                                    Span(TerminalText.pad(field.label, toWidth: labelWidth - 2), focused ? .header : .normal, bold: focused)]
            switch field.kind {
            case .text:
                let shown = TerminalText.sanitize(field.value)
                // The end of a long value stays in view while typing.
                let visible = DisplayWidth.of(shown) < valueWidth - 1 ? shown : String(shown.suffix(valueWidth - 2))
                line.append(Span(visible, .input))
                if focused { line.append(Span("_", .input)) }
                if focused, !field.presets.isEmpty { line.append(Span("  \(field.presets.joined(separator: " "))", .dim)) }
            case .choice(let options):
                let all = options.joined(separator: "  ")
                if DisplayWidth.of(all) + 2 <= valueWidth {
                    for (k, option) in options.enumerated() {
                        if k > 0 { line.append(Span("  ")) }
                        let chosen = option == field.value
                        line.append(Span(chosen ? "[\(option)]" : " \(option) ", chosen ? (focused ? .selection : .input) : .dim, bold: chosen))
                    }
                } else {
                    line.append(Span("\(g.isUnicode ? "‹" : "<") \(field.value) \(g.isUnicode ? "›" : ">")", focused ? .selection : .input))
                }
            }
            var out = [line]
            // Problems wrap under the field, whole: a message cut short is no message.
            let indent = Span(String(repeating: " ", count: labelWidth))
            if let problem = field.problem {
                out += AccountView.wrap("! \(problem)", width: valueWidth, role: .error).map { [indent] + $0 }
            } else if withNote, focused, let note = field.note {
                out += AccountView.wrap(note, width: valueWidth, role: .dim).map { [indent] + $0 }
            }
            return out
        }
        var head: [StyledLine] = [[Span(form.title, .title, bold: true)]]
        let context = form.context.map { [Span($0, .dim)] as StyledLine }
        var body: [StyledLine] = []
        var focusedLine = 0
        for index in form.fields.indices {
            if index == form.focus { focusedLine = body.count }
            body += fieldLines(index, withNote: true)
        }
        var tail: [StyledLine] = []
        if let error = form.error { tail += AccountView.wrap("! \(error)", width: width, role: .error) }
        // As much as fits: title, context, a blank, the fields, the error.
        if head.count + context.count + 1 + body.count + tail.count <= height {
            return head + context + [[]] + body + tail
        }
        if head.count + context.prefix(1).count + body.count + tail.count <= height {
            return head + context.prefix(1) + body + tail
        }
        head += tail
        let room = max(1, height - head.count)
        let start = max(0, min(focusedLine - room / 2, body.count - room))
        return head + body.dropFirst(start).prefix(room)
    }

    static func draw(_ form: Form, state: AppState, into canvas: inout Canvas, rect: Canvas.Rect) {
        Panel.draw(lines(form, width: Panel.innerWidth(rect), glyphs: state.glyphs, height: Panel.innerHeight(rect)),
                   glyphs: state.glyphs, into: &canvas, rect: rect)
    }
}

/// A yes/no question in a panel: the question, what will change, then [ No ] [ Yes ]
/// with the chosen button highlighted and bracketed (No until ← / → moves).
enum ConfirmView {
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
