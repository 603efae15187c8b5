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
