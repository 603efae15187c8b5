import FolioDomain
import Foundation
import GRDB

/// Reads stored health snapshots (kept by `HealthHistory`, thinned by `HistoryThinning`).
public enum SnapshotStore {
    /// Scores are stored to two decimals: enough to show, stable to compare.
    static func round(_ score: Double?) -> Double? {
        score.map { ($0 * 100).rounded() / 100 }
    }

    /// An account's latest score on or before a day, and that day.
    public struct LatestScore: Hashable, Sendable {
        public var date: Day
        public var score: Double?
        public var band: String?
        public var lowConfidence: Bool
    }

    /// The account's latest snapshot on or before `asOf`.
    public static func latest(for accountID: String, asOf: Day, in db: Database) throws -> HealthSnapshot? {
        try Reader(db).snapshot(of: accountID, onOrBefore: asOf)
    }

    /// The account's latest snapshot strictly before `day`.
    public static func previous(for accountID: String, before day: Day, in db: Database) throws -> HealthSnapshot? {
        try Reader(db).snapshot(of: accountID, onOrBefore: day.adding(days: -1))
    }

    /// Every account's score and band from the last run before `day` (no breakdowns).
    static func lastRun(before day: Day, in db: Database) throws -> [String: HealthSnapshot] {
        guard let text = try String.fetchOne(db, sql: "SELECT MAX(date) FROM engine_run WHERE date < ?", arguments: [day.iso]),
              let date = Day(iso: text) else { return [:] }
        let ids = try HealthHistory.accountsByKey(in: db)
        var out: [String: HealthSnapshot] = [:]
        for (number, scores) in try HealthHistory.scoreBlocks(on: date, in: db) {
            for (k, slot) in scores.enumerated() {
                guard let slot, let id = account(number, k, ids) else { continue }
                out[id] = HealthSnapshot(accountID: id, date: date, score: slot.score, band: slot.band, lowConfidence: slot.lowConfidence,
                                         measures: [])
            }
        }
        return out
    }

    /// Each account's latest score on or before `asOf` (accounts never scored are absent).
    /// Most come from the newest day; only accounts missing there are looked for further back.
    public static func latestScores(of accountIDs: [String], asOf: Day, in db: Database) throws -> [String: LatestScore] {
        let keys = try HealthHistory.keysByAccount(in: db)
        var missing: [Int64: [String]] = [:] // block → ids still to find
        for id in accountIDs {
            if let key = keys[id] { missing[key / Int64(SnapshotBlock.size), default: []].append(id) }
        }
        var out: [String: LatestScore] = [:]
        out.reserveCapacity(accountIDs.count)
        for day in try HealthHistory.days(in: db).reversed() where day <= asOf {
            if missing.isEmpty { break }
            let sql = "SELECT block, scores FROM snapshot_block WHERE date = ? AND block IN (\(missing.keys.map(String.init).joined(separator: ",")))"
            for row in try Row.fetchAll(db, sql: sql, arguments: [day.iso]) {
                let number: Int64 = row[0]
                let scores = try SnapshotBlock.decodeScores([UInt8](row[1] as Data))
                var still: [String] = []
                for id in missing[number] ?? [] {
                    let k = Int(keys[id]! % Int64(SnapshotBlock.size))
                    if k < scores.count, let slot = scores[k] {
                        out[id] = LatestScore(date: day, score: slot.score, band: slot.band, lowConfidence: slot.lowConfidence)
                    } else {
                        still.append(id)
                    }
                }
                missing[number] = still.isEmpty ? nil : still
            }
        }
        return out
    }

    /// Every stored score from `from` through `through`, day by day (oldest first), of the
    /// accounts in `accountIDs` (all when nil).
    public static func scores(from: Day, through: Day, accountIDs: Set<String>? = nil, in db: Database,
                              _ body: (_ accountID: String, _ date: Day, _ score: Double?, _ band: String?) throws -> Void) throws {
        let ids = try HealthHistory.accountsByKey(in: db)
        for day in try HealthHistory.days(in: db) where day >= from && day <= through {
            for (number, scores) in try HealthHistory.scoreBlocks(on: day, in: db).sorted(by: { $0.key < $1.key }) {
                for (k, slot) in scores.enumerated() {
                    guard let slot, let id = account(number, k, ids), accountIDs?.contains(id) ?? true else { continue }
                    try body(id, day, slot.score, slot.band)
                }
            }
        }
    }

    /// Every snapshot stored for `day`, in history-key order: the account's key (its index in
    /// `HealthHistory.accountsByKey`), its score, and with `measures` its breakdown's lines
    /// (`SnapshotCodec`, read with the slots of `score.measureSet`).
    static func snapshots(on day: Day, measures: Bool, in db: Database,
                          _ body: (_ key: Int, _ score: SnapshotBlock.Score, _ measures: String?) throws -> Void) throws {
        for (number, block) in try HealthHistory.blocks(on: day, measures: measures, in: db).sorted(by: { $0.key < $1.key }) {
            for (k, slot) in block.scores.enumerated() {
                guard let slot else { continue }
                try body(Int(number) * SnapshotBlock.size + k, slot, block.measures[k])
            }
        }
    }

