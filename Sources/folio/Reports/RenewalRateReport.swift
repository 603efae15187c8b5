import FolioDomain
import FolioStore
import FolioTUI

/// `folio report renewals`: closed won over closed in the period, and the lift of covered
/// accounts over uncovered ones (README, "folio report --json").
enum RenewalRateReport {
    struct Rate: Encodable {
        var closed: Int
        var won: Int
        @NullEncoded var rate: Double?

        init(_ r: Ratio) {
            closed = r.of
            won = r.count
            rate = ReportFrame.rounded(r.rate)
        }
    }

    struct CSMRate: Encodable {
        var login: String
        var name: String
        var closed: Int
        var won: Int
        @NullEncoded var rate: Double?
    }

    struct JSON: Encodable {
        var renewals: Rate
        var covered: Rate
        var uncovered: Rate
        @NullEncoded var liftPoints: Double?
        var byCsm: [CSMRate]
    }

    static func json(_ r: RenewalRate, names: [String: String]) -> JSON {
        JSON(renewals: Rate(r.overall),
             covered: Rate(r.covered), uncovered: Rate(r.uncovered), liftPoints: ReportFrame.rounded(r.lift, places: 10),
             byCsm: r.byOwner.map {
                 CSMRate(login: $0.owner, name: names[$0.owner] ?? $0.owner, closed: $0.rate.of, won: $0.rate.count,
                         rate: ReportFrame.rounded($0.rate.rate))
             })
    }

    static let csvHeader = ["group", "login", "closed", "won", "renewal_rate"]

    /// Rows: all, covered, uncovered, then one per CSM (group "csm").
    static func csv(_ r: RenewalRate) -> CSVTable {
        func row(_ group: String, _ login: String, _ x: Ratio) -> [String] {
            [group, login, "\(x.of)", "\(x.count)", ReportFrame.csvNumber(ReportFrame.rounded(x.rate))]
        }
        let rows = [row("all", "", r.overall), row("covered", "", r.covered), row("uncovered", "", r.uncovered)]
            + r.byOwner.map { row("csm", $0.owner, $0.rate) }
        return CSVTable(header: csvHeader, rows: rows)
    }

    static func text(_ r: RenewalRate, names: [String: String], frame: ReportFrame, heading: String, maxWidth: Int?,
                     glyphs: Glyphs) -> [String] {
        var out = [TerminalText.sanitize("Renewals of \(heading) closed \(frame.from) to \(frame.to) (as of \(frame.asOf))"),
                   "Renewal rate: closed won over closed. Covered: a check-in, call, meeting or QBR within the tier's limit before the close.",
                   ""]
        var table = TextTable(columns: [
            .init("GROUP", minWidth: 8, priority: 10, isFlexible: true),
            .init("RENEWED", alignment: .right, priority: 9),
        ])
        table.showsRule = true
        table.append(["all closed", ReportFrame.ratio(r.overall)])
        table.append(["covered", ReportFrame.ratio(r.covered)])
        table.append(["not covered", ReportFrame.ratio(r.uncovered)])
        for o in r.byOwner { table.append([names[o.owner] ?? o.owner, ReportFrame.ratio(o.rate)]) }
        out.append(contentsOf: table.render(maxWidth: maxWidth, glyphs: glyphs).map(TerminalText.sanitize))
        out.append("")
        out.append("Renewal lift, covered against not covered: \(ReportFrame.points(r.lift)).")
        return out
    }
}
