import FolioDomain
import FolioStore

/// The book as a plain-text table (`folio accounts`, and `folio` until the interface opens):
/// name, tier, ARR, score with its band as a word and a glyph (never colour alone), the
/// 4-week trend and an 8-week sparkline, stage, days since the last activity (`!` past the
/// tier's limit) and days to renewal. Narrow terminals drop the owner and stage first.
public enum BookTable {
    public static func lines(_ entries: [BookEntry], asOf: Day, maxWidth: Int?, glyphs: Glyphs = .unicode,
                             bands: [String] = BandSet.redYellowGreen.bands.map(\.name),
                             policy: CheckInPolicy = .standard) -> [String] {
        var table = TextTable(columns: [
            .init("ACCOUNT", minWidth: 12, maxWidth: 44, priority: 10, isFlexible: true),
            .init("TIER", priority: 6),
            .init("ARR", alignment: .right, priority: 8),
            .init("SCORE", priority: 11),
            .init("TREND", priority: 5),
            .init("8 WEEKS", priority: 4),
            .init("OWNER", maxWidth: 20, priority: 1),
            .init("STAGE", priority: 3),
            .init("LAST ACT", alignment: .right, priority: 7),
            .init("RENEWAL", alignment: .right, priority: 9),
            .init("ALERTS", priority: 10),
        ])
        table.showsRule = true
        for entry in entries {
            let account = entry.account
            let since = entry.daysSinceActivity(asOf: asOf)
            let overdue = policy.isOverdue(tier: account.tier, daysSinceActivity: since)
            let lastActivity = since.map { "\($0)d\(overdue ? "!" : " ")" } ?? "never!"
            let toRenewal = account.daysToRenewal(asOf: asOf)
            let renewal = toRenewal >= 0 ? "in \(toRenewal)d" : "\(-toRenewal)d ago"
            table.append([account.name, account.tier.short, account.arr.compact,
                          scoreText(entry, glyphs: glyphs, bands: bands), trendText(entry.trend, glyphs: glyphs),
                          glyphs.sparkline(values: entry.history, width: entry.history.count, range: 0...100),
                          entry.ownerName, entry.stage.rawValue, lastActivity, renewal, alertsText(entry)])
        }
        return table.render(maxWidth: maxWidth, glyphs: glyphs)
    }

    /// `42 ● Red`, `no data`; a `?` marks a low-confidence score.
    public static func scoreText(_ entry: BookEntry, glyphs: Glyphs, bands: [String]) -> String {
        guard let score = entry.score, let band = entry.band else { return "  – no data" }
        let number = String(Int(score.rounded()))
        let padded = String(repeating: " ", count: max(0, 3 - number.count)) + number
        return "\(padded) \(bandGlyph(band, bands: bands, glyphs: glyphs)) \(band)\(entry.lowConfidence ? "?" : "")"
    }

    /// The worst band gets the red glyph, the best the green one, the rest the middle one.
    public static func bandGlyph(_ band: String?, bands: [String], glyphs: Glyphs) -> String {
        guard let band, let index = bands.firstIndex(of: band) else { return glyphs.bandNone }
        if index == 0 { return glyphs.bandRed }
        if index == bands.count - 1 { return glyphs.bandGreen }
        return glyphs.bandYellow
    }

    /// "2 red", "1 amber", or blank: how many alerts wait, named by the worst.
    public static func alertsText(_ entry: BookEntry) -> String {
        guard entry.openAlerts > 0, let worst = entry.worstSeverity else { return "" }
        return "\(entry.openAlerts) \(worst.rawValue)"
    }

    public static func trendText(_ trend: ScoreTrend?, glyphs: Glyphs) -> String {
        switch trend {
        case .up: return glyphs.trendUp
        case .down: return glyphs.trendDown
        case .flat: return glyphs.trendFlat
        case nil: return ""
        }
    }
}
