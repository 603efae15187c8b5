import FolioDomain
import Foundation
import GRDB

/// Where the health snapshots live: one frame per run day, in blocks of accounts
/// (`SnapshotBlock`), each account at a fixed slot given by its history key (table
/// `snapshot_key`, assigned when the daily run first scores it). A day of 100,000 accounts
/// is 25 rows of about 110 KB rather than 100,000 rows of 270 bytes, so a year of history
/// fits in a few kilobytes an account, a run writes a day in a few statements, and a
/// reader of every account's score on a day inflates 25 blobs.
enum HealthHistory {
    typealias Score = SnapshotBlock.Score

    // MARK: Keys

    /// The history keys of `ids` (in the same order), assigning the next free keys to
    /// accounts seen for the first time, in the order given.
    static func assignKeys(_ ids: [String], in db: Database) throws -> [Int64] {
        var known = try keysByAccount(in: db)
        var next = (try Int64.fetchOne(db, sql: "SELECT MAX(key) FROM snapshot_key") ?? -1) + 1
        let insert = try db.makeStatement(sql: "INSERT INTO snapshot_key (key, account_id) VALUES (?, ?)")
        return try ids.map { id in
            if let key = known[id] { return key }
            try insert.execute(arguments: [next, id])
            known[id] = next
            next += 1
            return next - 1
        }
    }

    static func keysByAccount(in db: Database) throws -> [String: Int64] {
        var out: [String: Int64] = [:]
        var rows = try RawRows(db, sql: "SELECT key, account_id FROM snapshot_key", arguments: [])
        while try rows.next() {
            if let id = rows.text(1) { out[id] = rows.int64(0) }
        }
        return out
    }

    /// Account ids by key (nil where a key is unused).
    static func accountsByKey(in db: Database) throws -> [String?] {
        var out: [String?] = []
        var rows = try RawRows(db, sql: "SELECT key, account_id FROM snapshot_key ORDER BY key", arguments: [])
        while try rows.next() {
            let key = Int(rows.int64(0))
            guard key >= 0, key < 1 << 32 else { continue }
            if key >= out.count { out += Array(repeating: nil, count: key + 1 - out.count) }
            out[key] = rows.text(1)
        }
        return out
    }

    static func key(of accountID: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT key FROM snapshot_key WHERE account_id = ?"), arguments: [accountID])
    }

    // MARK: Days

    /// The days with stored snapshots, oldest first.
    static func days(in db: Database) throws -> [Day] {
        try String.fetchAll(db, sql: "SELECT DISTINCT date FROM snapshot_block ORDER BY date").compactMap { Day(iso: $0) }
    }

    /// The newest day with snapshots on or before `day`.
    static func latestDay(onOrBefore day: Day, in db: Database) throws -> Day? {
        try String.fetchOne(db, sql: "SELECT MAX(date) FROM snapshot_block WHERE date <= ?", arguments: [day.iso]).flatMap { Day(iso: $0) }
    }

    /// The days whose snapshots are whole (every account the run scored): each day the
    /// retention has not thinned, and of each thinned week its last day, where every account
    /// keeps its last snapshot of the week (the week's other days keep only the accounts whose
    /// level changed, so counting them would weigh those accounts twice).
    static func wholeDays(in db: Database) throws -> [Day] {
        let stored = try days(in: db)
        guard let through = try Settings.value(HistoryThinning.thinnedThrough, in: db).flatMap({ Day(iso: $0) }) else { return stored }
        return stored.indices.compactMap { i in
            let day = stored[i]
            if day > through { return day }
            let next = i + 1 < stored.count ? stored[i + 1] : nil
            return next.map { $0.weekStart != day.weekStart } ?? true ? day : nil
        }
    }

    // MARK: Blocks

    /// The scores of every block stored for `day`, by block number.
    static func scoreBlocks(on day: Day, in db: Database) throws -> [Int64: [Score?]] {
        var out: [Int64: [Score?]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT block, scores FROM snapshot_block WHERE date = ?", arguments: [day.iso]) {
            out[row[0]] = try SnapshotBlock.decodeScores([UInt8](row[1] as Data))
        }
        return out
    }

