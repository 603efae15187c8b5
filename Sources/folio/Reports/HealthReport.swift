import FolioDomain
import FolioStore
import FolioTUI

/// `folio report health`: how many accounts sat in each band, week by week (README,
/// "folio report --json").
enum HealthReport {
    struct Week: Encodable {
        var week: String
        var runDay: String
        var counts: [String: Int]
        var unscored: Int
        var total: Int
    }

    struct JSON: Encodable {
        var bands: [String]
        var weeks: [Week]
    }

    static func json(_ h: HealthDistribution) -> JSON {
        JSON(bands: h.bands,
             weeks: h.weeks.map { w in
                 Week(week: w.week.iso, runDay: w.runDay.iso, counts: Dictionary(uniqueKeysWithValues: zip(h.bands, w.counts)),
                      unscored: w.unscored, total: w.total)
             })
    }

    /// One row per week; a column per band, best first.
    static func csv(_ h: HealthDistribution) -> CSVTable {
        CSVTable(header: ["week", "run_day"] + h.bands + ["unscored", "total"],
                       rows: h.weeks.map { w in [w.week.iso, w.runDay.iso] + w.counts.map(String.init) + ["\(w.unscored)", "\(w.total)"] })
    }

    static func text(_ h: HealthDistribution, frame: ReportFrame, heading: String, maxWidth: Int?, glyphs: Glyphs) -> [String] {
        var out = [TerminalText.sanitize("Health of \(heading) by week, \(frame.from) to \(frame.to) (as of \(frame.asOf))"),
                   "Each account once a week, by its latest score of the week's runs.", ""]
        guard !h.weeks.isEmpty else {
            out.append("No engine runs in the period: \(ReportFrame.notEnoughData).")
            return out
        }
        var table = TextTable(columns: [.init("WEEK", priority: 10)]
                              + h.bands.map { TextTable.Column($0.uppercased(), alignment: .right, priority: 9) }
                              + [.init("NO DATA", alignment: .right, priority: 7), .init("TOTAL", alignment: .right, priority: 8)])
        table.showsRule = true
        for w in h.weeks { table.append([w.week.iso] + w.counts.map(String.init) + ["\(w.unscored)", "\(w.total)"]) }
        out.append(contentsOf: table.render(maxWidth: maxWidth, glyphs: glyphs).map(TerminalText.sanitize))
        return out
    }
}
