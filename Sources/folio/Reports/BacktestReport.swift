import FolioDomain
import FolioStore
import FolioTUI
import Foundation

/// `folio model backtest`: how well the score predicted churn (README, "folio model backtest --json").
enum BacktestReport {
    struct AUC: Encodable {
        var auc: Double
        @NullEncoded var low: Double?
        @NullEncoded var high: Double?
        var churned: Int
        var stayed: Int

        init?(_ a: RankingAUC?) {
            guard let a else { return nil }
            auc = Self.r(a.auc)
            low = a.low.map(Self.r)
            high = a.high.map(Self.r)
            churned = a.positives
            stayed = a.negatives
        }

        static func r(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
    }

    struct Band: Encodable {
        var band: String
        var range: String
        var cases: Int
        var churned: Int
        @NullEncoded var rate: Double?
        @NullEncoded var shareOfChurners: Double?

        static func rows(_ table: CalibrationTable) -> [Band] {
            table.rows.map { Band(band: $0.band, range: $0.range, cases: $0.cases, churned: $0.churned,
                                  rate: ReportFrame.rounded($0.rate, places: 10_000), shareOfChurners: ReportFrame.rounded($0.shareOfChurners)) }
        }
    }

    struct Lift: Encodable {
        var share: Double
        var cases: Double
        var churned: Double
        var rate: Double
        var baseRate: Double
        @NullEncoded var lift: Double?

        init?(_ l: DecileLift?) {
            guard let l else { return nil }
            share = l.share
            cases = (l.cases * 10).rounded() / 10
            churned = (l.churned * 10).rounded() / 10
            rate = ReportFrame.rounded(l.rate, places: 10_000) ?? 0
            baseRate = ReportFrame.rounded(l.baseRate, places: 10_000) ?? 0
            lift = ReportFrame.rounded(l.lift, places: 100)
        }
    }

    struct Lead: Encodable {
        var churners: Int
        var caught: Int
        @NullEncoded var caughtRate: Double?
        @NullEncoded var medianDays: Int?
        @NullEncoded var p25Days: Int?
        @NullEncoded var p75Days: Int?

        init(_ s: LeadTime.Summary?) {
            churners = s?.churners ?? 0
            caught = s?.caught ?? 0
            caughtRate = ReportFrame.rounded(s?.caughtRate)
            medianDays = s?.medianDays
            p25Days = s?.p25Days
            p75Days = s?.p75Days
        }
    }

    struct Measure: Encodable {
        var name: String
        @NullEncoded var source: String?
        var withData: Int
        var coverage: Double
        @NullEncoded var auc: AUC?
        var backwards: Bool
    }

    struct Group: Encodable {
        var cases: Int
        var churned: Int
        @NullEncoded var churnRate: Double?
        @NullEncoded var auc: AUC?
        var bands: [Band]
        @NullEncoded var topDecileLift: Lift?

        init(_ g: ScoreQuality.Group) {
            cases = g.cases
            churned = g.churned
            churnRate = ReportFrame.rounded(g.churnRate, places: 10_000)
            auc = AUC(g.auc)
            bands = Band.rows(g.calibration)
            topDecileLift = Lift(g.lift)
        }
    }

    struct Tier: Encodable {
        var tier: String
        var cases: Int
        var churned: Int
        @NullEncoded var churnRate: Double?
        @NullEncoded var auc: AUC?
        var bands: [Band]
        @NullEncoded var topDecileLift: Lift?
        var leadTime: Lead
    }

    struct JSON: Encodable {
        var asOf: String
        var mode: String
        var from: String
        var to: String
        var horizonDays: Int
        var days: [String]
        @NullEncoded var profile: String?
        var accounts: Int
        var cases: Int
        var churned: Int
        @NullEncoded var churnRate: Double?
        @NullEncoded var auc: AUC?
        var bands: [Band]
        @NullEncoded var topDecileLift: Lift?
        var leadTime: Lead
        var measureDays: [String]
        var measures: [Measure]
        var byTier: [Tier]
        var unscored: Int
        var undated: Int
        var notes: [String]
    }

