import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an account's health score: every measure, what changed, and what would lift it a band.",
        discussion: "ACCOUNT is an id, a name, or the start of a name. --json prints the fields documented in the README."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profileOption: ProfileOption

    @Flag(help: "Print JSON for scripts.")
    var json = false

    @Argument(help: ArgumentHelp("The account: id, name or the start of its name.", valueName: "account"))
    var account: String

    func run() throws {
        try reportingFailures {
            let profile = try profileOption.load()
            let database = try FolioDatabase(path: global.databasePath, readonly: true)
            let asOf = try database.read { try AppContext.asOf(global, in: $0) }
            let found = try database.read { db -> (Result<Account, AccountLookupFailure>, AccountExplanation?) in
                let result = try AccountExplanation.findAccount(account, in: db)
                guard case .success(let a) = result else { return (result, nil) }
                return (result, try AccountExplanation.load(account: a, asOf: asOf, profile: profile, in: db))
            }
            let target: Account
            switch found.0 {
            case .failure(let failure): throw UsageFailure(failure.description)
            case .success(let a): target = a
            }
            guard let explanation = found.1 else {
                throw UsageFailure("\(target.name) (\(target.id)) has no score on or before \(asOf) yet; run `folio tick` first")
            }
            if json {
                print(try JSONOutput.render(ExplainJSON(explanation, profile: profile)))
            } else {
                let glyphs = Glyphs.forEnvironment(ProcessInfo.processInfo.environment)
                for line in ExplainText.lines(explanation, profile: profile, glyphs: glyphs, maxWidth: TerminalWidth.current()) {
                    print(line)
                }
            }
        }
    }
}

/// `folio explain --json` (DESIGN §3.2).
struct ExplainJSON: Encodable {
    struct Measure: Encodable {
        var name: String, group: String
        var raw: Double?
        /// The word, for a categorical attribute (raw is then null).
        var category: String?
        var score: Double?
        var weight: Double, effectiveWeight: Double, points: Double
        var asOf: String?
        var stale: Bool
    }
    struct MeasureMove: Encodable {
        var name: String
        var rawBefore: Double?, rawAfter: Double?
        var pointsDelta: Double
    }
    struct Change: Encodable {
        var since: String
        var scoreBefore: Double?, scoreAfter: Double?, delta: Double?
        var bandBefore: String?, bandAfter: String?
        var measures: [MeasureMove]
    }
    struct NextBand: Encodable {
        var band: String
        var smallestChange: String
        var measure: String
        var from: Double, to: Double
    }

    var account: String
    var name: String
    var score: Double?
    var band: String?
    var asOf: String
    var confidence: String
    var summary: String
    var measures: [Measure]
    var changeSinceLast: Change?
    var nextBand: NextBand?

