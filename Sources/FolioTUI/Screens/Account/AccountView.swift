import FolioDomain
import FolioStore

/// One account, top to bottom: who it is, why it has its score (every measure), what
/// changed, what would lift it a band, usage, the activity timeline and the contacts.
/// A section appears only when there is data for it. The lines scroll in the loop.
public enum AccountView {
    /// The widest a wrapped sentence gets.
    static let proseWidth = 118

    public static func lines(for page: AccountPage, width: Int, asOf: Day, glyphs: Glyphs,
                             policy: CheckInPolicy = .standard) -> [StyledLine] {
        var out: [StyledLine] = []
        let g = glyphs
        let account = page.account
        let inner = max(20, width - 2)
        // Sentences wrap at a reading width even on a 200-column terminal; tables use it all.
        let prose = min(inner, proseWidth)

        // Header.
        out.append([Span(account.name, .title, bold: true), Span("  \(account.id)", .dim)])
        let toRenewal = account.daysToRenewal(asOf: asOf)
        let renewal = toRenewal >= 0 ? "renews \(account.renewalDate) (in \(toRenewal) days)" : "renewal \(account.renewalDate) (\(-toRenewal) days ago)"
        var facts = "\(account.tier.rawValue) \(g.dot) ARR \(account.arr.grouped) \(g.dot) owner \(page.ownerName)"
        if let ae = page.aeName { facts += " \(g.dot) AE \(ae)" }
        out.append(contentsOf: wrap(facts, width: prose, role: .normal))
        var second = [Span(renewal, toRenewal <= 90 && toRenewal >= 0 ? .warning : .normal)]
        if let entry = page.entry {
            second.append(Span(" \(g.dot) stage \(entry.stage.rawValue)"))
            let since = entry.daysSinceActivity(asOf: asOf)
            let overdue = policy.isOverdue(tier: account.tier, daysSinceActivity: since)
            let text = since.map { " \(g.dot) last activity \($0) days ago" } ?? " \(g.dot) no activity logged"
            second.append(Span(text + (overdue ? " (past the \(policy.limit(for: account.tier))-day limit!)" : ""),
                               overdue ? .overdue : .normal))
        }
        out.append(second)

        // The score and its explanation.
        if let explanation = page.explanation {
            let snapshot = explanation.snapshot
            out.append([])
            let band = snapshot.band
            let role = BookView.bandRole(band, bands: page.bands)
            let score = snapshot.score.map { String(Int($0.rounded())) } ?? "no data"
            var headline: StyledLine = [Span("Health ", .header), Span("\(score) \(BookTable.bandGlyph(band, bands: page.bands, glyphs: glyphs)) \(band ?? "no band")", role, bold: true),
                                        Span("  as of \(snapshot.date)", .dim)]
            if let reason = snapshot.confidenceReason { headline.append(Span("  LOW CONFIDENCE: \(reason.words)", .warning)) }
            out.append(headline)
            out.append(contentsOf: wrap(explanation.summary, width: prose, role: .normal))
            out.append(contentsOf: history(page, width: inner, glyphs: glyphs))
            out.append([])
            out.append(contentsOf: measureTable(explanation, page: page, width: inner, glyphs: glyphs))

            out.append([])
            if let previous = explanation.previous {
                let before = previous.score.map { String(Int($0.rounded())) } ?? "no data"
                // From the rounded scores, so the numbers shown add up (35 → 33 is −2).
                let delta = previous.score.flatMap { b in snapshot.score.map { Int($0.rounded()) - Int(b.rounded()) } }
                let deltaText = delta.map { $0 > 0 ? " (+\($0))" : $0 < 0 ? " (\(g.minus)\(-$0))" : " (no change)" } ?? ""
                let deltaRole: StyleRole = (delta ?? 0) > 0 ? .positive : (delta ?? 0) < 0 ? .negative : .normal
                out.append([Span("Since \(previous.date): ", .header), Span("\(before) \(g.arrow) \(score)\(deltaText)", deltaRole)])
                for change in explanation.changes.prefix(6) where abs(change.pointsDelta) >= 0.05 {
                    let sign = change.pointsDelta > 0 ? "+" : "\(g.minus)"
                    let from = change.rawBefore.map { page.formatRaw(change.name, $0) } ?? "no data"
                    let to = change.rawAfter.map { page.formatRaw(change.name, $0) } ?? "no data"
                    out.append([Span("  \(change.name): \(from) \(g.arrow) \(to), "),
                                Span("\(sign)\(format1(abs(change.pointsDelta))) points", change.pointsDelta > 0 ? .positive : .negative)])
                }
            }
            if let lift = explanation.lift {
                out.append(contentsOf: wrap("To reach \(lift.band): \(lift.sentence)", width: prose, role: .accent))
            } else if snapshot.band == page.bands.last {
                out.append([Span("Already in the top band.", .positive)])
            } else if snapshot.score != nil {
                out.append([Span("No single measure can lift it to the next band on its own.", .dim)])
            }
        } else {
            out.append([])
            out.append([Span("No score yet: run `folio tick` for \(asOf).", .dim)])
        }

        // Usage.
        let usage = page.detail.usage
        if !usage.isEmpty {
            out.append([])
            out.append([Span("Usage", .header), Span("  last \(usage.count) weeks, to \(usage.last!.week)", .dim)])
            let spark = usage.count
            func series(_ label: String, _ values: [Double?], latest: String) {
                out.append([Span("  " + TerminalText.pad(label, toWidth: 14)), Span(glyphs.sparkline(values: values, width: spark), .accent),
                            Span("  " + latest)])
            }
            let seats = page.account.seats.map { " of \($0) seats" } ?? ""
            series("active users", usage.map { Double($0.activeUsers) }, latest: "\(usage.last!.activeUsers)\(seats)")
            series("key actions", usage.map { Double($0.keyActions) }, latest: "\(usage.last!.keyActions) a week")
            if usage.contains(where: { $0.logins != nil }) {
                series("logins", usage.map { $0.logins.map(Double.init) }, latest: usage.last!.logins.map { "\($0) a week" } ?? "\(g.dash)")
            }
            if let last = usage.last, let used = last.featuresUsed, let available = last.featuresAvailable {
                out.append([Span("  " + TerminalText.pad("features", toWidth: 14)), Span("\(used) of \(available) advanced features used")])
            }
        }

        // The renewal opportunity, once the renewal is near.
        if let renewal = page.detail.renewal {
            out.append([])
            let role: StyleRole = renewal.stage == .atRisk ? .severityRed : renewal.stage == .committed ? .positive : .warning
            let who = renewal.movedBy.map { $0 == "folio" ? " (moved by the daily run)" : " (moved by \($0))" } ?? ""
            out.append([Span("Renewal", .header), Span("  \(renewal.stage.rawValue)", role),
                        Span("  \(renewal.amount.grouped) closing \(renewal.closeDate)\(TerminalText.sanitize(who))", .dim)])
        }

        // Open and recent alerts.
        let alerts = page.detail.alerts
        if !alerts.isEmpty {
            out.append([])
            let open = alerts.filter(\.isOpen).count
            out.append([Span("Alerts", .header), Span("  \(open) open", .dim)])
            for alert in alerts {
                let role: StyleRole = alert.isOpen ? Self.role(of: alert.severity) : .dim
                let state: String = switch alert.state {
                case .open: "open"
                case .acknowledged: "ack \(alert.acknowledgedBy ?? "")"
                case .snoozed: "snoozed to \(alert.snoozedUntil.map { "\($0)" } ?? "")" + (alert.snoozeWake.map { " or \($0.words)" } ?? "")
                case .resolved: alert.outcome?.rawValue ?? "resolved"
                }
                let head = "  \(TerminalText.pad(alert.severity.rawValue, toWidth: 7))\(TerminalText.pad(alert.kind.title, toWidth: 17))"
                let tail = "  \(alert.raisedOn)  \(state)"
                let room = inner - DisplayWidth.of(head) - DisplayWidth.of(tail) - 2
                var spans = [Span(head, role)]
                if room > 8 {
                    spans.append(Span(" " + TerminalText.truncate(TerminalText.sanitize(alert.reason), toWidth: room, ellipsis: glyphs.ellipsis)))
                }
                spans.append(Span(tail, .dim))
                out.append(spans)
            }
        }

        // Support and payment, when there is something to say.
        let cases = page.detail.openCases
        if !cases.isEmpty || (page.detail.payment?.daysOverdue ?? 0) > 0 {
            out.append([])
            out.append([Span("Support and billing", .header)])
            if !cases.isEmpty {
                let counts = SupportCase.Priority.allCases.reversed().compactMap { priority -> String? in
                    let n = cases.filter { $0.priority == priority }.count
                    return n > 0 ? "\(n) \(priority.rawValue)" : nil
                }
                let critical = cases.contains { $0.priority == .critical }
                out.append([Span("  open cases: \(counts.joined(separator: ", "))", critical ? .severityRed : .normal)])
            }
            if let payment = page.detail.payment, payment.daysOverdue > 0 {
                out.append([Span("  payment \(payment.daysOverdue) days overdue (as of \(payment.asOf))", payment.daysOverdue >= 30 ? .overdue : .warning)])
            }
        }

        // Activity timeline.
        let activities = page.detail.activities
        if !activities.isEmpty {
            out.append([])
            out.append([Span("Activity", .header), Span("  latest \(activities.count)", .dim)])
            // Authors padded to the longest (up to 18 cells), so the summaries line up.
            let authorWidth = min(18, activities.map { DisplayWidth.of(TerminalText.sanitize($0.authorName)) }.max() ?? 0)
            for line in activities {
                let activity = line.activity
                let direction = activity.direction == .inbound ? "in " : "out"
                let prefix = "  \(activity.date)  \(TerminalText.pad(activity.kind.rawValue, toWidth: 8)) \(direction)  "
                let author = TerminalText.fit(line.authorName, toWidth: authorWidth, ellipsis: glyphs.ellipsis)
                let room = inner - DisplayWidth.of(prefix) - DisplayWidth.of(author) - 2
                var spans = [Span(prefix, .dim), Span(author)]
                if room > 4, !activity.summary.isEmpty {
                    spans.append(Span("  " + TerminalText.truncate(TerminalText.sanitize(activity.summary), toWidth: room, ellipsis: glyphs.ellipsis)))
                }
                out.append(spans)
            }
        }

        // Contacts.
        let contacts = page.detail.contacts
        if !contacts.isEmpty {
            out.append([])
            out.append([Span("Contacts", .header)])
            let nameWidth = min(22, max(12, inner / 3))
            for line in contacts {
                let contact = line.contact
                let roles = Contact.Role.allCases.filter(contact.roles.contains).map(\.rawValue).joined(separator: ", ")
                var spans = [Span("  " + TerminalText.fit(contact.name, toWidth: nameWidth, ellipsis: glyphs.ellipsis) + "  "),
                             Span(TerminalText.pad(roles.isEmpty ? "\(g.dash)" : roles, toWidth: 18), roles.contains("sponsor") ? .accent : .normal)]
                if let nps = line.latestNPS {
                    let role: StyleRole = nps.score <= 6 ? .negative : nps.score >= 9 ? .positive : .normal
                    spans.append(Span(" NPS \(nps.score)", role))
                    spans.append(Span(" (\(nps.date))", .dim))
                }
                if contact.leftCompany { spans.append(Span("  left company", .warning)) }
                if contact.optOut { spans.append(Span("  opted out", .dim)) }
                out.append(spans)
            }
        }
        return out
    }

