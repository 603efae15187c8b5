import FolioDomain
import FolioStore

/// The dashboard's charts, one function each, as lines `width` cells wide: the figures
/// come from the domain (through `ProgrammeDashboard`), the bars from `BarChart`.
enum DashboardSections {
    typealias F = DashboardFigures

    /// The widest a bar gets, so a very wide terminal does not stretch a bar past reading.
    static let maxBar = 60

    /// Below this a bar says too little: the numbers beside it move to a line of their own.
    static let minimumBar = 10

    static func barWidth(_ width: Int, taken: Int) -> Int { max(4, min(maxBar, width - taken)) }

    /// A chart's title and what it shows, on one line when it fits, else the title then the
    /// words wrapped under it.
    static func heading(_ title: String, _ detail: String, width: Int) -> [StyledLine] {
        if DisplayWidth.of(title) + 1 + DisplayWidth.of(detail) <= width { return [[Span(title + " ", .header), Span(detail, .dim)]] }
        return [[Span(title, .header)]] + AccountView.wrap(detail, width: width, role: .dim)
    }

    // MARK: Did alerting help?

    static func recovery(_ d: ProgrammeDashboard, width: Int, glyphs g: Glyphs) -> [StyledLine] {
        let c = d.comparison
        var lines = heading("Did alerting help?", "recovered within \(RecoveryRate.windowDays) days, alerted vs control", width: width)
        let groups = [("alerted", c.alerted, StyleRole.accent), ("control", c.control, StyleRole.normal)]
        let rates = groups.map { F.ratio($0.1.recovery.overall) }
        let sizes = groups.map { _, group, _ in
            var text = "\(F.plural(group.accounts, "account")), \(F.plural(group.alerts, "alert"))"
            if group.recovery.pending > 0 { text += ", \(group.recovery.pending) pending" }
            return text
        }
        let rateWidth = rates.map(DisplayWidth.of).max() ?? 0
        let sizeWidth = sizes.map(DisplayWidth.of).max() ?? 0
        // Narrow: the group's sizes go under its bar rather than off the edge.
        let oneLine = width - (8 + 1 + 1 + rateWidth + 2 + sizeWidth) >= minimumBar
        let bar = barWidth(width, taken: 8 + 1 + 1 + rateWidth + (oneLine ? 2 + sizeWidth : 0))
        for (index, (name, group, role)) in groups.enumerated() {
            var line: StyledLine = [Span(F.fit(name, 8, glyphs: g))]
            line += BarChart.rate(group.recovery.overall.rate, width: bar, glyphs: g, role: role)
            line.append(Span(" " + F.fit(rates[index], rateWidth, glyphs: g, alignment: .right),
                             group.recovery.overall.rate == nil ? .dim : .normal))
            if oneLine { line.append(Span("  " + sizes[index], .dim)) }
            lines.append(line)
            if !oneLine { lines.append([Span(String(repeating: " ", count: 8) + sizes[index], .dim)]) }
        }
        if let lift = c.recoveryLift {
            lines.append([Span("Recovery: alerted \(F.points(lift, glyphs: g)) over control", lift >= 0 ? .positive : .negative)])
        } else {
            lines.append([Span("Recovery: \(F.notEnoughData) to compare", .dim)])
        }
        let churn = "Churned by \(d.asOf): alerted \(F.ratio(c.alerted.churn)), control \(F.ratio(c.control.churn))"
        lines += AccountView.wrap(churn, width: width, role: .normal)
        if let note = c.note { lines += AccountView.wrap(note, width: width, role: .warning) }
        return lines
    }

    // MARK: Health by week

