import FolioDomain
import FolioStore

/// The dashboard's model panels (issue 15): does the score predict churn — churn per band
/// as bars and the AUC quarter by quarter — and are the alerts worth it — each kind's share
/// followed by churn or contraction, against the control group, with the noise and the load.
enum ModelSections {
    typealias F = DashboardFigures

    /// Ranges and intervals use an en dash and lifts a times sign; plain ASCII says `-` and `x`.
    static func plain(_ text: String, _ g: Glyphs) -> String {
        g.isUnicode ? text : String(text.map { $0 == "–" ? "-" : $0 == "×" ? "x" : $0 })
    }

    // MARK: Does the score predict churn?

    static func model(_ d: ProgrammeDashboard, width: Int, glyphs g: Glyphs) -> [StyledLine] {
        guard let m = d.model else {
            var lines = DashboardSections.heading("Does the score predict churn?", "the whole book", width: width)
            lines += AccountView.wrap("Not yet: no stored run is 90 days old by \(d.asOf). folio model backtest says more.", width: width, role: .dim)
            return lines
        }
        let span = m.days.count == 1 ? "the run of \(m.days[0])" : "\(m.days.count) runs, \(m.days.first!) to \(m.days.last!)"
        var lines = DashboardSections.heading("Does the score predict churn?", "the whole book, \(span), churn within \(m.horizonDays) days",
                                              width: width)
        let text = { (t: String) in plain(t, g) }
        guard m.quality.churned > 0 else {
            lines += AccountView.wrap("No churn on record after those runs: import outcomes (folio import outcomes.csv) to check the score.",
                                      width: width, role: .dim)
            return lines
        }
        if let auc = m.quality.auc {
            lines += AccountView.wrap(text("ROC AUC \(auc.text)") + ": an account that churned scored below one that stayed "
                                      + "\(Int((auc.auc * 100).rounded())) % of the time (50 % is chance)", width: width, role: .normal)
        }
        // Churn per band: each band's rate as a bar, scaled to the highest rate.
        lines.append([Span("Churned, by band", .header)])
        let rows = m.quality.calibration.rows
        let names = rows.map { text("\(TerminalText.sanitize($0.band)) \($0.range)") }
        let nameWidth = min(18, names.map(DisplayWidth.of).max() ?? 6)
        let texts = rows.map { row in row.rate.map { "\(MeasureSource.fixed($0 * 100, decimals: 1)) % of \(row.cases)" } ?? F.notEnoughData }
        let textWidth = texts.map(DisplayWidth.of).max() ?? 0
        let bar = DashboardSections.barWidth(width, taken: nameWidth + 1 + 1 + textWidth)
        let scale = rows.compactMap(\.rate).max() ?? 0
        for (k, row) in rows.enumerated() {
            var line: StyledLine = [Span(F.fit(names[k], nameWidth, glyphs: g) + " ")]
            let role = DashboardSections.bandRole(k, of: rows.count)
            line += row.rate.map { BarChart.bar($0, of: scale, width: bar, glyphs: g, role: role) }
                ?? [Span(String(repeating: " ", count: bar))]
            line.append(Span(" " + F.fit(texts[k], textWidth, glyphs: g, alignment: .right), row.rate == nil ? .dim : .normal))
            lines.append(line)
        }
        // The trend: each quarter's AUC as a bar from 0 to 1.
        let quarters = m.quarters.filter { $0.auc != nil }
        if !quarters.isEmpty {
            lines.append([Span("AUC by quarter", .header)])
            let aucTexts = quarters.map { text($0.auc?.text ?? "–") }
            let aucWidth = aucTexts.map(DisplayWidth.of).max() ?? 0
            let qBar = DashboardSections.barWidth(width, taken: 7 + 1 + 1 + aucWidth)
            for (k, q) in quarters.enumerated() {
                var line: StyledLine = [Span(F.fit(q.quarter.description, 7, glyphs: g) + " ")]
                line += BarChart.rate(q.auc?.auc, width: qBar, glyphs: g, role: (q.auc?.auc ?? 0) >= 0.7 ? .positive : .accent)
                line.append(Span(" " + F.fit(aucTexts[k], aucWidth, glyphs: g, alignment: .right)))
                lines.append(line)
            }
        }
        return lines
    }

    // MARK: Are the alerts worth it?

    static func alerts(_ d: ProgrammeDashboard, width: Int, glyphs g: Glyphs) -> [StyledLine] {
        guard let q = d.alertQuality else { return [] }
        var lines = DashboardSections.heading("Are the alerts worth it?",
                                              "followed by churn or contraction within \(q.horizonDays) days, alerts of the 90 days before this period",
                                              width: width)
        guard !q.kinds.isEmpty else {
            lines.append([Span("No alerts then: \(F.notEnoughData).", .dim)])
            return lines
        }
        let names = q.kinds.map { $0.kind.map { $0.rawValue.split(separator: "-").joined(separator: " ") } ?? "every kind" }
        let nameWidth = min(16, names.map(DisplayWidth.of).max() ?? 8)
        func followed(_ group: AlertQuality.Group) -> String {
            group.decided == 0 ? F.notEnoughData : "\(group.followed) of \(group.decided) (\(F.percent(group.precision ?? 0)))"
        }
        let texts = q.kinds.map { followed($0.alerted) }
        let textWidth = texts.map(DisplayWidth.of).max() ?? 0
        // The rest of each line: lift, the control group's share, the noise, when they fit.
        let extras = q.kinds.map { k -> String in
            var parts: [String] = []
            if let lift = k.liftOverBase { parts.append("\(MeasureSource.fixed(lift, decimals: 1))× any account") }
            if k.control.decided > 0 { parts.append("control \(followed(k.control))") }
            if let noise = k.noiseRate { parts.append("noise \(F.percent(noise))") }
            return plain(parts.joined(separator: " \(g.dot) "), g)
        }
        let extraWidth = extras.map(DisplayWidth.of).max() ?? 0
        let oneLine = width - (nameWidth + 1 + 1 + textWidth + 2 + extraWidth) >= DashboardSections.minimumBar
        let bar = DashboardSections.barWidth(width, taken: nameWidth + 1 + 1 + textWidth + (oneLine ? 2 + extraWidth : 0))
        for (k, kind) in q.kinds.enumerated() {
            var line: StyledLine = [Span(F.fit(names[k], nameWidth, glyphs: g) + " ")]
            line += BarChart.rate(kind.alerted.precision, width: bar, glyphs: g, role: .accent)
            line.append(Span(" " + F.fit(texts[k], textWidth, glyphs: g, alignment: .right), kind.alerted.precision == nil ? .dim : .normal))
            if oneLine, !extras[k].isEmpty { line.append(Span("  " + extras[k], .dim)) }
            lines.append(line)
            if !oneLine, !extras[k].isEmpty { lines += AccountView.wrap(extras[k], width: width, role: .dim).map { [Span("  ")] + $0 } }
        }
        if let base = q.baseRate { lines.append([Span("Any account: \(MeasureSource.fixed(base * 100, decimals: 1)) % over the same span.", .dim)]) }
        if !q.load.isEmpty {
            let busiest = q.load.prefix(3).map { "\(TerminalText.sanitize(d.names[$0.login] ?? $0.login)) \(MeasureSource.fixed($0.perWeek, decimals: 1))" }
            lines += AccountView.wrap("Alerts a week per CSM: " + busiest.joined(separator: ", ") + (q.load.count > 3 ? ", …" : ""),
                                      width: width, role: .normal)
        }
        return lines
    }
}