    static func json(_ r: Backtester.Result) -> JSON {
        let g = Group(r.quality.overall)
        return JSON(asOf: r.window.asOf.iso, mode: r.window.mode.rawValue, from: r.window.from.iso, to: r.window.to.iso,
                    horizonDays: r.window.horizonDays, days: r.window.days.map(\.iso), profile: r.profileName, accounts: r.accounts,
                    cases: g.cases, churned: g.churned, churnRate: g.churnRate, auc: g.auc, bands: g.bands, topDecileLift: g.topDecileLift,
                    leadTime: Lead(r.leadTime.overall), measureDays: r.measureDays.map(\.iso),
                    measures: r.measures.map { m in
                        Measure(name: m.name, source: m.source?.rawValue, withData: m.withData,
                                coverage: ReportFrame.rounded(m.coverage) ?? 0, auc: AUC(m.auc), backwards: m.isBackwards)
                    },
                    byTier: r.quality.byTier.map { t in
                        let g = Group(t.group)
                        return Tier(tier: t.tier.rawValue, cases: g.cases, churned: g.churned, churnRate: g.churnRate, auc: g.auc, bands: g.bands,
                                    topDecileLift: g.topDecileLift, leadTime: Lead(r.leadTime.byTier[t.tier]))
                    },
                    unscored: r.unscored, undated: r.undated, notes: notes(r))
    }

    /// What the reader should know: how the window was chosen, what was left out.
    static func notes(_ r: Backtester.Result) -> [String] {
        var out = r.window.notes
        if r.undated > 0 {
            out.append("\(r.undated) account\(r.undated == 1 ? " is" : "s are") marked churned with no churned outcome on record (no date to test against): left out")
        }
        if r.unscored > 0 { out.append("\(r.unscored) account-days had no score (no measure had data): left out") }
        if r.quality.overall.churned == 0 {
            out.append("no account churned within \(r.window.horizonDays) days of a scored day: import outcomes (folio import outcomes.csv) to test the score")
        }
        let backwards = r.measures.filter(\.isBackwards).map(\.name)
        if !backwards.isEmpty {
            out.append("ranks backwards (its churners scored better than those who stayed): \(backwards.joined(separator: ", ")); "
                       + "folio model fit turns it around or leaves it out")
        }
        return out
    }

    // MARK: Text

    static func number(_ n: Int) -> String { Money(cents: Int64(n) * 100).grouped }

    static func percent(_ rate: Double?, places: Int = 1) -> String {
        guard let rate else { return "–" }
        return MeasureSource.fixed(rate * 100, decimals: places) + " %"
    }

    static func auc(_ a: RankingAUC?) -> String { a?.text ?? "–" }

