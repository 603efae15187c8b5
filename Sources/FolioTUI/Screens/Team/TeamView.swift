import FolioDomain
import FolioStore

/// The team (view 5, managers and VPs): one row per CSM — accounts, ARR, Red accounts,
/// open and overdue alerts, median time to acknowledge a health drop (90 days), check-in
/// coverage — then the escalations: the alerts routed to the viewer, overdue first. One
/// selection runs through both: Enter on a CSM opens their book, on an escalation its account.
enum TeamView {
    enum Column: Hashable { case name, accounts, arr, red, open, overdue, ack, coverage }

    static func columns(width: Int) -> [ListColumn<Column>] {
        ListTable.layout([
            ListColumn(.name, "CSM", width: 12, priority: 10, grows: 26),
            ListColumn(.accounts, "ACCTS", width: 5, alignment: .right, priority: 8),
            ListColumn(.arr, "ARR", width: 6, alignment: .right, priority: 7),
            ListColumn(.red, "RED", width: 3, alignment: .right, priority: 9),
            ListColumn(.open, "OPEN", width: 4, alignment: .right, priority: 9),
            ListColumn(.overdue, "OVERDUE", width: 7, alignment: .right, priority: 10),
            ListColumn(.ack, "MEDIAN ACK", width: 10, alignment: .right, priority: 8),
            ListColumn(.coverage, "COVERAGE", width: 9, alignment: .right, priority: 9),
        ], width: width - ListTable.gutter(marking: true))
    }

    static func cell(_ column: Column, _ row: TeamBoard.Line) -> (String, StyleRole) {
        switch column {
        case .name: return (row.name, .normal)
        case .accounts: return ("\(row.accounts)", .normal)
        case .arr: return (row.arr.compact, .normal)
        case .red: return ("\(row.red)", row.red > 0 ? .bandRed : .dim)
        case .open: return ("\(row.openAlerts)", .normal)
        case .overdue: return (row.overdueAlerts > 0 ? "\(row.overdueAlerts)!" : "0", row.overdueAlerts > 0 ? .overdue : .dim)
        case .ack:
            guard let hours = row.medianAckHours else { return ("–", .dim) }
            return (hours < 10 ? "\((hours * 10).rounded() / 10) h" : "\(Int(hours.rounded())) h", .normal)
        case .coverage:
            guard let rate = row.coverage, let value = rate.rate else { return ("–", .dim) }
            // "!" says flagged without colour.
            return ("\(Int((value * 100).rounded())) %\(rate.isFlagged ? "!" : " ")", rate.isFlagged ? .warning : .normal)
        }
    }

    /// The rows of the view, top to bottom; `item` is the selectable item a row shows.
    enum Line { case heading(StyledLine), csmHeader, alertHeader, blank, csm(Int), escalation(Int) }

    static func lines(_ team: TeamScreen, glyphs g: Glyphs) -> [Line] {
        guard let board = team.board else { return [] }
        var lines: [Line] = [.csmHeader]
        lines += board.rows.indices.map(Line.csm)
        if board.rows.isEmpty { lines.append(.heading([Span("  No CSM in this team yet.", .dim)])) }
        let overdue = board.escalations.filter { $0.alert.isOverdue(at: board.now) }.count
        var heading: StyledLine = [Span("Escalations ", .header), Span("\(board.escalations.count) routed to you")]
        if overdue > 0 { heading += [Span(" \(g.dot) "), Span("\(overdue) OVERDUE", .overdue)] }
        if !team.marks.isEmpty { heading.append(Span(" \(g.dot) \(team.marks.count) marked", .accent)) }
        lines += [.blank, .heading(heading)]
        if board.escalations.isEmpty {
            lines.append(.heading([Span("  Nothing routed to you is waiting.", .dim)]))
        } else {
            lines.append(.alertHeader)
            lines += board.escalations.indices.map(Line.escalation)
        }
        return lines
    }

    /// Draws the lines that keep the selected one in sight (the view scrolls itself, from
    /// the selection alone, so any height works); paging moves by the lines there was room for.
    static func draw(_ team: TeamScreen, app state: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        let g = state.glyphs
        let height = rect.height - 1
        guard let board = team.board else {
            canvas.put(text: "Loading the team\(g.underWay)", at: .init(column: rect.column + 1, row: rect.row), role: .dim)
            return Viewport(screen: team.id, scroll: 0, height: max(1, height), count: 0)
        }
        let title: StyledLine = [Span("Median acknowledgement over \(board.period.from) to \(board.period.to) \(g.dot) Enter on a CSM opens their book", .dim)]
        canvas.put(line: title, at: .init(column: rect.column + 1, row: rect.row), maxWidth: rect.width - 2)
        let all = lines(team, glyphs: g)
        let selection = team.cursor.selection
        let selectedLine = all.firstIndex { line in
            switch line {
            case .csm(let index): return index == selection
            case .escalation(let index): return board.rows.count + index == selection
            default: return false
            }
        } ?? 0
        let scroll = max(0, min(selectedLine - height + 1, all.count - height))
        let shown = Viewport(screen: team.id, scroll: scroll, height: max(1, height), count: all.count)
        guard height > 0 else { return shown }
        let teamColumns = columns(width: rect.width)
        let alertColumns = AlertsView.columns(width: rect.width, showsOwner: true, ownerPriority: 8)
        for (offset, line) in all.dropFirst(max(0, scroll)).prefix(height).enumerated() {
            let row = rect.row + 1 + offset
            switch line {
            case .heading(let spans):
                canvas.put(line: spans, at: .init(column: rect.column + 1, row: row), maxWidth: rect.width - 2)
            case .blank:
                break
            case .csmHeader:
                ListTable.drawHeader(teamColumns, at: row, in: rect, marking: true, into: &canvas)
            case .alertHeader:
                ListTable.drawHeader(alertColumns, at: row, in: rect, marking: true, into: &canvas)
            case .csm(let index):
                let csm = board.rows[index]
                ListTable.drawRow(teamColumns, at: row, in: rect, isSelected: index == selection, isMarked: false, marking: true,
                                  glyphs: g, into: &canvas) { cell($0, csm) }
            case .escalation(let index):
                let listing = board.escalations[index]
                ListTable.drawRow(alertColumns, at: row, in: rect, isSelected: board.rows.count + index == selection,
                                  isMarked: team.marks.contains(listing.alert.id ?? -1), marking: true, glyphs: g,
                                  into: &canvas) { AlertsView.cell($0, listing, now: board.now, ownerName: listing.owner) }
            }
        }
        return shown
    }
}
