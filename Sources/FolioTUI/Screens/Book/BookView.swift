import FolioDomain
import FolioStore

/// The book as an interactive table: only the visible rows are drawn, so a frame costs
/// the same for 40 accounts as for 100,000. Narrow terminals drop the lowest-priority
/// columns before the account name gives up width (DESIGN §1.2).
public enum BookView {
    /// One column: a header, a fixed width (the name's is flexible) and a priority
    /// (higher survives longer).
    struct Column {
        enum ID { case name, tier, arr, score, trend, spark, stage, owner, lastActivity, renewal, alerts }
        var id: ID
        var header: String
        var width: Int
        var alignment: TextAlignment
        var priority: Int
    }

    static let nameMinimum = 16
    static let namePreferred = 28
    static let nameMaximum = 44
    static let gutter = 2
    static let separator = 2

    /// The columns that fit in `width`, with their widths.
    static func layout(width: Int, bands: [String], showsOwner: Bool, showsAlerts: Bool = false) -> [Column] {
        let bandWidth = bands.map { DisplayWidth.of($0) }.max() ?? 6
        var columns: [Column] = [
            Column(id: .name, header: "ACCOUNT", width: nameMinimum, alignment: .left, priority: 10),
            Column(id: .tier, header: "TIER", width: 4, alignment: .left, priority: 6),
            Column(id: .arr, header: "ARR", width: 6, alignment: .right, priority: 8),
            Column(id: .score, header: "SCORE", width: 3 + 1 + 1 + 1 + bandWidth + 1, alignment: .left, priority: 11),
            Column(id: .trend, header: "TREND", width: 5, alignment: .center, priority: 5),
            Column(id: .spark, header: "8 WEEKS", width: Book.historyWeeks, alignment: .left, priority: 4),
            Column(id: .stage, header: "STAGE", width: 10, alignment: .left, priority: 3),
            Column(id: .lastActivity, header: "LAST ACT", width: 8, alignment: .right, priority: 7),
            Column(id: .renewal, header: "RENEWAL", width: 8, alignment: .right, priority: 9),
        ]
        if showsAlerts {
            columns.append(Column(id: .alerts, header: "ALERTS", width: 8, alignment: .left, priority: 10))
        }
        if showsOwner {
            columns.insert(Column(id: .owner, header: "OWNER", width: 16, alignment: .left, priority: 2), at: 6)
        }
        let available = width - gutter
        func total() -> Int { columns.reduce(0) { $0 + $1.width } + separator * max(0, columns.count - 1) }
        func dropLowest(below limit: Int) -> Bool {
            guard let victim = columns.indices.filter({ columns[$0].id != .name && columns[$0].priority < limit })
                .min(by: { columns[$0].priority < columns[$1].priority }) else { return false }
            columns.remove(at: victim)
            return true
        }
        // Columns less important than the name go before the name is cut below its
        // preferred width; then the name shrinks to its minimum; then anything goes.
        let name = columns.firstIndex(where: { $0.id == .name })!
        columns[name].width = namePreferred
        while total() > available, dropLowest(below: columns[name].priority) {}
        let nameIndex = columns.firstIndex(where: { $0.id == .name })!
        columns[nameIndex].width = max(nameMinimum, min(nameMaximum, namePreferred + available - total()))
        while total() > available, dropLowest(below: Int.max) {}
        return columns
    }