    /// Weeks of score history the account view charts.
    static let historyWeeks = 26

    /// The weekly scores as a chart under a line saying where they went and where the
    /// bands start; nothing when there is no history yet.
    static func history(_ page: AccountPage, width: Int, glyphs g: Glyphs) -> [StyledLine] {
        let weeks = min(page.weeklyScores.count, max(8, width - 8))
        let scores = Array(page.weeklyScores.suffix(weeks))
        let bands = Array(page.weeklyBands.suffix(weeks))
        let known = scores.compactMap { $0 }
        guard known.count >= 2, let first = known.first, let last = known.last, let low = known.min() else { return [] }
        let edges = page.bandEdges.dropFirst().map { "\($0.name) from \($0.from)" }.joined(separator: ", ")
        let summary = "\(weeks) weeks: \(Int(first.rounded())) \(g.arrow) \(Int(last.rounded())), lowest \(Int(low.rounded()))"
            + (edges.isEmpty ? "" : " (\(edges))")
        var out: [StyledLine] = [[]]
        out.append([Span("Score by week ", .header),
                    Span(TerminalText.truncate(summary, toWidth: max(10, width - 14), ellipsis: g.ellipsis), .dim)])
        out += ScoreChart.lines(scores: scores, bands: bands, glyphs: g, bandNames: page.bands)
        return out
    }

