import FolioDomain
import FolioStore
import FolioTUI
import Foundation

/// `folio model drift` (README, "folio model drift --json").
enum DriftReport {
    struct Quarter: Encodable {
        var quarter: String
        var days: Int
        var cases: Int
        var churned: Int
        @NullEncoded var auc: BacktestReport.AUC?
    }

    struct Month: Encodable {
        var month: String
        var runDay: String
        var total: Int
        var counts: [String: Int]
        var shares: [String: Double]
    }

    struct JSON: Encodable {
        var asOf: String
        var horizonDays: Int
        var mode: String
        var bands: [String]
        var quarters: [Quarter]
        var months: [Month]
        var notes: [String]
    }

    static func json(_ r: DriftRun.Result) -> JSON {
        let bands = r.drift.bands
        return JSON(asOf: r.window.asOf.iso, horizonDays: r.window.horizonDays, mode: r.window.mode.rawValue, bands: bands,
                    quarters: r.drift.quarters.map {
                        Quarter(quarter: $0.quarter.description, days: $0.days, cases: $0.cases, churned: $0.churned, auc: BacktestReport.AUC($0.auc))
                    },
                    months: r.drift.shares.map { s in
                        Month(month: String(s.day.iso.prefix(7)), runDay: s.day.iso, total: s.total,
                              counts: Dictionary(uniqueKeysWithValues: zip(bands, s.counts)),
                              shares: Dictionary(uniqueKeysWithValues: zip(bands, s.shares.map { ($0 * 1000).rounded() / 1000 })))
                    },
                    notes: notes(r))
    }

    static func notes(_ r: DriftRun.Result) -> [String] {
        var out: [String] = []
        if r.window.mode == .asOf {
            out.append("no stored run whose \(r.window.horizonDays) days are over by \(r.window.asOf.iso): no AUC to follow yet (folio tick stores a run a day)")
        }
        if r.drift.shares.isEmpty { out.append("no stored runs: no band shares") }
        return out
    }

    static func lines(_ r: DriftRun.Result, maxWidth: Int?, glyphs: Glyphs) -> [String] {
        var out: [String] = []
        out.append("Drift of the stored scores, as of \(r.window.asOf.iso): AUC by quarter (each scored day against churn within \(r.window.horizonDays) days)")
        var quarters = TextTable(columns: [
            .init("QUARTER", priority: 10), .init("DAYS", alignment: .right, priority: 5), .init("ACCOUNT-DAYS", alignment: .right, priority: 6),
            .init("CHURNED", alignment: .right, priority: 7), .init("AUC", alignment: .right, priority: 9),
        ])
        quarters.showsRule = true
        for q in r.drift.quarters where r.window.mode == .history {
            quarters.append([q.quarter.description, "\(q.days)", BacktestReport.number(q.cases), BacktestReport.number(q.churned), BacktestReport.auc(q.auc)])
        }
        out.append(contentsOf: quarters.render(maxWidth: maxWidth, glyphs: glyphs))
        out.append("")
        out.append("Accounts per band, at the last run of each month:")
        var columns: [TextTable.Column] = [.init("MONTH", priority: 10), .init("ACCOUNTS", alignment: .right, priority: 6)]
        for band in r.drift.bands { columns.append(.init(band.uppercased(), alignment: .right, priority: 8)) }
        var months = TextTable(columns: columns)
        months.showsRule = true
        for s in r.drift.shares {
            months.append([String(s.day.iso.prefix(7)), BacktestReport.number(s.total)] + s.shares.map { BacktestReport.percent($0, places: 0) })
        }
        out.append(contentsOf: months.render(maxWidth: maxWidth, glyphs: glyphs))
        for note in notes(r) { out.append("Note: \(note)") }
        return out
    }
}