    /// Draws the header and the visible rows into `rect`: from where the last frame was,
    /// as little moved as keeps the selection in sight.
    static func draw(_ book: BookScreen, app state: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        let g = state.glyphs
        let columns = layout(width: rect.width, bands: state.bands, showsOwner: state.viewer.role != "csm", showsAlerts: book.hasAlerts)
        var column = rect.column + gutter
        for spec in columns {
            canvas.put(text: TerminalText.fit(spec.header, toWidth: spec.width, alignment: spec.alignment),
                       at: .init(column: column, row: rect.row), role: .header)
            column += spec.width + separator
        }
        let bodyTop = rect.row + 1
        let bodyHeight = rect.height - 1
        let scroll = ListCursor.scroll(showing: book.selection, from: book.scroll, count: book.rows.count, height: bodyHeight)
        let shown = Viewport(screen: book.id, scroll: scroll, height: max(1, bodyHeight), count: book.rows.count)
        guard bodyHeight > 0 else { return shown }

        if book.rows.isEmpty {
            let message: String
            if !book.isLoaded { message = "Loading the book\(g.underWay)" }
            else if book.entries.isEmpty { message = "No accounts in this book yet." }
            else { message = "No account matches \"\(book.filterText)\" (Esc clears the filter)." }
            canvas.put(text: message, at: .init(column: rect.column + gutter, row: bodyTop), role: .dim, maxWidth: rect.width - gutter)
            return shown
        }

        let asOf = state.viewer.asOf
        let end = min(book.rows.count, scroll + bodyHeight)
        guard scroll < end else { return shown }
        for position in scroll..<end {
            let entry = book.entries[book.rows[position]]
            let row = bodyTop + position - scroll
            let isSelected = position == book.selection
            if isSelected {
                canvas.fill(Canvas.Rect(column: rect.column, row: row, width: rect.width, height: 1), role: .selection)
                canvas.put(text: state.glyphs.selectionMarker, at: .init(column: rect.column, row: row), role: .selection)
            }
            var x = rect.column + gutter
            for spec in columns {
                let (text, role) = cell(spec.id, entry: entry, asOf: asOf, state: state)
                let fitted = TerminalText.fit(text, toWidth: spec.width, alignment: spec.alignment, ellipsis: state.glyphs.ellipsis)
                canvas.put(text: fitted, at: .init(column: x, row: row), role: isSelected ? .selection : role, maxWidth: spec.width,
                           isBold: isSelected && spec.id == .name)
                x += spec.width + separator
            }
        }
        return shown
    }

    /// A cell's text and role.
    static func cell(_ id: Column.ID, entry: BookEntry, asOf: Day, state: AppState) -> (String, StyleRole) {
        let account = entry.account
        let glyphs = state.glyphs
        switch id {
        case .name:
            return (account.name, .normal)
        case .tier:
            return (account.tier.short, .normal)
        case .arr:
            return (account.arr.compact, .normal)
        case .score:
            return (BookTable.scoreText(entry, glyphs: glyphs, bands: state.bands), bandRole(entry.band, bands: state.bands))
        case .trend:
            let role: StyleRole = entry.trend == .down ? .negative : entry.trend == .up ? .positive : .dim
            return (BookTable.trendText(entry.trend, glyphs: glyphs), role)
        case .spark:
            return (glyphs.sparkline(values: entry.history, width: entry.history.count, range: 0...100), .accent)
        case .stage:
            return (entry.stage.rawValue, entry.stage == .renewal ? .warning : .normal)
        case .owner:
            return (entry.ownerName, .normal)
        case .lastActivity:
            let since = entry.daysSinceActivity(asOf: asOf)
            let overdue = state.policy.isOverdue(tier: account.tier, daysSinceActivity: since)
            // "!" carries "overdue" without colour.
            let text = since.map { "\($0)d\(overdue ? "!" : " ")" } ?? "never!"
            return (text, overdue ? .overdue : .normal)
        case .renewal:
            let days = account.daysToRenewal(asOf: asOf)
            let text = days >= 0 ? "in \(days)d" : "\(-days)d ago"
            return (text, days <= 90 ? .warning : .normal)
        case .alerts:
            // "2 red": the count and the worst, in words, so it reads without colour.
            guard let worst = entry.worstSeverity else { return ("", .normal) }
            return (BookTable.alertsText(entry), AccountView.role(of: worst))
        }
    }

    /// The colour role of a band: the worst is red, the best green, the rest yellow.
    public static func bandRole(_ band: String?, bands: [String]) -> StyleRole {
        guard let band, let index = bands.firstIndex(of: band) else { return .bandNone }
        if index == 0 { return .bandRed }
        if index == bands.count - 1 { return .bandGreen }
        return .bandYellow
    }
}