    init(_ e: AccountExplanation, profile: HealthProfile) {
        account = e.account.id
        name = e.account.name
        score = e.snapshot.score.map { ($0 * 10).rounded() / 10 }
        band = e.snapshot.band
        asOf = e.snapshot.date.iso
        confidence = e.snapshot.lowConfidence ? "low" : "high"
        summary = e.summary
        func r(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        measures = e.snapshot.measures.map {
            Measure(name: $0.name, group: $0.group, raw: $0.raw.map(r), category: $0.category, score: $0.score.map(r), weight: r($0.weight),
                    effectiveWeight: r($0.effectiveWeight), points: r($0.points), asOf: $0.inputDate?.iso, stale: $0.stale)
        }
        if let p = e.previous {
            changeSinceLast = Change(since: p.date.iso, scoreBefore: p.score.map(r), scoreAfter: e.snapshot.score.map(r),
                                     delta: p.score.flatMap { before in e.snapshot.score.map { r($0 - before) } },
                                     bandBefore: p.band, bandAfter: e.snapshot.band,
                                     measures: e.changes.map { MeasureMove(name: $0.name, rawBefore: $0.rawBefore.map(r), rawAfter: $0.rawAfter.map(r), pointsDelta: r($0.pointsDelta)) })
        }
        nextBand = e.lift.map { NextBand(band: $0.band, smallestChange: $0.sentence, measure: $0.measure, from: r($0.from), to: r($0.to)) }
    }
}

/// `folio explain` for a person: the verdict, the reasons, the numbers, what would help.
enum ExplainText {
    static func lines(_ e: AccountExplanation, profile: HealthProfile, glyphs: Glyphs, maxWidth: Int?) -> [String] {
        let s = e.snapshot
        let a = e.account
        let sources = Dictionary(profile.measures(for: a.tier).map { ($0.name, $0.source) }, uniquingKeysWith: { x, _ in x })
        func raw(_ name: String, _ value: Double?) -> String {
            guard let value else { return "no data" }
            return sources[name]?.format(value) ?? String(format: "%.2f", value)
        }
        func bandGlyph(_ band: String?) -> String {
            guard let band, let index = profile.bands.bands.firstIndex(where: { $0.name == band }) else { return glyphs.bandNone }
            let count = profile.bands.bands.count
            if index == 0 { return glyphs.bandRed }
            if index == count - 1 { return glyphs.bandGreen }
            return glyphs.bandYellow
        }
        var out: [String] = []
        out.append(TerminalText.sanitize("\(a.name) (\(a.id)) · \(a.tier.rawValue) · ARR \(a.arr.grouped) · renews \(a.renewalDate)"))
        let score = s.score.map { String(Int($0.rounded())) } ?? "no data"
        out.append("Score \(score) · \(s.band ?? "no band") \(bandGlyph(s.band)) as of \(s.date)\(s.confidenceReason.map { " · LOW CONFIDENCE (\($0.words))" } ?? "")")
        out.append("")
        out.append(contentsOf: wrap(e.summary, width: min(maxWidth ?? 100, 100)))
        out.append("")
        var table = TextTable(columns: [
            .init("MEASURE", minWidth: 10, priority: 10, isFlexible: true),
            .init("GROUP", priority: 2),
            .init("RAW", alignment: .right, priority: 9),
            .init("SCORE", alignment: .right, priority: 7),
            .init("WEIGHT", alignment: .right, priority: 5),
            .init("EFFECTIVE", alignment: .right, priority: 6),
            .init("POINTS", alignment: .right, priority: 8),
            .init("MEASURED", priority: 3),
            .init("", priority: 4),
        ])
        table.showsRule = true
        for m in s.measures {
            table.append([m.name, m.group, m.category.map(TerminalText.sanitize) ?? raw(m.name, m.raw), m.score.map { String(Int($0.rounded())) } ?? "–",
                          String(format: "%.1f", m.weight), String(format: "%.1f", m.effectiveWeight),
                          String(format: "%.1f", m.points), m.inputDate?.iso ?? "", m.stale ? "stale" : ""])
        }
        out.append(contentsOf: table.render(maxWidth: maxWidth, glyphs: glyphs))
        out.append("")
        if let p = e.previous {
            let before = p.score.map { String(Int($0.rounded())) } ?? "no data"
            // The difference of the numbers shown, so the line adds up as printed.
            let delta = p.score.flatMap { b in s.score.map { Int($0.rounded()) - Int(b.rounded()) } }
            let deltaText = delta.map { $0 > 0 ? " (+\($0))" : $0 < 0 ? " (−\(-$0))" : " (no change)" } ?? ""
            out.append("Since \(p.date): \(before) → \(score)\(deltaText)")
            for c in e.changes.prefix(5) where abs(c.pointsDelta) >= 0.05 {
                let sign = c.pointsDelta > 0 ? "+" : "−"
                out.append("  \(TerminalText.sanitize(c.name)): \(raw(c.name, c.rawBefore)) → \(raw(c.name, c.rawAfter)), \(sign)\(String(format: "%.1f", abs(c.pointsDelta))) points")
            }
        } else {
            out.append("No earlier snapshot to compare with.")
        }
        if let lift = e.lift {
            out.append("Smallest change to reach \(lift.band): \(lift.sentence)")
        } else if s.band == profile.bands.bands.last?.name {
            out.append("Already in the top band.")
        } else if s.score != nil {
            out.append("No single measure can lift it to the next band on its own.")
        }
        return out
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in TerminalText.sanitize(text).split(separator: " ") {
            if !line.isEmpty && DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
