import FolioDomain
import FolioStore

/// The outbox (view 6): the emails of the book's recovery sequences, the next to go
/// first — drafts waiting for approval (enterprise), scheduled ones, and any a delivery
/// left unconfirmed or failed. The state is a word ("DRAFT", "due now"), never a colour alone.
enum OutboxView {
    enum Column: Hashable { case state, when, account, to, sequence, subject }

    static func columns(width: Int) -> [ListColumn<Column>] {
        ListTable.layout([
            ListColumn(.state, "STATE", width: 11, priority: 10),
            ListColumn(.when, "GOES", width: 16, priority: 9),
            ListColumn(.account, "ACCOUNT", width: 16, priority: 9, grows: 26),
            ListColumn(.to, "TO", width: 14, priority: 5, grows: 20),
            ListColumn(.sequence, "SEQUENCE", width: 22, priority: 6),
            ListColumn(.subject, "SUBJECT", width: 18, priority: 8, grows: nil),
        ], width: width - ListTable.gutter(marking: false))
    }

    /// `11-24 14:00 UTC`; a sent email says when it went.
    static func when(_ m: OutboxMessage) -> String {
        let moment = Moment(seconds: m.state == .sent ? (m.sentAt ?? m.scheduledAt) : m.scheduledAt)
        return String(moment.utc.dropFirst(5))
    }

    static func stateCell(_ m: OutboxMessage, now: Int64) -> (String, StyleRole) {
        switch m.state {
        case .draft: return ("DRAFT", .warning)
        case .scheduled: return m.scheduledAt <= now ? ("due now", .accent) : ("scheduled", .normal)
        case .sending: return ("sending", .accent)
        case .unconfirmed: return ("UNCONFIRMED", .severityRed)
        case .failed: return ("FAILED", .severityRed)
        case .sent: return ("sent", .dim)
        case .cancelled: return ("cancelled", .dim)
        }
    }

    static func cell(_ column: Column, _ listing: OutboxListing, now: Int64) -> (String, StyleRole) {
        let m = listing.message
        switch column {
        case .state: return stateCell(m, now: now)
        case .when: return (when(m), .normal)
        case .account: return (listing.accountName, .normal)
        case .to: return (m.toName, .normal)
        case .sequence: return ("\(m.sequence) \(m.step)", .dim)
        case .subject: return (m.subject, .normal)
        }
    }

    static func heading(_ outbox: OutboxScreen, glyphs g: Glyphs) -> StyledLine {
        guard outbox.isLoaded else { return [Span("Loading the outbox\(g.underWay)", .dim)] }
        let drafts = outbox.listings.filter { $0.message.state == .draft }.count
        let due = outbox.listings.filter { $0.message.state == .scheduled && $0.message.scheduledAt <= outbox.now }.count
        let trouble = outbox.listings.filter { [.unconfirmed, .failed].contains($0.message.state) }.count
        var line: StyledLine = [Span("\(outbox.listings.count) email\(outbox.listings.count == 1 ? "" : "s") waiting")]
        if drafts > 0 { line += [Span(" \(g.dot) "), Span("\(drafts) DRAFT\(drafts == 1 ? "" : "S") to approve", .warning)] }
        if due > 0 { line += [Span(" \(g.dot) \(due) due now (folio outbox send delivers them)")] }
        if trouble > 0 { line += [Span(" \(g.dot) "), Span("\(trouble) to check", .severityRed)] }
        return line
    }

    /// Draws the heading, the table and the selected email's line at the foot (the rows
    /// leave two lines for it).
    static func draw(_ outbox: OutboxScreen, app state: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        canvas.put(line: heading(outbox, glyphs: state.glyphs), at: .init(column: rect.column + 1, row: rect.row), maxWidth: rect.width - 2)
        let columns = self.columns(width: rect.width)
        ListTable.drawHeader(columns, at: rect.row + 1, in: rect, marking: false, into: &canvas)
        let top = rect.row + 2
        let height = min(rect.height - 2, max(1, rect.height - 4))
        let count = outbox.listings.count
        let scroll = outbox.cursor.scroll(count: count, height: height)
        let shown = Viewport(screen: outbox.id, scroll: scroll, height: height, count: count)
        guard height > 0 else { return shown }
        if outbox.isLoaded && outbox.listings.isEmpty {
            ListTable.drawMessage("Nothing waiting: no draft to approve and no email scheduled. r on an account starts a sequence.",
                                  at: top, in: rect, into: &canvas)
            return shown
        }
        let end = min(count, scroll + height)
        guard scroll < end else { return shown }
        for index in scroll..<end {
            ListTable.drawRow(columns, at: top + index - scroll, in: rect, isSelected: index == outbox.cursor.selection,
                              isMarked: false, marking: false, glyphs: state.glyphs, into: &canvas) {
                cell($0, outbox.listings[index], now: outbox.now)
            }
        }
        if let selected = outbox.selectedListing {
            let m = selected.message
            var text = "to \(m.toName) <\(m.to)> \(state.glyphs.dot) \(m.subject)"
            if let error = m.lastError { text += " \(state.glyphs.dot) \(error)" }
            ListTable.drawDetail(text, label: "#\(m.id ?? 0)", in: rect, below: top + end - scroll - 1, into: &canvas)
        }
        return shown
    }
}
