import FolioDomain

/// The last step of the daily run: thins the health history the day has aged, as the
/// database's retention says (`folio history`; daily snapshots for 90 days, weekly after),
/// keeping each account's crossings of the alert policy's health-drop thresholds.
public struct HistoryStep: TickStep {
    public let name = "history"
    public var thresholds: [Double]

    public init(policy: AlertPolicy = .standard) {
        thresholds = policy.healthThresholds.map(\.below)
    }

    public func run(_ context: inout TickContext) throws {
        let retention = try HistoryThinning.retention(in: context.db)
        let outcome = try HistoryThinning.apply(retention, thresholds: thresholds, asOf: context.asOf, in: context.db)
        context.summary.snapshotsThinned += outcome.dropped
    }
}
