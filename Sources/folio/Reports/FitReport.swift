import FolioDomain
import FolioStore
import FolioTUI
import Foundation

/// `folio model fit`'s summary (README, "folio model fit --json").
enum FitReport {
    struct Measure: Encodable {
        var name: String
        var source: String
        var weight: Double
        var kept: Bool
        @NullEncoded var direction: String?
        @NullEncoded var poor: Double?
        @NullEncoded var healthy: Double?
        var scores: [Score]
        @NullEncoded var auc: Double?
        var coverage: Double
        @NullEncoded var note: String?
    }

    struct Score: Encodable {
        var value: String
        var score: Double
        var cases: Int
        var churned: Int
    }

    struct JSON: Encodable {
        var asOf: String
        var out: String
        var profile: String
        var base: String
        var horizonDays: Int
        var days: [String]
        var cases: Int
        var accounts: Int
        var churnedAccounts: Int
        var folds: Int
        @NullEncoded var heldOutOld: BacktestReport.AUC?
        @NullEncoded var heldOutNew: BacktestReport.AUC?
        var measures: [Measure]
        var bands: [BacktestReport.Band]
    }

    static func json(_ r: ProfileFitRun.Result, path: String) -> JSON {
        let f = r.fitted
        let kept = Dictionary(uniqueKeysWithValues: f.profile.measures.map { ($0.name, $0) })
        return JSON(asOf: r.window.asOf.iso, out: path, profile: f.profile.name, base: r.base.name, horizonDays: r.window.horizonDays,
                    days: r.window.days.map(\.iso), cases: f.cases, accounts: f.churnedAccounts + f.stayedAccounts,
                    churnedAccounts: f.churnedAccounts, folds: f.folds, heldOutOld: BacktestReport.AUC(f.heldOutOld),
                    heldOutNew: BacktestReport.AUC(f.heldOutNew),
                    measures: f.measures.map { e in
                        let m = kept[e.name]
                        return Measure(name: e.name, source: e.source.rawValue, weight: m?.weight ?? 0, kept: m != nil,
                                       direction: m?.table == nil ? m?.direction.rawValue : nil, poor: m?.table == nil ? m?.poor : nil,
                                       healthy: m?.table == nil ? m?.healthy : nil,
                                       scores: e.values.map { Score(value: $0.label, score: $0.score, cases: $0.cases, churned: $0.churned) },
                                       auc: e.auc.map { ($0 * 1000).rounded() / 1000 }, coverage: ReportFrame.rounded(e.coverage) ?? 0,
                                       note: e.unfit)
                    },
                    bands: BacktestReport.Band.rows(f.calibration))
    }

    static func lines(_ r: ProfileFitRun.Result, path: String, baseFile: String?, maxWidth: Int?, glyphs: Glyphs) -> [String] {
        let f = r.fitted, w = r.window
        var out: [String] = []
        let days = w.days.count == 1 ? "the scores of \(w.days[0].iso)" : "\(w.days.count) scored days from \(w.days.first!.iso) to \(w.days.last!.iso)"
        out.append(TerminalText.sanitize("Fitted \"\(f.profile.name)\" from \"\(r.base.name)\": \(BacktestReport.number(f.churnedAccounts + f.stayedAccounts)) accounts "
                                         + "(\(BacktestReport.number(f.churnedAccounts)) churned within \(w.horizonDays) days) on \(days)"))
        if let new = f.heldOutNew {
            var line = "Held out (\(f.folds)-fold cross-validation by account): ROC AUC \(new.text)"
            if let old = f.heldOutOld {
                let delta = new.auc - old.auc
                line += ", against \(old.text) for \"\(r.base.name)\" (\(delta >= 0 ? "+" : "−")\(MeasureSource.fixed(abs(delta), decimals: 2)))"
            }
            out.append(TerminalText.sanitize(line))
        }
        out.append("")
        var table = TextTable(columns: [
            .init("MEASURE", minWidth: 10, priority: 10, isFlexible: true),
            .init("WEIGHT", alignment: .right, priority: 9),
            .init("POOR → HEALTHY", priority: 8),
            .init("AUC", alignment: .right, priority: 7),
            .init("DATA", alignment: .right, priority: 6),
        ])
        table.showsRule = true
        for m in f.profile.measures {
            let e = f.measures.first { $0.name == m.name }
            let curve = m.table.map { "table of \($0.entries.count)" } ?? "\(m.source.format(m.poor)) → \(m.source.format(m.healthy))"
            table.append([m.name, HealthProfileWriter.number(m.weight), curve, e?.auc.map { MeasureSource.fixed($0, decimals: 2) } ?? "–",
                          BacktestReport.percent(e?.coverage, places: 0)])
        }
        out.append(contentsOf: table.render(maxWidth: maxWidth, glyphs: glyphs))
        let kept = Set(f.profile.measures.map(\.name))
        let left = f.measures.filter { !kept.contains($0.name) }.map { e in e.unfit.map { "\(e.name) (\($0))" } ?? e.name }
        if !left.isEmpty { out.append(TerminalText.sanitize("Left out (no weight): " + left.joined(separator: ", "))) }
        out.append("")
        out.append("Bands at churn-rate targets (all accounts \(BacktestReport.percent(f.bands.baseRate, places: 1))):")
        out.append(contentsOf: BacktestReport.bandTable(f.calibration, maxWidth: maxWidth, glyphs: glyphs))
        out.append("")
        let base = baseFile ?? "SampleData/health-profile.yaml"
        out.append(TerminalText.sanitize("Wrote \(path). What would change: folio model diff \(base) \(path); use it: folio tick --profile \(path)"))
        return out
    }
}