    static func health(_ d: ProgrammeDashboard, width: Int, glyphs g: Glyphs) -> [StyledLine] {
        let h = d.distribution
        var lines = heading("Health by week:", "accounts by latest score, worst band first", width: width)
        guard !h.weeks.isEmpty else {
            lines.append([Span("No engine run in the period: \(F.notEnoughData).", .dim)])
            return lines
        }
        let patterns = g.bandPatterns(count: h.bands.count)
        let roles = h.bands.indices.map { bandRole($0, of: h.bands.count) }
        let hasUnscored = h.weeks.contains { $0.unscored > 0 }
        var legend: StyledLine = []
        for (index, band) in h.bands.enumerated() {
            legend += [Span(patterns[index], roles[index]), Span(" \(TerminalText.sanitize(band))  ")]
        }
        if hasUnscored { legend += [Span(g.barUnscored, .bandNone), Span(" unscored")] }
        lines.append(legend)

        // The counts, right of the bars, under the band names.
        let names = h.bands.map { F.fit($0, min(10, max(3, DisplayWidth.of(TerminalText.sanitize($0)))), glyphs: g) }
            + (hasUnscored ? ["unscored"] : []) + ["all"]
        let widths = names.map { max(3, DisplayWidth.of($0)) }
        let countsWidth = widths.reduce(0) { $0 + $1 + 1 }
        let bar = barWidth(width, taken: 10 + 1 + 1 + countsWidth)
        let scale = h.weeks.map(\.total).max() ?? 0
        var header = F.fit("week", 10, glyphs: g) + " " + String(repeating: " ", count: bar)
        for (name, w) in zip(names, widths) { header += " " + TerminalText.pad(name, toWidth: w, alignment: .right) }
        lines.append([Span(header, .dim)])
        for week in h.weeks {
            var segments = week.counts.indices.map { BarChart.Segment(count: week.counts[$0], glyph: patterns[$0], role: roles[$0]) }
            segments.append(BarChart.Segment(count: week.unscored, glyph: g.barUnscored, role: .bandNone))
            var line: StyledLine = [Span(week.week.iso + " ")]
            line += BarChart.stacked(segments, of: scale, width: bar)
            let counts = week.counts + (hasUnscored ? [week.unscored] : []) + [week.total]
            var text = ""
            for (count, w) in zip(counts, widths) { text += " " + TerminalText.pad("\(count)", toWidth: w, alignment: .right) }
            line.append(Span(text))
            lines.append(line)
        }
        return lines
    }

    /// Worst band red, best green, the ones between yellow (colour on top of the pattern).
    static func bandRole(_ index: Int, of count: Int) -> StyleRole {
        if index == 0 { return .bandRed }
        if index == count - 1 { return .bandGreen }
        return .bandYellow
    }

    // MARK: Time to acknowledge

    static func acknowledgement(_ d: ProgrammeDashboard, width: Int, glyphs g: Glyphs) -> [StyledLine] {
        let s = d.speed
        var lines = heading("Time to acknowledge:", "median hours per CSM; SLA: answered in time", width: width)
        guard s.overall.alerts > 0 else {
            lines.append([Span("No health-drop alert in the period: \(F.notEnoughData).", .dim)])
            return lines
        }
        let rows = s.byOwner.map { (d.names[$0.owner ?? ""] ?? $0.owner ?? "", $0) } + [("everyone", s.overall)]
        let nameWidth = min(18, rows.map { DisplayWidth.of(TerminalText.sanitize($0.0)) }.max() ?? 8)
        func hoursText(_ t: ResponseSpeed.Times) -> String {
            guard let median = t.medianHours else { return "none acknowledged of \(t.alerts)" }
            return "\(F.hours(median)), \(t.acknowledged) of \(t.alerts) acknowledged"
        }
        let texts = rows.map { hoursText($0.1) }
        let slas = rows.map { "SLA " + F.ratio($0.1.withinSLA) }
        let textWidth = texts.map(DisplayWidth.of).max() ?? 0
        let slaWidth = slas.map(DisplayWidth.of).max() ?? 0
        // Narrow: the SLA goes under the bar rather than off the edge.
        let oneLine = width - (nameWidth + 1 + 1 + textWidth + 2 + slaWidth) >= minimumBar
        let bar = barWidth(width, taken: nameWidth + 1 + 1 + textWidth + (oneLine ? 2 + slaWidth : 0))
        let scale = rows.compactMap { $0.1.medianHours }.max() ?? 0
        for (index, (name, times)) in rows.enumerated() {
            let isTotal = index == rows.count - 1
            var line: StyledLine = [Span(F.fit(name, nameWidth, glyphs: g) + " ", isTotal ? .header : .normal)]
            line += BarChart.bar(times.medianHours ?? 0, of: scale, width: bar, glyphs: g, role: isTotal ? .normal : .accent)
            line.append(Span(" " + F.fit(texts[index], textWidth, glyphs: g, alignment: .right), times.medianHours == nil ? .dim : .normal))
            let late = times.withinSLA.rate.map { $0 < 1 } ?? false
            if oneLine {
                line.append(Span("  " + slas[index], late ? .warning : .normal))
                lines.append(line)
            } else {
                lines += [line, [Span(String(repeating: " ", count: nameWidth + 1) + slas[index], late ? .warning : .normal)]]
            }
        }
        return lines
    }