    static func role(of severity: Alert.Severity) -> StyleRole {
        switch severity {
        case .red: .severityRed
        case .orange: .severityOrange
        case .amber: .severityAmber
        case .info: .severityInfo
        }
    }

    /// Every measure: raw value, score, effective weight (of the nominal), points, when measured.
    static func measureTable(_ explanation: AccountExplanation, page: AccountPage, width: Int, glyphs g: Glyphs) -> [StyledLine] {
        let rawWidth = 9, scoreWidth = 5, weightWidth = 9, pointsWidth = 6, dateWidth = 10
        let fixed = rawWidth + scoreWidth + weightWidth + pointsWidth + 2 * 4
        let showsDate = width >= fixed + dateWidth + 2 + 24
        let nameWidth = min(32, max(10, width - fixed - (showsDate ? dateWidth + 2 : 0)))
        func row(_ cells: [(String, Int, TextAlignment)]) -> String {
            cells.map { TerminalText.fit($0.0, toWidth: $0.1, alignment: $0.2) }.joined(separator: "  ")
        }
        var header: [(String, Int, TextAlignment)] = [("MEASURE", nameWidth, .left), ("RAW", rawWidth, .right), ("SCORE", scoreWidth, .right),
                                                       ("WEIGHT", weightWidth, .right), ("POINTS", pointsWidth, .right)]
        if showsDate { header.append(("MEASURED", dateWidth, .left)) }
        var out: [StyledLine] = [[Span(row(header), .header)]]
        for measure in explanation.snapshot.measures {
            let raw = measure.category ?? measure.raw.map { page.formatRaw(measure.name, $0) } ?? "no data"
            let score = measure.score.map { String(Int($0.rounded())) } ?? "\(g.dash)"
            let weight = measure.effectiveWeight == measure.weight ? format1(measure.weight)
                : "\(format1(measure.weight))\(g.arrow)\(format1(measure.effectiveWeight))"
            var cells: [(String, Int, TextAlignment)] = [(measure.name, nameWidth, .left), (raw, rawWidth, .right), (score, scoreWidth, .right),
                                                         (weight, weightWidth, .right), (format1(measure.points), pointsWidth, .right)]
            var role: StyleRole = measure.score == nil ? .dim : .normal
            if measure.stale { cells[0].0 = "\(measure.name) (stale)" }
            if showsDate { cells.append((measure.inputDate.map { $0.iso } ?? "", dateWidth, .left)) }
            if measure.stale { role = .warning }
            if let value = measure.score, value < 34, !measure.stale { role = .negative }
            out.append([Span(row(cells), role)])
        }
        return out
    }

