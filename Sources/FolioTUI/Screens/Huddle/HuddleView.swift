import FolioDomain
import FolioStore

/// The huddle as a page: one escalation (the account's story, the alert and its trail, the
/// CSM's last touch, the decision), or past the last one the list of decisions.
enum HuddleView {
    static func lines(_ screen: HuddleScreen, items: [HuddleItem], width: Int, asOf: Day, glyphs g: Glyphs) -> [StyledLine] {
        let prose = min(max(20, width - 2), AccountView.proseWidth)
        guard let item = screen.current else { return decisions(items, width: prose, glyphs: g) }
        var out: [StyledLine] = []
        let a = item.account, alert = item.alert
        out.append([Span(a.name, .title, bold: true), Span("  \(a.id)", .dim)])
        let days = a.daysToRenewal(asOf: asOf)
        out.append(contentsOf: AccountView.wrap("\(a.tier.rawValue) \(g.dot) ARR \(a.arr.grouped) \(g.dot) CSM \(item.ownerName) \(g.dot) "
            + (days >= 0 ? "renews in \(days) days" : "renewal \(-days) days ago"), width: prose, role: .normal))
        // The story: the weekly scores, oldest first.
        let known = item.scores.compactMap { $0 }
        if let first = known.first, let last = known.last {
            let spark = g.sparkline(values: item.scores, width: min(26, item.scores.count), range: 0...100)
            out.append([Span("Score ", .header), Span("\(spark) ", .normal),
                        Span("\(Int(first.rounded())) \(g.arrow) \(Int(last.rounded())) over \(item.scores.count) weeks", .normal)])
        }
        out.append([])
        let role: StyleRole = alert.severity >= .orange ? .negative : .warning
        out.append([Span("Alert #\(alert.id ?? 0) ", .header), Span("\(alert.severity.rawValue) \(alert.kind.title)", role, bold: true),
                    Span("  \(alert.state.rawValue), raised \(alert.raisedOn)", .dim)])
        out.append(contentsOf: AccountView.wrap(alert.reason, width: prose, role: .normal))
        out.append(contentsOf: AccountView.wrap("told: \(alert.recipients.joined(separator: ", "))", width: prose, role: .dim))
        for step in item.trail.suffix(6) {
            out.append([Span("  \(Moment(seconds: step.at).utc)  ", .dim), Span(TerminalText.sanitize("\(step.actor) \(step.action)"), .normal)])
        }
        out.append([])
        if let touch = item.lastTouch {
            let ago = touch.date.days(until: asOf)
            out.append([Span("Last touch ", .header),
                        Span("\(touch.kind.rawValue) \(touch.direction.rawValue) \(touch.date) (\(ago) days ago), logged by \(item.lastTouchBy ?? "?")", .normal)])
            out.append(contentsOf: AccountView.wrap("\u{201C}\(touch.summary)\u{201D}", width: prose, role: .dim))
        } else {
            out.append([Span("Last touch ", .header), Span("none logged", .warning)])
        }
        out.append([])
        if let d = item.decision {
            out.append([Span("Decision ", .header), Span(TerminalText.sanitize("\(d.owner): \(d.nextStep), due \(d.due)"), .positive, bold: true)])
        } else {
            out.append([Span("Decision ", .header), Span("none yet: Enter records one (owner, next step, due day)", .dim)])
        }
        return out
    }

    /// Past the last escalation: what the huddle decided, one line each.
    static func decisions(_ items: [HuddleItem], width: Int, glyphs g: Glyphs) -> [StyledLine] {
        var out: [StyledLine] = [[Span("Decisions of the huddle", .title, bold: true)], []]
        for item in items {
            let head = "#\(item.alert.id ?? 0) \(TerminalText.sanitize(item.account.name))"
            if let d = item.decision {
                out.append(contentsOf: AccountView.wrap("\(head) \(g.dot) \(d.owner): \(d.nextStep), due \(d.due)", width: width, role: .normal))
            } else {
                out.append(contentsOf: AccountView.wrap("\(head) \(g.dot) no decision", width: width, role: .warning))
            }
        }
        return out
    }

    static func draw(_ screen: HuddleScreen, app state: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        guard let items = screen.items else {
            let text = screen.error.map { "Could not load the huddle: \($0)" } ?? "Loading the huddle\(state.glyphs.ellipsis)"
            canvas.put(text: text, at: .init(column: rect.column + 1, row: rect.row), role: screen.error == nil ? .dim : .error,
                       maxWidth: rect.width - 2)
            return Viewport(screen: screen.id, scroll: 0, height: max(1, rect.height), count: 0)
        }
        let lines = self.lines(screen, items: items, width: rect.width, asOf: state.viewer.asOf, glyphs: state.glyphs)
        let scroll = ListCursor.scroll(lines: screen.scroll, count: lines.count, height: max(1, rect.height))
        let end = min(lines.count, scroll + rect.height)
        if scroll < end {
            for index in scroll..<end {
                canvas.put(line: lines[index], at: .init(column: rect.column + 1, row: rect.row + index - scroll), maxWidth: rect.width - 2)
            }
        }
        return Viewport(screen: screen.id, scroll: scroll, height: max(1, rect.height), count: lines.count)
    }
}
