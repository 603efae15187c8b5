import FolioDomain
import GRDB

/// The dashboard's model panel: how well the stored scores of the last year predicted churn
/// within 90 days — churn per band (for bars), the AUC, and the AUC quarter by quarter (the
/// trend). Over the whole book: the score is the team's, whoever looks.
public struct ModelPanel: Sendable, Equatable {
    public var horizonDays: Int
    /// The scored days read, oldest first.
    public var days: [Day]
    public var quality: ScoreQuality.Group
    public var quarters: [ScoreDrift.Quarterly]

    public init(horizonDays: Int, days: [Day], quality: ScoreQuality.Group, quarters: [ScoreDrift.Quarterly]) {
        self.horizonDays = horizonDays
        self.days = days
        self.quality = quality
        self.quarters = quarters
    }

    /// Nil when no stored run's horizon is over yet (nothing to check against).
    public static func load(asOf: Day, bands: BandSet, horizonDays: Int = 90, for user: User? = nil,
                            in db: Database) throws -> ModelPanel? {
        let window = try ModelWindow.resolve(asOf: asOf, horizonDays: horizonDays, from: nil, to: nil, in: db)
        guard window.mode == .history else { return nil }
        let book = try ModelBook.load(for: user, in: db)
        let stored = try StoredScores.read(window, book: book, lowestBand: bands.bands.first?.name ?? "", in: db)
        let quality = ScoreQuality(stored.cases, bands: bands)
        return ModelPanel(horizonDays: horizonDays, days: window.days, quality: quality.overall,
                          quarters: ScoreDrift(stored.cases, bands: bands, shares: []).quarters)
    }
}