    static func format1(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        let whole = Int(rounded)
        let tenth = Int((abs(rounded) * 10).rounded()) % 10
        return "\(rounded < 0 && whole == 0 ? "-" : "")\(whole).\(tenth)"
    }

    /// Word-wraps sanitized text into lines of one role.
    static func wrap(_ text: String, width: Int, role: StyleRole) -> [StyledLine] {
        var lines: [StyledLine] = []
        var line = ""
        for word in TerminalText.sanitize(text).split(separator: " ") {
            if !line.isEmpty, DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) > width {
                lines.append([Span(line, role)])
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append([Span(line, role)]) }
        return lines
    }

    /// Draws the visible part of the page: from where the last frame was, no further
    /// than a full last page.
    static func draw(_ screen: AccountScreen, app state: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        let g = state.glyphs
        guard let page = screen.page else {
            let text = screen.error.map { "Could not load \(screen.name): \($0)" } ?? "Loading \(screen.name)\(g.ellipsis)"
            canvas.put(text: text, at: .init(column: rect.column + 1, row: rect.row), role: screen.error == nil ? .dim : .error,
                       maxWidth: rect.width - 2)
            return Viewport(screen: screen.id, scroll: screen.scroll, height: max(1, rect.height), count: 0)
        }
        let lines = self.lines(for: page, width: rect.width, asOf: state.viewer.asOf, glyphs: state.glyphs, policy: state.policy)
        let scroll = ListCursor.scroll(lines: screen.scroll, count: lines.count, height: max(1, rect.height))
        let shown = Viewport(screen: screen.id, scroll: scroll, height: max(1, rect.height), count: lines.count)
        let end = min(lines.count, scroll + rect.height)
        guard scroll < end else { return shown }
        for index in scroll..<end {
            canvas.put(line: lines[index], at: .init(column: rect.column + 1, row: rect.row + index - scroll), maxWidth: rect.width - 2)
        }
        return shown
    }
}
