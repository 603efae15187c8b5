/// A column of a list view's table: a header, a minimum width, how far it may grow, and a
/// priority (higher survives longer on a narrow terminal, DESIGN §1.2).
struct ListColumn<ID: Hashable>: Hashable {
    var id: ID
    var header: String
    var width: Int
    var alignment: TextAlignment = .left
    var priority: Int
    /// Takes spare width up to this (nil: as much as there is); 0 keeps the width fixed.
    var grows: Int? = 0

    init(_ id: ID, _ header: String, width: Int, alignment: TextAlignment = .left, priority: Int, grows: Int? = 0) {
        self.id = id
        self.header = header
        self.width = width
        self.alignment = alignment
        self.priority = priority
        self.grows = grows
    }
}

/// Draws the list views' tables (alerts, check-ins, renewals, team): columns laid out
/// for the width, the lowest priorities dropped first, spare width given to the growing
/// columns in order; a selection bar with a marker (and a mark for rows marked with Space),
/// so the selection never rests on colour alone.
enum ListTable {
    static let separator = 2

    /// The columns kept for `width` cells (after the gutter), with their widths.
    static func layout<ID>(_ columns: [ListColumn<ID>], width: Int) -> [ListColumn<ID>] {
        var kept = columns
        func total() -> Int { kept.reduce(0) { $0 + $1.width } + separator * max(0, kept.count - 1) }
        while total() > width, kept.count > 1,
              let victim = kept.indices.min(by: { (kept[$0].priority, -$0) < (kept[$1].priority, -$1) }) {
            kept.remove(at: victim)
        }
        var spare = width - total()
        for index in kept.indices where spare > 0 {
            let room = kept[index].grows.map { max(0, $0 - kept[index].width) } ?? spare
            let taken = min(room, spare)
            kept[index].width += taken
            spare -= taken
        }
        if total() > width, let last = kept.indices.last { kept[last].width = max(1, kept[last].width - (total() - width)) }
        return kept
    }

    /// The gutter before the first column: the selection marker, and a mark column when rows can be marked.
    static func gutter(marking: Bool) -> Int { marking ? 3 : 2 }

    static func drawHeader<ID>(_ columns: [ListColumn<ID>], at row: Int, in rect: Canvas.Rect, marking: Bool, into canvas: inout Canvas) {
        var x = rect.column + gutter(marking: marking)
        for column in columns {
            canvas.put(text: TerminalText.fit(column.header, toWidth: column.width, alignment: column.alignment),
                       at: .init(column: x, row: row), role: .header)
            x += column.width + separator
        }
    }

    /// One row; `cell` gives each column's text and role.
    static func drawRow<ID>(_ columns: [ListColumn<ID>], at row: Int, in rect: Canvas.Rect, isSelected: Bool, isMarked: Bool,
                            marking: Bool, glyphs: Glyphs, into canvas: inout Canvas, cell: (ID) -> (String, StyleRole)) {
        if isSelected {
            canvas.fill(Canvas.Rect(column: rect.column, row: row, width: rect.width, height: 1), role: .selection)
            canvas.put(text: glyphs.selectionMarker, at: .init(column: rect.column, row: row), role: .selection)
        }
        if isMarked {
            canvas.put(text: glyphs.marked, at: .init(column: rect.column + 1, row: row), role: isSelected ? .selection : .accent, isBold: true)
        }
        var x = rect.column + gutter(marking: marking)
        for column in columns {
            let (text, role) = cell(column.id)
            let fitted = TerminalText.fit(text, toWidth: column.width, alignment: column.alignment, ellipsis: glyphs.ellipsis)
            canvas.put(text: fitted, at: .init(column: x, row: row), role: isSelected ? .selection : role, maxWidth: column.width)
            x += column.width + separator
        }
    }

    /// A dim line in place of an empty table.
    static func drawMessage(_ text: String, at row: Int, in rect: Canvas.Rect, into canvas: inout Canvas) {
        canvas.put(text: text, at: .init(column: rect.column + 2, row: row), role: .dim, maxWidth: rect.width - 2)
    }

    /// The selected line in full (a long reason, a hint) at the foot of the view, when the
    /// table leaves room for it below its last row: nothing is lost to truncation.
    static func drawDetail(_ text: String, label: String, in rect: Canvas.Rect, below lastRow: Int, into canvas: inout Canvas) {
        let width = max(10, rect.width - 4)
        let lines = AccountView.wrap(text, width: width - DisplayWidth.of(label) - 1, role: .normal).prefix(3)
        let top = rect.row + rect.height - lines.count
        guard !lines.isEmpty, top > lastRow + 1 else { return }
        for (index, line) in lines.enumerated() {
            let lead = index == 0 ? label : String(repeating: " ", count: DisplayWidth.of(label))
            canvas.put(line: [Span(lead + " ", .header)] + line, at: .init(column: rect.column + 2, row: top + index), maxWidth: width)
        }
    }
}
