import FolioDomain
import FolioStore

/// Check-ins (view 3): the check-ins the book owes, missed lately first, then overdue and
/// due, each with the stage hint of DESIGN §2.4; above them the coverage rate (flagged in
/// words under the threshold).
enum CheckInsView {
    enum Column: Hashable { case status, due, account, title, stage, owner, hint }

    static func columns(width: Int, showsOwner: Bool) -> [ListColumn<Column>] {
        var columns: [ListColumn<Column>] = [
            ListColumn(.status, "STATUS", width: 7, priority: 10),
            ListColumn(.due, "DUE", width: 5, priority: 9),
            ListColumn(.account, "ACCOUNT", width: 14, priority: 9, grows: 24),
            ListColumn(.title, "CHECK-IN", width: 20, priority: 7, grows: 24),
            ListColumn(.stage, "STAGE", width: 10, priority: 4),
            ListColumn(.hint, "WHAT TO TALK ABOUT", width: 20, priority: 8, grows: nil),
        ]
        if showsOwner { columns.insert(ListColumn(.owner, "OWNER", width: 14, priority: 3), at: 5) }
        return ListTable.layout(columns, width: width - ListTable.gutter(marking: false))
    }

    static func cell(_ column: Column, _ line: CheckInBoard.Line) -> (String, StyleRole) {
        switch column {
        case .status:
            switch line.standing {
            case .missed: return ("MISSED", .overdue)
            case .overdue: return ("OVERDUE", .overdue)
            case .due: return ("due", .warning)
            default: return (line.standing.rawValue, .normal)
            }
        // The month and day: the year is this one or the next, and the width goes to the hint.
        case .due: return (String(line.checkIn.due.iso.dropFirst(5)), .normal)
        case .account: return (line.accountName, .normal)
        case .title: return (line.title, .normal)
        case .stage: return (line.stage.rawValue, .dim)
        case .owner: return (line.ownerName, .dim)
        case .hint: return (line.hint, .accent)
        }
    }

    static func heading(_ checkIns: CheckInsScreen, glyphs g: Glyphs) -> StyledLine {
        guard let board = checkIns.board else { return [Span("Loading the check-ins\(g.underWay)", .dim)] }
        let rate = board.coverage.overall
        let percent = rate.rate.map { "\(Int(($0 * 100).rounded())) %" } ?? "no accounts"
        var line: StyledLine = [Span("Coverage ", .header), Span("\(percent)", rate.isFlagged ? .warning : .positive, bold: true),
                                Span(" (\(rate.covered) of \(rate.accounts) accounts heard from within their tier's limit)")]
        if rate.isFlagged { line.append(Span(" FLAGGED: under \(Int(board.coverage.flag * 100)) %", .warning)) }
        let owed = checkIns.lines.count
        line.append(Span(" \(g.dot) \(owed) owed", .dim))
        return line
    }

    static func draw(_ checkIns: CheckInsScreen, app state: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        canvas.put(line: heading(checkIns, glyphs: state.glyphs), at: .init(column: rect.column + 1, row: rect.row), maxWidth: rect.width - 2)
        let columns = self.columns(width: rect.width, showsOwner: state.viewer.role != "csm" || state.viewer.bookOf != nil)
        ListTable.drawHeader(columns, at: rect.row + 1, in: rect, marking: false, into: &canvas)
        let top = rect.row + 2, height = rect.height - 2
        let lines = checkIns.lines
        let scroll = checkIns.cursor.scroll(count: lines.count, height: height)
        let shown = Viewport(screen: checkIns.id, scroll: scroll, height: height, count: lines.count)
        guard height > 0 else { return shown }
        if checkIns.board != nil && lines.isEmpty {
            ListTable.drawMessage("No check-in due or overdue.", at: top, in: rect, into: &canvas)
            return shown
        }
        let end = min(lines.count, scroll + height)
        guard scroll < end else { return shown }
        for index in scroll..<end {
            ListTable.drawRow(columns, at: top + index - scroll, in: rect, isSelected: index == checkIns.cursor.selection,
                              isMarked: false, marking: false, glyphs: state.glyphs, into: &canvas) { cell($0, lines[index]) }
        }
        if let selected = checkIns.selectedLine {
            ListTable.drawDetail("\(selected.title) at \(selected.accountName), due \(selected.checkIn.due): \(selected.hint)",
                                 label: "Talk about", in: rect, below: top + end - scroll - 1, into: &canvas)
        }
        return shown
    }
}
