import Dispatch
import Foundation
import FolioDomain
import GRDB

/// Scores every account and stores the day's snapshot with its full breakdown. Writing the
/// same snapshot again changes nothing, so a second run of the same day is a no-op.
public struct ScoreStep: TickStep {
    public let name = "score"

    public init() {}

    /// The scoring itself, from the snapshot, before the write lock is taken.
    public func prepare(_ context: inout TickContext) throws {
        context.scored = Self.score(context)
    }

    public func run(_ context: inout TickContext) throws {
        let scored = context.scored ?? Self.score(context)
        context.scored = nil
        var sets = MeasureSets(db: context.db)
        let keys = try HealthHistory.assignKeys(context.accounts.map(\.id), in: context.db)
        var scores: [HealthHistory.Score] = []
        scores.reserveCapacity(scored.count)
        let order = context.profile.bands.bands.map(\.name)
        var sources: [Account.Tier: [MeasureSource]] = [:]
        for tier in Account.Tier.allCases { sources[tier] = context.profile.measures(for: tier).map(\.source) }
        for (i, account) in context.accounts.enumerated() {
            let snapshot = scored[i].snapshot
            scores.append(HealthHistory.Score(score: SnapshotStore.round(snapshot.score), band: snapshot.band,
                                              lowConfidence: snapshot.lowConfidence,
                                              measureSet: try sets.id(for: snapshot.measures, tier: account.tier,
                                                                      sources: sources[account.tier])))
            if snapshot.score == nil { context.summary.noData += 1 }
            if let before = context.previous[account.id]?.band, let after = snapshot.band, before != after {
                if (order.firstIndex(of: after) ?? 0) > (order.firstIndex(of: before) ?? 0) {
                    context.summary.bandMovesUp += 1
                } else {
                    context.summary.bandMovesDown += 1
                }
            }
        }
        context.summary.changed = try HealthHistory.write(day: context.asOf, keys: keys, scores: scores, measures: scored.map(\.measures),
                                                          in: context.db, betweenBlocks: { [window = context.window] in _ = try window?.letOthersIn() })
        context.snapshots = scored.map(\.snapshot)
    }

    /// Scores and encodes every account's snapshot, pure work split over the machine's
    /// cores; the writes that follow are one statement after another.
    static func score(_ context: TickContext) -> [(snapshot: HealthSnapshot, measures: String)] {
        let accounts = context.accounts, inputs = context.inputs, profile = context.profile, asOf = context.asOf
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, accounts.count / 1000))
        let results = ChunkResults<(snapshot: HealthSnapshot, measures: String)>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (accounts.count * chunk / chunks)..<(accounts.count * (chunk + 1) / chunks)
            var out: [(snapshot: HealthSnapshot, measures: String)] = []
            out.reserveCapacity(range.count)
            for i in range {
                let snapshot = HealthScoring.snapshot(accountID: accounts[i].id, tier: accounts[i].tier, profile: profile,
                                                      inputs: inputs[i], asOf: asOf)
                out.append((snapshot, SnapshotCodec.encode(snapshot.measures, on: asOf)))
            }
            results.set(chunk, out)
        }
        return results.joined()
    }
}

/// The measure sets of the run, one per tier as a rule, each looked up (or stored) once.
struct MeasureSets {
    let db: Database
    private var byTier: [Account.Tier: (slots: [SnapshotCodec.Slot], id: Int64)] = [:]

    init(db: Database) { self.db = db }

    mutating func id(for measures: [HealthSnapshot.MeasureResult], tier: Account.Tier, sources: [MeasureSource]? = nil) throws -> Int64 {
        if let known = byTier[tier], SnapshotCodec.measures(measures, match: known.slots) { return known.id }
        let slots = SnapshotCodec.slots(of: measures, sources: sources)
        let id = try Self.id(for: slots, in: db)
        byTier[tier] = (slots, id)
        return id
    }

    static func id(for slots: [SnapshotCodec.Slot], in db: Database) throws -> Int64 {
        let spec = SnapshotCodec.encode(slots: slots)
        try db.execute(sql: "INSERT INTO measure_set (spec) VALUES (?) ON CONFLICT(spec) DO NOTHING", arguments: [spec])
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM measure_set WHERE spec = ?", arguments: [spec]) else {
            throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "measure set not stored")
        }
        return id
    }
}

/// Results of work split in chunks, each set once by its own thread, joined in order
/// after all are done.
final class ChunkResults<Element>: @unchecked Sendable {
    private var chunks: [[Element]]
    private let lock = NSLock()

    init(count: Int) { chunks = Array(repeating: [], count: count) }

    func set(_ k: Int, _ elements: [Element]) {
        lock.withLock { chunks[k] = elements }
    }

    func joined() -> [Element] {
        lock.withLock { Array(chunks.joined()) }
    }
}
