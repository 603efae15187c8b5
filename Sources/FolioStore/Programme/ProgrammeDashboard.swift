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
    /// How well the stored scores predicted churn (the whole book); nil before any run's
    /// horizon is over.
    public var model: ModelPanel?
    /// Alert quality for the period a horizon (90 days) before this one: each alert's 90 days
    /// are over by the as-of day.
    public var alertQuality: AlertQuality?

    /// The figures of a history (the store's, or one built by hand in a test).
    public init(history: ProgrammeHistory, period: ReportPeriod, asOf: Day, bands: [String],
                openRenewals: [(opportunity: RenewalOpportunity, band: String?)], names: [String: String],
                model: ModelPanel? = nil, alertQuality: AlertQuality? = nil) {
        self.model = model
        self.alertQuality = alertQuality
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
        let model = try ModelPanel.load(asOf: asOf, bands: try Self.bandSet(named: bands, in: db), for: user, in: db)
        let horizon = 90
        let shifted = ReportPeriod(from: period.from.adding(days: -horizon), to: period.to.adding(days: -horizon))
        let quality = try AlertQualityData.load(for: user, period: shifted, asOf: asOf, horizonDays: horizon, in: db)
        return ProgrammeDashboard(history: history, period: period, asOf: asOf, bands: bands, openRenewals: open, names: names,
                                  model: model, alertQuality: quality)
    }

    /// The band set whose names the interface passed (worst first), with its score ranges: a
    /// preset's, or else as the latest run's scores spread over those bands.
    static func bandSet(named worstFirst: [String], in db: Database) throws -> BandSet {
        let names = Array(worstFirst)
        if let preset = BandSet.presets.first(where: { $0.bands.map(\.name) == names }) { return preset }
        // Each band's lowest and highest score on the latest run, lowest band first.
        var ranges: [String: (min: Double, max: Double)] = [:]
        if let latest = try String.fetchOne(db, sql: "SELECT MAX(date) FROM engine_run").flatMap({ Day(iso: $0) }) {
            try SnapshotStore.snapshots(on: latest, measures: false, in: db) { _, slot, _ in
                guard let band = slot.band, let score = slot.score else { return }
                let known = ranges[band]
                ranges[band] = (min(known?.min ?? score, score), max(known?.max ?? score, score))
            }
        }
        var bands: [Band] = []
        for (name, range) in ranges.sorted(by: { $0.value.min < $1.value.min }) where names.contains(name) {
            let low = bands.last.map { $0.max + 1 } ?? 0
            bands.append(Band(name: name, min: low, max: max(low, range.max.rounded())))
        }
        guard !bands.isEmpty else { return .redYellowGreen }
        bands[bands.count - 1].max = 100
        return BandSet(name: "custom", bands: bands)
    }
}
