import FolioDomain
import FolioStore

/// Renewals (view 4): the pipeline by quarter and stage (count and ARR per stage, ARR at
/// risk, renewal rate), then the open renewals, soonest first, with the selection on one
/// of them (`m` moves it, after a confirmation). A short terminal keeps only the totals line.
enum RenewalsView {
    enum Column: Hashable { case account, stage, amount, closes, band, owner, next }

    static func columns(width: Int, showsOwner: Bool) -> [ListColumn<Column>] {
        var columns: [ListColumn<Column>] = [
            ListColumn(.account, "ACCOUNT", width: 14, priority: 10, grows: 30),
            ListColumn(.stage, "STAGE", width: 11, priority: 10),
            ListColumn(.amount, "ARR", width: 6, alignment: .right, priority: 9),
            ListColumn(.closes, "CLOSES", width: 10, alignment: .right, priority: 8),
            ListColumn(.band, "HEALTH", width: 9, priority: 6),
            ListColumn(.next, "NEXT ACTION", width: 16, priority: 5, grows: nil),
        ]
        if showsOwner { columns.insert(ListColumn(.owner, "OWNER", width: 14, priority: 3), at: 5) }
        return ListTable.layout(columns, width: width - ListTable.gutter(marking: false))
    }

    static func cell(_ column: Column, _ line: RenewalBoard.Line, bands: [String]) -> (String, StyleRole) {
        let o = line.opportunity
        switch column {
        case .account: return (line.accountName, .normal)
        case .stage:
            let role: StyleRole = o.stage == .atRisk ? .severityRed : o.stage == .committed ? .positive : .warning
            return (o.stage == .atRisk ? "AT RISK" : o.stage.rawValue, role)
        case .amount: return (o.amount.compact, .normal)
        case .closes: return (line.daysToClose >= 0 ? "in \(line.daysToClose)d" : "\(-line.daysToClose)d late", line.daysToClose < 30 ? .warning : .normal)
        case .band:
            let score = line.score.map { String(Int($0.rounded())) } ?? "–"
            return ("\(score) \(line.band ?? "")", BookView.bandRole(line.band, bands: bands))
        case .owner: return (line.ownerName, .dim)
        case .next: return (line.nextAction, .accent)
        }
    }

    /// The pipeline's lines for the space there is (`room` lines for the whole view): a
    /// table by quarter when the view is tall enough, else only the totals.
    static func pipeline(_ board: RenewalBoard?, width: Int, room: Int, glyphs g: Glyphs) -> [StyledLine] {
        guard let board else { return [[Span("Loading the renewals\(g.underWay)", .dim)]] }
        let totals = board.pipeline.totals
        let rate = totals.renewalRate.map { "\(Int(($0 * 100).rounded())) %" } ?? "none closed yet"
        var total: StyledLine = [Span("Pipeline ", .header), Span("\(totals.count) renewals, ARR \(totals.arr.compact)"),
                                 Span(" \(g.dot) "), Span("at risk \(totals.arrAtRisk.compact)", totals.arrAtRisk.cents > 0 ? .severityRed : .normal),
                                 Span(" \(g.dot) renewal rate \(rate)")]
        total.append(Span(" (from \(board.from))", .dim))
        let quarters = board.pipeline.quarters
        // The table by quarter, when it leaves at least five rows for the open renewals.
        guard room - (quarters.count + 3) - 2 >= 5 else { return [total] }
        var table = TextTable(columns: [
            .init("QUARTER", priority: 10),
            .init("ARR", alignment: .right, priority: 10),
            .init("AT RISK", alignment: .right, priority: 10),
        ] + RenewalOpportunity.Stage.allCases.map { stage in
            .init(stageHeader(stage), alignment: .right, priority: stage == .atRisk ? 9 : stage.isClosed ? 7 : 6)
        } + [.init("RATE", alignment: .right, priority: 8)])
        for q in quarters {
            let stages = q.stages.map { $0.count == 0 ? "–" : "\($0.count) \($0.amount.compact)" }
            table.append(["\(q.quarter)", q.totals.arr.compact, q.totals.arrAtRisk.compact] + stages
                         + [q.totals.renewalRate.map { "\(Int(($0 * 100).rounded())) %" } ?? "–"])
        }
        let rendered = table.render(maxWidth: width, glyphs: g)
        var lines: [StyledLine] = [total]
        for (index, text) in rendered.enumerated() { lines.append([Span(text, index == 0 ? .header : .normal)]) }
        lines.append([])
        return lines
    }

    static func stageHeader(_ stage: RenewalOpportunity.Stage) -> String {
        switch stage {
        case .ninetyDaysOut: "90D OUT"
        case .sixtyDaysOut: "60D OUT"
        case .atRisk: "AT RISK"
        case .committed: "COMMITTED"
        case .closedWon: "WON"
        case .churned: "CHURNED"
        }
    }

    static func draw(_ renewals: RenewalsScreen, app state: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        var row = rect.row
        for line in pipeline(renewals.board, width: rect.width - 2, room: rect.height, glyphs: state.glyphs) {
            canvas.put(line: line, at: .init(column: rect.column + 1, row: row), maxWidth: rect.width - 2)
            row += 1
        }
        let open = renewals.board?.open ?? []
        // The open renewals: under their heading and the table's header.
        let height = rect.row + rect.height - row - 2
        let scroll = renewals.cursor.scroll(count: open.count, height: height)
        let shown = Viewport(screen: renewals.id, scroll: scroll, height: max(1, height), count: open.count)
        guard renewals.board != nil else { return shown }
        canvas.put(line: [Span("Open renewals ", .header), Span("\(open.count), soonest first", .dim)],
                   at: .init(column: rect.column + 1, row: row), maxWidth: rect.width - 2)
        row += 1
        let columns = self.columns(width: rect.width, showsOwner: state.viewer.role != "csm" || state.viewer.bookOf != nil)
        ListTable.drawHeader(columns, at: row, in: rect, marking: false, into: &canvas)
        row += 1
        guard height > 0 else { return shown }
        if open.isEmpty {
            ListTable.drawMessage("No renewal open: none is within 90 days.", at: row, in: rect, into: &canvas)
            return shown
        }
        let cursor = renewals.cursor
        let end = min(open.count, scroll + height)
        guard scroll < end else { return shown }
        for index in scroll..<end {
            ListTable.drawRow(columns, at: row + index - scroll, in: rect, isSelected: index == cursor.selection, isMarked: false,
                              marking: false, glyphs: state.glyphs, into: &canvas) { cell($0, open[index], bands: state.bands) }
        }
        return shown
    }
}
