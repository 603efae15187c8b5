import FolioDomain
import FolioStore

/// The dashboard (view 7): the figures of `folio report program` for the period as charts —
/// alerted against control recovery, health by week, time to acknowledge per CSM, ARR at
/// risk by renewal month, recovery sequences answered; then whether the score predicts churn
/// and whether the alerts are worth it (`ModelSections`). A line over them says the period; the
/// rest scrolls with j/k and PgUp/PgDn when it does not fit.
enum DashboardView {
    static func lines(_ d: ProgrammeDashboard, width: Int, glyphs g: Glyphs) -> [StyledLine] {
        let sections = [
            DashboardSections.recovery(d, width: width, glyphs: g),
            DashboardSections.health(d, width: width, glyphs: g),
            DashboardSections.acknowledgement(d, width: width, glyphs: g),
            DashboardSections.arrAtRisk(d, width: width, glyphs: g),
            DashboardSections.sequences(d, width: width, glyphs: g),
            ModelSections.model(d, width: width, glyphs: g),
            ModelSections.alerts(d, width: width, glyphs: g),
        ].filter { !$0.isEmpty }
        return Array(sections.joined(separator: [[]]))
    }

    static func draw(_ screen: DashboardScreen, app state: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        let g = state.glyphs
        let period = screen.period(asOf: state.viewer.asOf)
        let days = period.from.days(until: period.to) + 1
        // The period always; how to change it and to scroll while they fit.
        let dates = "\(period.from) to \(period.to) (\(F.plural(days, "day")))"
        let extra = [" \(g.dot) :report FROM [TO] \(g.dot) j/k scroll", " \(g.dot) :report FROM [TO]", ""]
            .first { DisplayWidth.of(dates + $0) <= rect.width - 2 } ?? ""
        canvas.put(line: [Span(dates, .header), Span(extra, .dim)], at: .init(column: rect.column + 1, row: rect.row),
                   maxWidth: rect.width - 2)
        // Lines under the period's, a cell of margin on each side.
        let height = rect.height - 1
        guard let dashboard = screen.dashboard else {
            canvas.put(text: "Loading the figures\(g.underWay)", at: .init(column: rect.column + 1, row: rect.row + 1), role: .dim)
            return Viewport(screen: screen.id, scroll: screen.scroll, height: max(1, height), count: 0)
        }
        let all = lines(dashboard, width: max(1, rect.width - 2), glyphs: g)
        let scroll = ListCursor.scroll(lines: screen.scroll, count: all.count, height: max(1, height))
        let shown = Viewport(screen: screen.id, scroll: scroll, height: max(1, height), count: all.count)
        guard height > 0 else { return shown }
        for (offset, line) in all.dropFirst(scroll).prefix(height).enumerated() {
            canvas.put(line: line, at: .init(column: rect.column + 1, row: rect.row + 1 + offset), maxWidth: rect.width - 2)
        }
        return shown
    }

    typealias F = DashboardFigures
}