    // MARK: ARR at risk

    static func arrAtRisk(_ d: ProgrammeDashboard, width: Int, glyphs g: Glyphs) -> [StyledLine] {
        let worst = TerminalText.sanitize(d.bands.first ?? "the worst band")
        var lines = heading("ARR at risk by renewal month:", "open, at risk or in \(worst), on \(d.asOf)", width: width)
        let months = d.atRisk.months
        guard !months.isEmpty else {
            lines.append([Span("Nothing at risk: no open renewal is at risk or in \(worst).", .dim)])
            return lines
        }
        let amounts = months.map(\.amount.grouped) + [d.atRisk.total.grouped]
        let counts = months.map { "in " + F.plural($0.renewals, "renewal") } + ["in " + F.plural(d.atRisk.renewals, "renewal")]
        let amountWidth = amounts.map(DisplayWidth.of).max() ?? 0
        let bar = barWidth(width, taken: 7 + 1 + 1 + amountWidth + 1 + (counts.map(DisplayWidth.of).max() ?? 0))
        let scale = Double(months.map(\.amount.cents).max() ?? 0)
        for (index, month) in months.enumerated() {
            var line: StyledLine = [Span(String(month.month.iso.prefix(7)) + " ")]
            line += BarChart.bar(Double(month.amount.cents), of: scale, width: bar, glyphs: g, role: .bandRed)
            line.append(Span(" " + TerminalText.pad(amounts[index], toWidth: amountWidth, alignment: .right) + " " + counts[index]))
            lines.append(line)
        }
        lines.append([Span(F.fit("total", 7 + 1 + bar, glyphs: g), .header),
                      Span(" " + TerminalText.pad(amounts[months.count], toWidth: amountWidth, alignment: .right) + " " + counts[months.count],
                           .header)])
        return lines
    }

    // MARK: Recovery sequences

    static func sequences(_ d: ProgrammeDashboard, width: Int, glyphs g: Glyphs) -> [StyledLine] {
        let s = d.sequences
        var lines = heading("Recovery sequences:", "answered (reply or meeting) of those that emailed", width: width)
        let rows = s.bySequence.map { ($0.sequence, $0.rate) } + [("all sequences", s.overall)]
        let nameWidth = min(24, rows.map { DisplayWidth.of(TerminalText.sanitize($0.0)) }.max() ?? 8)
        let texts = rows.map { F.ratio($0.1) }
        let textWidth = texts.map(DisplayWidth.of).max() ?? 0
        let bar = barWidth(width, taken: nameWidth + 1 + 1 + textWidth)
        for (index, (name, rate)) in rows.enumerated() {
            let isTotal = index == rows.count - 1
            var line: StyledLine = [Span(F.fit(name, nameWidth, glyphs: g) + " ", isTotal ? .header : .normal)]
            line += BarChart.rate(rate.rate, width: bar, glyphs: g, role: isTotal ? .normal : .accent)
            line.append(Span(" " + F.fit(texts[index], textWidth, glyphs: g, alignment: .right), rate.rate == nil ? .dim : .normal))
            lines.append(line)
        }
        return lines
    }
}
