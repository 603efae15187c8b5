import FolioDomain
import FolioStore
import FolioTUI
import Foundation

/// `folio model diff`: band moves today and both backtests (README, "folio model diff --json").
enum DiffReport {
    struct Move: Encodable {
        @NullEncoded var from: String?
        @NullEncoded var to: String?
        var accounts: Int
    }

    struct Account: Encodable {
        var id: String
        var name: String
        var tier: String
        var owner: String
        @NullEncoded var oldScore: Double?
        @NullEncoded var oldBand: String?
        @NullEncoded var newScore: Double?
        @NullEncoded var newBand: String?
    }

    struct Side: Encodable {
        var file: String
        var profile: String
        var backtest: BacktestReport.JSON
    }

    struct JSON: Encodable {
        var asOf: String
        var accounts: Int
        var changing: Int
        var moves: [Move]
        var changed: [Account]
        var old: Side
        var new: Side
    }

    static func json(_ r: ProfileDiff.Result, oldFile: String, newFile: String) -> JSON {
        JSON(asOf: r.asOf.iso, accounts: r.accounts, changing: r.changed.count,
             moves: r.moves.map { Move(from: $0.from, to: $0.to, accounts: $0.count) },
             changed: r.changed.map { m in
                 Account(id: m.account.id, name: m.account.name, tier: m.account.tier.rawValue, owner: m.account.owner,
                         oldScore: ReportFrame.rounded(m.oldScore, places: 10), oldBand: m.oldBand,
                         newScore: ReportFrame.rounded(m.newScore, places: 10), newBand: m.newBand)
             },
             old: Side(file: oldFile, profile: r.old.name, backtest: BacktestReport.json(r.oldBacktest)),
             new: Side(file: newFile, profile: r.new.name, backtest: BacktestReport.json(r.newBacktest)))
    }

    static func lines(_ r: ProfileDiff.Result, oldFile: String, newFile: String, limit: Int, maxWidth: Int?, glyphs: Glyphs) -> [String] {
        var out: [String] = []
        out.append(TerminalText.sanitize("\(oldFile) (\"\(r.old.name)\") → \(newFile) (\"\(r.new.name)\"), as of \(r.asOf.iso)"))
        out.append("Today: \(BacktestReport.number(r.changed.count)) of \(BacktestReport.number(r.accounts)) active accounts would change band.")
        out.append("")
        var moves = TextTable(columns: [
            .init("NOW", priority: 10), .init("WOULD BE", priority: 10), .init("ACCOUNTS", alignment: .right, priority: 9),
        ])
        moves.showsRule = true
        for m in r.moves where m.from != m.to { moves.append([m.from ?? "no data", m.to ?? "no data", BacktestReport.number(m.count)]) }
        let same = r.moves.filter { $0.from == $0.to }.reduce(0) { $0 + $1.count }
        moves.append(["(unchanged)", "", BacktestReport.number(same)])
        out.append(contentsOf: moves.render(maxWidth: maxWidth, glyphs: glyphs))
        if !r.changed.isEmpty {
            out.append("")
            var list = TextTable(columns: [
                .init("ACCOUNT", minWidth: 12, priority: 10, isFlexible: true), .init("TIER", priority: 4), .init("OWNER", priority: 3),
                .init("NOW", alignment: .right, priority: 9), .init("WOULD BE", alignment: .right, priority: 9),
            ])
            list.showsRule = true
            func show(_ score: Double?, _ band: String?) -> String {
                guard let score, let band else { return "no data" }
                return "\(Int(score.rounded())) \(band)"
            }
            for m in r.changed.prefix(max(0, limit)) {
                list.append(["\(m.account.name) (\(m.account.id))", m.account.tier.short, m.account.owner,
                             show(m.oldScore, m.oldBand), show(m.newScore, m.newBand)])
            }
            out.append(contentsOf: list.render(maxWidth: maxWidth, glyphs: glyphs))
            if r.changed.count > limit { out.append("… and \(BacktestReport.number(r.changed.count - limit)) more (--limit, or --json for all)") }
        }
        out.append("")
        let a = r.oldBacktest, b = r.newBacktest
        let w = a.window
        let span = w.days.count == 1 ? "the scores of \(w.days[0].iso)" : "\(w.days.count) scored days from \(w.days.first!.iso) to \(w.days.last!.iso)"
        out.append("Backtests side by side, both re-scored on \(span), churn within \(w.horizonDays) days:")
        var side = TextTable(columns: [
            .init("", minWidth: 10, priority: 10, isFlexible: true), .init("OLD", alignment: .right, priority: 9),
            .init("NEW", alignment: .right, priority: 9),
        ])
        side.showsRule = true
        side.append(["ROC AUC", BacktestReport.auc(a.quality.overall.auc), BacktestReport.auc(b.quality.overall.auc)])
        side.append(["top-decile lift", a.quality.overall.lift?.lift.map { MeasureSource.fixed($0, decimals: 1) } ?? "–",
                     b.quality.overall.lift?.lift.map { MeasureSource.fixed($0, decimals: 1) } ?? "–"])
        side.append(["churners caught in the lowest band", BacktestReport.percent(a.leadTime.overall.caughtRate, places: 0),
                     BacktestReport.percent(b.leadTime.overall.caughtRate, places: 0)])
        func bandLine(_ row: CalibrationTable.Row) -> String {
            "\(row.range): \(BacktestReport.percent(row.rate, places: 1)) of \(BacktestReport.number(row.cases))"
        }
        for k in 0..<max(a.quality.overall.calibration.rows.count, b.quality.overall.calibration.rows.count) {
            let ra = k < a.quality.overall.calibration.rows.count ? a.quality.overall.calibration.rows[k] : nil
            let rb = k < b.quality.overall.calibration.rows.count ? b.quality.overall.calibration.rows[k] : nil
            side.append(["churn in \(ra?.band ?? rb?.band ?? "")", ra.map(bandLine) ?? "–", rb.map(bandLine) ?? "–"])
        }
        out.append(contentsOf: side.render(maxWidth: maxWidth, glyphs: glyphs))
        let backwards = b.measures.filter(\.isBackwards).map(\.name)
        if !backwards.isEmpty { out.append(TerminalText.sanitize("Note: in NEW, ranks backwards: \(backwards.joined(separator: ", "))")) }
        return out
    }
}
