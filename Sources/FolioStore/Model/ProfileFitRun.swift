import FolioDomain
import GRDB

/// `folio model fit`: reads a window's cases (the inputs as of each of a sample of scored
/// days, every source the book has), fits a profile to what followed, and says in the
/// profile's own comments what the data showed.
public enum ProfileFitRun {
    public struct Result: Sendable {
        public var window: ModelWindow
        public var base: HealthProfile
        public var fitted: FittedProfile
        /// The profile as YAML, comments and all.
        public var yaml: String
    }

    /// Scored days a fit reads, at most (evenly spread over the window).
    public static let fitDays = 8

    public static func run(window: ModelWindow, base: HealthProfile, options: ProfileFitter.Options = .init(),
                           for user: User? = nil, in db: Database) throws -> Result {
        let book = try ModelBook.load(for: user, in: db)
        var window = window
        window.days = window.sample(fitDays)
        let sources = try ModelInputs.sources(in: db).union(base.sources)
        let (data, _) = try ModelInputs.load(days: window.days, book: book, horizonDays: window.horizonDays, sources: sources,
                                             folds: options.folds, in: db)
        let fitted = try ProfileFitter.fit(data, base: base, options: options)
        return Result(window: window, base: base, fitted: fitted, yaml: yaml(fitted, base: base, window: window))
    }

    // MARK: The profile's comments

    static func yaml(_ f: FittedProfile, base: HealthProfile, window: ModelWindow) -> String {
        let days = window.days.count == 1 ? "the scores of \(window.days[0].iso)"
            : "\(window.days.count) scored days from \(window.days.first!.iso) to \(window.days.last!.iso)"
        var header = [
            "Health profile fitted by `folio model fit` as of \(window.asOf.iso), from the outcomes of \(count(f.churnedAccounts + f.stayedAccounts)) accounts",
            "(\(count(f.churnedAccounts)) churned within \(window.horizonDays) days of a scored day) on \(days)",
            "(\(count(f.cases)) account-days), starting from the profile \"\(base.name)\".",
        ]
        if let new = f.heldOutNew {
            let old = f.heldOutOld.map { " against \($0.text) for \"\(base.name)\"" } ?? ""
            header.append("Held out (\(f.folds)-fold cross-validation by account): ROC AUC \(new.text)\(old).")
        }
        header.append("Each measure below says what the data showed; weights are out of 100. The format is")
        header.append("SampleData/health-profile.yaml's; edit it like any profile, or use it with --profile.")
        var notes: [String: [String]] = [:]
        let kept = Set(f.profile.measures.map(\.name))
        for e in f.measures where kept.contains(e.name) {
            notes[e.name] = measureNotes(e, measure: f.profile.measures.first { $0.name == e.name })
        }
        let b = f.bands
        var bandNotes = ["Bands placed at churn-rate targets (churn within \(window.horizonDays) days; all accounts \(percent(b.baseRate))):"]
        let names = f.profile.bands.bands
        if let lowest = names.first, let top = names.last {
            bandNotes.append("\(lowest.name) where accounts churn at \(percent(b.lowestRate)) or more"
                             + (b.metLowest ? "" : " (not met: the base edges kept)") + ", \(top.name) where at \(percent(b.topRate)) or less"
                             + (b.metTop ? "" : " (not met: the base edges kept)") + ". As fitted:")
        }
        for row in f.calibration.rows {
            bandNotes.append("  \(row.band) (\(row.range)): \(percent(row.rate)) churned of \(count(row.cases)) account-days")
        }
        let left = f.measures.filter { !kept.contains($0.name) }.map { e -> String in
            if let why = e.unfit { return "\(e.name) (\(why))" }
            return "\(e.name) (adds nothing the others do not say\(e.auc.map { "; AUC \(fixed($0)) on its own" } ?? ""))"
        }
        let trailer = left.isEmpty ? [] : wrap("Left out, the data gave them no weight: " + left.joined(separator: ", ") + ".", width: 90)
        return HealthProfileWriter.yaml(f.profile, header: header, measureNotes: notes, bandNotes: bandNotes, trailer: trailer)
    }

    static func measureNotes(_ e: MeasureFit.Evidence, measure: HealthMeasure?) -> [String] {
        var lines = ["\(e.name): data for \(percent(e.coverage, places: 0)) of the account-days"
                     + (e.auc.map { "; on its own it ranks churn with AUC \(fixed($0))" } ?? "") + "."]
        if let m = measure, m.table == nil, let poor = e.poorEnd, let healthy = e.healthyEnd {
            let beyondPoor = m.direction == .higherIsBetter ? "at or below" : "at or above"
            let beyondHealthy = m.direction == .higherIsBetter ? "at or above" : "at or below"
            lines.append("Churned \(percent(poor.rate)) \(beyondPoor) \(m.source.format(m.poor)) (\(count(poor.cases)) account-days), "
                         + "\(percent(healthy.rate)) \(beyondHealthy) \(m.source.format(m.healthy)) (\(count(healthy.cases))).")
        }
        if !e.values.isEmpty {
            let parts = e.values.map { "\($0.label) \(percent($0.rate)) of \(count($0.cases))" }
            var line = "Churned: "
            for (k, part) in parts.enumerated() {
                let piece = (k == 0 ? "" : "; ") + part
                if line.count + piece.count > 86 {
                    lines.append(line + ";")
                    line = "  " + part
                } else {
                    line += piece
                }
            }
            lines.append(line + ".")
        }
        return lines
    }

    /// Words into lines of at most `width` characters (a longer word stands alone).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func percent(_ rate: Double?, places: Int = 1) -> String {
        guard let rate else { return "–" }
        return MeasureSource.fixed(rate * 100, decimals: places) + " %"
    }

    static func fixed(_ v: Double) -> String { MeasureSource.fixed(v, decimals: 2) }

    static func count(_ n: Int) -> String { Money(cents: Int64(n) * 100).grouped }
}
