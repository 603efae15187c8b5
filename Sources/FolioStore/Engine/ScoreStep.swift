import FolioDomain
import GRDB

/// Scores every account and stores the day's snapshot with its full breakdown. Writing the
/// same snapshot again changes nothing, so a second run of the same day is a no-op.
public struct ScoreStep: TickStep {
    public let name = "score"

    public init() {}

    public func run(_ context: inout TickContext) throws {
        let statement = try context.db.makeStatement(sql: """
            INSERT INTO health_snapshot (account_id, date, score, band, low_confidence, measures)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(account_id, date) DO UPDATE SET
                score = excluded.score, band = excluded.band, low_confidence = excluded.low_confidence, measures = excluded.measures
            WHERE score IS NOT excluded.score OR band IS NOT excluded.band
               OR low_confidence IS NOT excluded.low_confidence OR measures IS NOT excluded.measures
            """)
        let day = context.asOf.iso
        var snapshots: [HealthSnapshot] = []
        snapshots.reserveCapacity(context.accounts.count)
        for (i, account) in context.accounts.enumerated() {
            let snapshot = HealthScoring.snapshot(accountID: account.id, tier: account.tier, profile: context.profile,
                                                  inputs: context.inputs[i], asOf: context.asOf)
            snapshots.append(snapshot)
            let stored = SnapshotStore.round(snapshot.score)
            try statement.execute(arguments: [account.id, day, stored, snapshot.band, snapshot.lowConfidence,
                                              SnapshotCodec.encode(snapshot.measures)])
            if context.db.changesCount > 0 { context.summary.changed += 1 }
            if snapshot.score == nil { context.summary.noData += 1 }
            if let before = context.previous[account.id]?.band, let after = snapshot.band, before != after {
                let order = context.profile.bands.bands.map(\.name)
                if (order.firstIndex(of: after) ?? 0) > (order.firstIndex(of: before) ?? 0) {
                    context.summary.bandMovesUp += 1
                } else {
                    context.summary.bandMovesDown += 1
                }
            }
        }
        context.snapshots = snapshots
    }
}