    /// Every block stored for `day`, by block number, with their breakdowns when `measures` says so.
    static func blocks(on day: Day, measures: Bool, in db: Database) throws -> [Int64: SnapshotBlock] {
        let sql = measures ? "SELECT block, scores, measures FROM snapshot_block WHERE date = ?"
                           : "SELECT block, scores FROM snapshot_block WHERE date = ?"
        var out: [Int64: SnapshotBlock] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: [day.iso]) {
            var block = SnapshotBlock()
            block.scores = try SnapshotBlock.decodeScores([UInt8](row[1] as Data))
            block.measures = measures ? try SnapshotBlock.decodeMeasures([UInt8](row[2] as Data), present: block.scores.map { $0 != nil })
                                      : Array(repeating: nil, count: block.scores.count)
            out[row[0]] = block
        }
        return out
    }

    /// One block of `day`, with its breakdowns when `measures` says so; nil when not stored.
    static func block(_ block: Int64, on day: Day, measures: Bool, in db: Database) throws -> SnapshotBlock? {
        let sql = measures ? "SELECT scores, measures FROM snapshot_block WHERE date = ? AND block = ?"
                           : "SELECT scores FROM snapshot_block WHERE date = ? AND block = ?"
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [day.iso, block]) else { return nil }
        var out = SnapshotBlock()
        out.scores = try SnapshotBlock.decodeScores([UInt8](row[0] as Data))
        out.measures = measures ? try SnapshotBlock.decodeMeasures([UInt8](row[1] as Data), present: out.scores.map { $0 != nil })
                                : Array(repeating: nil, count: out.scores.count)
        return out
    }

    /// Stores `block` for `day` (replacing what was there); an empty block is deleted.
    static func save(_ block: SnapshotBlock, number: Int64, on day: Day, in db: Database) throws {
        guard !block.isEmpty else {
            try db.execute(sql: "DELETE FROM snapshot_block WHERE date = ? AND block = ?", arguments: [day.iso, number])
            return
        }
        var scores = block.scores
        // Trailing empty slots need no room.
        while scores.last.map({ $0 == nil }) ?? false { scores.removeLast() }
        let measures = block.measures.prefix(scores.count).enumerated().map { k, text in scores[k] == nil ? nil : (text ?? "") }
        try db.execute(sql: """
            INSERT INTO snapshot_block (date, block, scores, measures) VALUES (?, ?, ?, ?)
            ON CONFLICT(date, block) DO UPDATE SET scores = excluded.scores, measures = excluded.measures
            """, arguments: [day.iso, number, Data(try SnapshotBlock.encodeScores(scores)), Data(SnapshotBlock.encodeMeasures(measures))])
    }

    /// Stores the day's snapshots of the accounts with these keys, keeping the other
    /// accounts' snapshots of that day as they are. Returns how many were new or different:
    /// writing the same day again on the same data changes nothing, not even a block.
    static func write(day: Day, keys: [Int64], scores: [Score], measures: [String], in db: Database,
                      betweenBlocks: () throws -> Void = {}) throws -> Int {
        var byBlock: [Int64: [Int]] = [:]
        for (i, key) in keys.enumerated() { byBlock[key / Int64(SnapshotBlock.size), default: []].append(i) }
        var changed = 0
        for (number, members) in byBlock.sorted(by: { $0.key < $1.key }) {
            var stored = try block(number, on: day, measures: true, in: db) ?? SnapshotBlock()
            var differs = 0
            for i in members {
                let k = Int(keys[i] % Int64(SnapshotBlock.size))
                stored.reserve(k)
                if stored.scores[k] != scores[i] || stored.measures[k] != measures[i] {
                    stored.scores[k] = scores[i]
                    stored.measures[k] = measures[i]
                    differs += 1
                }
            }
            if differs > 0 { try save(stored, number: number, on: day, in: db) }
            changed += differs
            try betweenBlocks()
        }
        return changed
    }
}
