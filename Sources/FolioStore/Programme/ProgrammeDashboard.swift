import FolioDomain
import GRDB

/// What the interface's dashboard (view 7) shows for a period: the figures of `folio report
/// program` and `folio report health`, each from the same domain function over the same
/// `ProgrammeHistory`, with the ARR at risk of the open renewals by month.
public struct ProgrammeDashboard: Sendable {
    public var period: ReportPeriod
    public var asOf: Day
    /// Worst first, as the interface orders them.
    public var bands: [String]
    public var comparison: ControlComparison
    public var speed: ResponseSpeed
    public var distribution: HealthDistribution
    public var sequences: SequenceResponse
    public var atRisk: ARRAtRisk
    /// Names by login, for the per-CSM lines.
    public var names: [String: String]

    /// The figures of a history (the store's, or one built by hand in a test).
    public init(history: ProgrammeHistory, period: ReportPeriod, asOf: Day, bands: [String],
                openRenewals: [(opportunity: RenewalOpportunity, band: String?)], names: [String: String]) {
        self.period = period
        self.asOf = asOf
        self.bands = bands
        comparison = ControlComparison(history, period: period, asOf: asOf)
        speed = ResponseSpeed(history, period: period, asOf: asOf)
        distribution = HealthDistribution(history.scores, period: period, bands: bands)
        sequences = SequenceResponse(history.sequences)
        atRisk = ARRAtRisk(openRenewals, worstBand: bands.first)
        self.names = names
    }

    /// The user's scope, as `folio report program --from --to` reads it; `bands` worst first.
    public static func load(for user: User, period: ReportPeriod, asOf: Day, bands: [String], policy: AlertPolicy = .standard,
                            in db: Database) throws -> ProgrammeDashboard {
        let history = try ProgrammeData.load(for: user, period: period, asOf: asOf, policy: policy, in: db)
        let open = try RenewalBoard.load(for: user, asOf: asOf, bands: bands, in: db).open.map { (opportunity: $0.opportunity, band: $0.band) }
        let names = Dictionary(try Book.users(in: db).map { ($0.login, $0.name) }, uniquingKeysWith: { a, _ in a })
        return ProgrammeDashboard(history: history, period: period, asOf: asOf, bands: bands, openRenewals: open, names: names)
    }
}