    static func lines(_ r: Backtester.Result, maxWidth: Int?, glyphs: Glyphs) -> [String] {
        var out: [String] = []
        let w = r.window
        let what = r.profileName.map { "profile \($0), re-scored from the records" } ?? "the stored scores"
        let span = w.days.count == 1 ? "the scores of \(w.days[0].iso)" : "\(w.days.count) scored days from \(w.days.first!.iso) to \(w.days.last!.iso)"
        out.append(TerminalText.sanitize("Backtest of \(what): \(span), each against churn within \(w.horizonDays) days (as of \(w.asOf.iso))"))
        let o = r.quality.overall
        out.append("\(number(r.accounts)) accounts, \(number(o.cases)) account-days, \(number(o.churned)) followed by a churn (\(percent(o.churnRate, places: 2)))")
        out.append("")
        if let a = o.auc {
            out.append("ROC AUC \(a.text): a churner scored below one who stayed \(Int((a.auc * 100).rounded())) % of the time (0.50 is chance)")
        } else {
            out.append("ROC AUC: not enough data (it needs accounts that churned and accounts that stayed)")
        }
        if let l = o.lift, let lift = l.lift {
            out.append("Top-decile lift \(MeasureSource.fixed(lift, decimals: 1)): the riskiest tenth churned at \(percent(l.rate, places: 2)), "
                       + "\(MeasureSource.fixed(lift, decimals: 1)) × the \(percent(l.baseRate, places: 2)) of all")
        }
        out.append("")
        out.append(contentsOf: bandTable(o.calibration, maxWidth: maxWidth, glyphs: glyphs))
        out.append("")
        let lead = r.leadTime.overall
        if lead.churners > 0 {
            var line = "Lead time: \(lead.caught) of \(lead.churners) churners (\(percent(lead.caughtRate, places: 0))) were in the lowest band before they churned"
            if let median = lead.medianDays, let p25 = lead.p25Days, let p75 = lead.p75Days {
                line += ", a median of \(median) days before (quartiles \(p25) and \(p75))"
            }
            out.append(line)
            out.append("")
        }
        var measures = TextTable(columns: [
            .init("MEASURE", minWidth: 10, priority: 10, isFlexible: true),
            .init("DATA", alignment: .right, priority: 6),
            .init("AUC", alignment: .right, priority: 9),
            .init("", priority: 8),
        ])
        measures.showsRule = true
        for m in r.measures {
            measures.append([m.name, percent(m.coverage, places: 0), auc(m.auc), m.isBackwards ? "BACKWARDS" : ""])
        }
        let measureSpan = r.measureDays.count == 1 ? r.measureDays[0].iso : "\(r.measureDays.count) of the days"
        out.append("Each measure on its own (\(measureSpan)):")
        out.append(contentsOf: measures.render(maxWidth: maxWidth, glyphs: glyphs))
        out.append("")
        var tiers = TextTable(columns: [
            .init("TIER", priority: 10),
            .init("ACCOUNT-DAYS", alignment: .right, priority: 6),
            .init("CHURNED", alignment: .right, priority: 7),
            .init("AUC", alignment: .right, priority: 9),
            .init("LIFT", alignment: .right, priority: 8),
            .init("CAUGHT", alignment: .right, priority: 5),
        ])
        tiers.showsRule = true
        for t in r.quality.byTier {
            let caught = r.leadTime.byTier[t.tier].map { "\($0.caught) of \($0.churners)" } ?? "–"
            tiers.append([t.tier.rawValue, number(t.group.cases), "\(number(t.group.churned)) (\(percent(t.group.churnRate, places: 1)))",
                          auc(t.group.auc), t.group.lift?.lift.map { MeasureSource.fixed($0, decimals: 1) } ?? "–", caught])
        }
        out.append("By tier:")
        out.append(contentsOf: tiers.render(maxWidth: maxWidth, glyphs: glyphs))
        let notes = notes(r)
        if !notes.isEmpty {
            out.append("")
            for note in notes { out.append(contentsOf: ExplainText.wrap("Note: \(note)", width: min(maxWidth ?? 100, 100))) }
        }
        return out
    }

    static func bandTable(_ table: CalibrationTable, maxWidth: Int?, glyphs: Glyphs) -> [String] {
        var bands = TextTable(columns: [
            .init("BAND", priority: 10),
            .init("SCORES", priority: 6),
            .init("ACCOUNT-DAYS", alignment: .right, priority: 7),
            .init("CHURNED", alignment: .right, priority: 8),
            .init("RATE", alignment: .right, priority: 9),
            .init("OF CHURNERS", alignment: .right, priority: 5),
        ])
        bands.showsRule = true
        for row in table.rows {
            bands.append([row.band, row.range, number(row.cases), number(row.churned), percent(row.rate, places: 2),
                          percent(row.shareOfChurners, places: 0)])
        }
        return bands.render(maxWidth: maxWidth, glyphs: glyphs)
    }
}
