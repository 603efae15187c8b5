import FolioDomain
import FolioStore

/// The alerts inbox (view 2): the alerts routed to the viewer, worst first then the
/// nearest deadline. Each row: severity in words, the SLA countdown ("OVERDUE 5h" in its
/// own style and in capitals, so it reads without colour), the account, the kind, the age
/// and the reason. Rows marked with Space carry a mark in the gutter.
enum AlertsView {
    enum Column: Hashable { case severity, due, account, kind, age, owner, reason }

    /// `ownerPriority`: how long the owner survives narrowing (the team view's escalations keep it longer).
    static func columns(width: Int, showsOwner: Bool, ownerPriority: Int = 3) -> [ListColumn<Column>] {
        var columns: [ListColumn<Column>] = [
            ListColumn(.severity, "SEV", width: 6, priority: 10),
            ListColumn(.due, "SLA", width: 12, priority: 10),
            ListColumn(.account, "ACCOUNT", width: 18, priority: 9, grows: 28),
            ListColumn(.kind, "KIND", width: 15, priority: 6),
            ListColumn(.age, "AGE", width: 4, alignment: .right, priority: 5),
            ListColumn(.reason, "REASON", width: 20, priority: 7, grows: nil),
        ]
        if showsOwner { columns.insert(ListColumn(.owner, "OWNER", width: 13, priority: ownerPriority), at: 4) }
        return ListTable.layout(columns, width: width - ListTable.gutter(marking: true))
    }

    /// The SLA cell: the countdown of an open alert, or where a handled one stands.
    static func due(_ alert: Alert, now: Int64) -> (String, StyleRole) {
        switch alert.state {
        case .open:
            // In capitals as well as its own style: overdue reads without colour.
            if alert.isOverdue(at: now) { return ("OVERDUE " + AlertTimes.span(now - alert.dueBy), .overdue) }
            return (AlertTimes.countdown(alert, now: now), alert.dueBy - now < 86_400 ? .warning : .normal)
        case .acknowledged: return ("ack'd", .dim)
        case .snoozed: return ("to \(alert.snoozedUntil.map { String($0.iso.dropFirst(5)) } ?? "?")", .dim)
        case .resolved: return (alert.outcome?.rawValue ?? "resolved", .dim)
        }
    }

    static func cell(_ column: Column, _ listing: AlertListing, now: Int64, ownerName: String) -> (String, StyleRole) {
        let alert = listing.alert
        switch column {
        case .severity: return (alert.severity.rawValue, AccountView.role(of: alert.severity))
        case .due: return due(alert, now: now)
        case .account: return (listing.accountName, .normal)
        case .kind: return (alert.kind.title, .normal)
        case .age: return (AlertTimes.age(alert, now: now), .dim)
        case .owner: return (ownerName, .dim)
        case .reason: return (alert.reason, .normal)
        }
    }

    static func heading(_ alerts: AlertsScreen, glyphs g: Glyphs) -> StyledLine {
        guard alerts.isLoaded else { return [Span("Loading the alerts\(g.underWay)", .dim)] }
        let overdue = alerts.listings.filter { $0.alert.isOverdue(at: alerts.now) }.count
        let unanswered = alerts.listings.filter { $0.alert.state == .open }.count
        var line: StyledLine = [Span("\(alerts.listings.count) alert\(alerts.listings.count == 1 ? "" : "s"), \(unanswered) not yet acknowledged")]
        if overdue > 0 { line.append(Span(" \(g.dot) "));  line.append(Span("\(overdue) OVERDUE", .overdue)) }
        if !alerts.marks.isEmpty { line.append(Span(" \(g.dot) \(alerts.marks.count) marked", .accent)) }
        return line
    }

    static func draw(_ alerts: AlertsScreen, app state: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        canvas.put(line: heading(alerts, glyphs: state.glyphs), at: .init(column: rect.column + 1, row: rect.row), maxWidth: rect.width - 2)
        let columns = self.columns(width: rect.width, showsOwner: state.viewer.role != "csm")
        ListTable.drawHeader(columns, at: rect.row + 1, in: rect, marking: true, into: &canvas)
        let top = rect.row + 2
        let height = rect.height - 2
        let count = alerts.listings.count
        let scroll = alerts.cursor.scroll(count: count, height: height)
        let shown = Viewport(screen: alerts.id, scroll: scroll, height: height, count: count)
        guard height > 0 else { return shown }
        if alerts.isLoaded && alerts.listings.isEmpty {
            ListTable.drawMessage("No alerts waiting on you. Well done.", at: top, in: rect, into: &canvas)
            return shown
        }
        let end = min(count, scroll + height)
        guard scroll < end else { return shown }
        for index in scroll..<end {
            let listing = alerts.listings[index]
            ListTable.drawRow(columns, at: top + index - scroll, in: rect, isSelected: index == alerts.cursor.selection,
                              isMarked: alerts.marks.contains(listing.alert.id ?? -1), marking: true, glyphs: state.glyphs,
                              into: &canvas) { cell($0, listing, now: alerts.now, ownerName: listing.owner) }
        }
        if let selected = alerts.selectedListing {
            let a = selected.alert
            ListTable.drawDetail("\(a.kind.title) on \(selected.accountName): \(a.reason)", label: "#\(a.id ?? 0)", in: rect,
                                 below: top + end - scroll - 1, into: &canvas)
        }
        return shown
    }
}
