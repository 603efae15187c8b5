import FolioDomain
import Foundation
import GRDB

/// Applies the history's retention (`HistoryRetention`) to the stored snapshots: each week
/// that has left the daily window is thinned once, block by block, to each account's last
/// snapshot of the week and the days its level changed; weekly snapshots past their age go.
/// How far thinning has got is kept in the database, so a run does only the new weeks and
/// running a day again thins nothing.
enum HistoryThinning {
    /// The Sunday through which every week has been thinned.
    static let thinnedThrough = "history_thinned_through"
    /// The retention a person set (`folio history`); absent: `HistoryRetention.standard`.
    static let dailyDaysSetting = "history_daily_days"
    static let weeklyDaysSetting = "history_weekly_days"

    static func retention(in db: Database) throws -> HistoryRetention {
        var out = HistoryRetention.standard
        if let daily = try Settings.value(dailyDaysSetting, in: db).flatMap({ Int($0) }) { out.dailyDays = daily }
        if let weekly = try Settings.value(weeklyDaysSetting, in: db) { out.weeklyDays = Int(weekly) }
        return out
    }

    static func store(_ retention: HistoryRetention, in db: Database) throws {
        try Settings.set(dailyDaysSetting, to: String(retention.dailyDays), in: db)
        try Settings.set(weeklyDaysSetting, to: retention.weeklyDays.map(String.init) ?? "forever", in: db)
    }

    /// Snapshots removed, and days left with none.
    struct Outcome: Equatable {
        var dropped = 0
        var days = 0
    }

    /// Thins what `retention` says has aged on `asOf`; `thresholds` are the health-drop
    /// thresholds whose crossings are kept.
    static func apply(_ retention: HistoryRetention, thresholds: [Double], asOf: Day, in db: Database) throws -> Outcome {
        var outcome = Outcome()
        let daysBefore = try HealthHistory.days(in: db)
        if let oldest = retention.weeklyFrom(asOf: asOf), let first = daysBefore.first, first < oldest {
            outcome.dropped += try countSnapshots(before: oldest, in: db)
            try db.execute(sql: "DELETE FROM snapshot_block WHERE date < ?", arguments: [oldest.iso])
        }
        let through = retention.thinThrough(asOf: asOf)
        let done = try Settings.value(thinnedThrough, in: db).flatMap { Day(iso: $0) }
        let stored = try HealthHistory.days(in: db)
        let candidates = stored.filter { day in day <= through && done.map { day > $0 } ?? true }
        if !candidates.isEmpty {
            // Each account's level in the last snapshot kept before the first week thinned now.
            var lastKept: [Int64: HistoryRetention.Level] = [:]
            if let before = stored.last(where: { $0 < candidates[0].weekStart }) {
                for (number, scores) in try HealthHistory.scoreBlocks(on: before, in: db) {
                    for (k, slot) in scores.enumerated() {
                        if let slot { lastKept[number * Int64(SnapshotBlock.size) + Int64(k)] = level(slot, thresholds) }
                    }
                }
            }
            let weeks = Dictionary(grouping: candidates, by: \.weekStart)
            for week in weeks.keys.sorted() {
                try thin(week: weeks[week]!.sorted(), thresholds: thresholds, lastKept: &lastKept, outcome: &outcome, in: db)
            }
        }
        if done.map({ through > $0 }) ?? true {
            try Settings.set(thinnedThrough, to: through.iso, in: db)
        }
        outcome.days = daysBefore.count - (try HealthHistory.days(in: db).count)
        return outcome
    }

    private static func level(_ slot: SnapshotBlock.Score, _ thresholds: [Double]) -> HistoryRetention.Level {
        HistoryRetention.Level(score: slot.score, band: slot.band, thresholds: thresholds)
    }

    /// One week's days, block by block: only the blocks of one account range are in memory.
    private static func thin(week days: [Day], thresholds: [Double], lastKept: inout [Int64: HistoryRetention.Level],
                             outcome: inout Outcome, in db: Database) throws {
        let numbers = try Int64.fetchAll(db, sql: "SELECT DISTINCT block FROM snapshot_block WHERE date BETWEEN ? AND ? ORDER BY block",
                                         arguments: [days.first!.iso, days.last!.iso])
        for number in numbers {
            var blocks = try days.map { try HealthHistory.block(number, on: $0, measures: days.count > 1, in: db) }
            let width = blocks.map { $0?.scores.count ?? 0 }.max() ?? 0
            var changed = [Bool](repeating: false, count: days.count)
            for k in 0..<width {
                let key = number * Int64(SnapshotBlock.size) + Int64(k)
                let levels = blocks.map { block in block.flatMap { k < $0.scores.count ? $0.scores[k] : nil }.map { level($0, thresholds) } }
                guard levels.contains(where: { $0 != nil }) else { continue }
                for (d, keep) in HistoryRetention.keep(levels, after: lastKept[key]).enumerated() where levels[d] != nil {
                    if keep {
                        lastKept[key] = levels[d]
                    } else {
                        blocks[d]!.scores[k] = nil
                        blocks[d]!.measures[k] = nil
                        changed[d] = true
                        outcome.dropped += 1
                    }
                }
            }
            for (d, day) in days.enumerated() where changed[d] {
                try HealthHistory.save(blocks[d]!, number: number, on: day, in: db)
            }
        }
    }

    private static func countSnapshots(before day: Day, in db: Database) throws -> Int {
        var count = 0
        for row in try Row.fetchAll(db, sql: "SELECT scores FROM snapshot_block WHERE date < ?", arguments: [day.iso]) {
            count += try SnapshotBlock.decodeScores([UInt8](row[0] as Data)).count { $0 != nil }
        }
        return count
    }
}