    /// How many accounts were in each band on `day` (accounts with no data are not counted).
    public static func bandCounts(on day: Day, in db: Database) throws -> [String: Int] {
        var out: [String: Int] = [:]
        try snapshots(on: day, measures: false, in: db) { _, slot, _ in
            if let band = slot.band { out[band, default: 0] += 1 }
        }
        return out
    }

    /// Scores of the accounts on each of the given days (on or before each, within a week),
    /// for trends and sparklines: account id → scores in `days` order (nil where none).
    public static func history(accountIDs: [String], days: [Day], in db: Database) throws -> [String: [Double?]] {
        guard let first = days.min(), let last = days.max() else { return [:] }
        let keys = try HealthHistory.keysByAccount(in: db)
        let stored = try HealthHistory.days(in: db).filter { $0 > first.adding(days: -7) && $0 <= last }
        var wanted: [Int64: [(id: String, slot: Int)]] = [:]
        for id in accountIDs {
            guard let key = keys[id] else { continue }
            wanted[key / Int64(SnapshotBlock.size), default: []].append((id, Int(key % Int64(SnapshotBlock.size))))
        }
        var out: [String: [Double?]] = [:]
        for id in accountIDs { out[id] = [Double?](repeating: nil, count: days.count) }
        var cache: [Day: [Int64: [SnapshotBlock.Score?]]] = [:]
        func scores(on day: Day) throws -> [Int64: [SnapshotBlock.Score?]] {
            if let known = cache[day] { return known }
            let sql = "SELECT block, scores FROM snapshot_block WHERE date = ? AND block IN (\(wanted.keys.map(String.init).joined(separator: ",")))"
            var blocks: [Int64: [SnapshotBlock.Score?]] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: [day.iso]) {
                blocks[row[0]] = try SnapshotBlock.decodeScores([UInt8](row[1] as Data))
            }
            cache[day] = blocks
            return blocks
        }
        guard !wanted.isEmpty else { return out }
        for (j, day) in days.enumerated() {
            // The latest snapshot within the week up to the day: newest stored day first.
            var open = wanted
            for date in stored.reversed() where date <= day && date > day.adding(days: -7) {
                if open.isEmpty { break }
                let blocks = try scores(on: date)
                for (number, members) in open {
                    guard let column = blocks[number] else { continue }
                    var still: [(id: String, slot: Int)] = []
                    for member in members {
                        if member.slot < column.count, let slot = column[member.slot] {
                            out[member.id]![j] = slot.score
                        } else {
                            still.append(member)
                        }
                    }
                    open[number] = still.isEmpty ? nil : still
                }
            }
        }
        return out
    }

    /// The account of slot `k` in block `number`.
    private static func account(_ number: Int64, _ k: Int, _ ids: [String?]) -> String? {
        let key = Int(number) * SnapshotBlock.size + k
        return key < ids.count ? ids[key] : nil
    }

    /// Reads single accounts' snapshots, keeping the blocks it inflated: the daily run asks
    /// for thousands of accounts' previous snapshots, most from the same few blocks.
    final class Reader {
        let db: Database
        private var days: [Day]?
        private var sets: [Int64: [SnapshotCodec.Slot]] = [:]
        private var blocks: [BlockID: SnapshotBlock] = [:]

        private struct BlockID: Hashable {
            var day: Day
            var number: Int64
        }

        init(_ db: Database) { self.db = db }

        /// The account's latest snapshot on or before `day`, with its breakdown.
        func snapshot(of accountID: String, onOrBefore day: Day) throws -> HealthSnapshot? {
            guard let key = try HealthHistory.key(of: accountID, in: db) else { return nil }
            if days == nil { days = try HealthHistory.days(in: db) }
            let number = key / Int64(SnapshotBlock.size), k = Int(key % Int64(SnapshotBlock.size))
            for date in days!.reversed() where date <= day {
                let id = BlockID(day: date, number: number)
                if blocks[id] == nil {
                    // Bounded: a run's lookups fall on a few days' blocks.
                    if blocks.count >= 256 { blocks.removeAll(keepingCapacity: true) }
                    blocks[id] = try HealthHistory.block(number, on: date, measures: true, in: db) ?? SnapshotBlock()
                }
                let block = blocks[id]!
                guard k < block.scores.count, let slot = block.scores[k] else { continue }
                return HealthSnapshot(accountID: accountID, date: date, score: slot.score, band: slot.band, lowConfidence: slot.lowConfidence,
                                      measures: SnapshotCodec.decode(block.measures[k] ?? "", slots: try slots(of: slot.measureSet), on: date))
            }
            return nil
        }

        private func slots(of set: Int64) throws -> [SnapshotCodec.Slot] {
            if let known = sets[set] { return known }
            let spec = try String.fetchOne(db, sql: "SELECT spec FROM measure_set WHERE id = ?", arguments: [set]) ?? ""
            sets[set] = SnapshotCodec.decode(slots: spec)
            return sets[set]!
        }
    }
}
