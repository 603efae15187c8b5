import FolioDomain
import GRDB

/// The scored days a backtest or a fit looks at, and how far after each it looks for a
/// churn. With stored history: the engine's runs from `from` to `to` whose horizon is over
/// by the as-of day (a year of them by default, ending a horizon before the as-of day) and
/// whose snapshots the history keeps whole (every run of the last 90 days, one a week before).
/// Without: the as-of day itself, against the outcomes after it.
public struct ModelWindow: Sendable, Equatable {
    public enum Mode: String, Sendable {
        /// Stored runs, each against what followed it.
        case history
        /// The as-of day's scores against the outcomes after it.
        case asOf = "as-of"
    }

    public var asOf: Day
    public var horizonDays: Int
    public var mode: Mode
    /// The scored days, oldest first.
    public var days: [Day]
    /// The period asked for (or the default one).
    public var from: Day
    public var to: Day
    /// True when the as-of day has a stored run (as-of mode); always true in history mode.
    public var stored: Bool
    /// What the reader should know about how the window was chosen.
    public var notes: [String]

    /// A year of history by default.
    public static let defaultSpanDays = 364

    /// `from`/`to` nil take the defaults.
    public static func resolve(asOf: Day, horizonDays: Int, from: Day?, to: Day?, in db: Database) throws -> ModelWindow {
        let latest = asOf.adding(days: -horizonDays)
        let end = min(to ?? latest, latest)
        let start = from ?? end.adding(days: -defaultSpanDays)
        var notes: [String] = []
        if let to, to > latest {
            notes.append("scored days after \(latest.iso) are left out: their \(horizonDays) days are not over by \(asOf.iso)")
        }
        let allRuns = start <= end ? try String.fetchAll(db, sql: "SELECT date FROM engine_run WHERE date BETWEEN ? AND ? ORDER BY date",
                                                         arguments: [start.iso, end.iso]).compactMap { Day(iso: $0) } : []
        // Past the history's daily window a week keeps one whole run (its last): the others
        // hold only the accounts that changed level, and would count those twice.
        let whole = Set(try HealthHistory.wholeDays(in: db))
        let runs = allRuns.filter(whole.contains)
        if !runs.isEmpty && runs.count < allRuns.count {
            notes.append("\(allRuns.count - runs.count) of the \(allRuns.count) runs from \(start.iso) to \(end.iso) are thinned in the health "
                         + "history (one run a week is kept whole after its daily window): the \(runs.count) whole ones are scored")
        }
        if !runs.isEmpty {
            return ModelWindow(asOf: asOf, horizonDays: horizonDays, mode: .history, days: runs, from: start, to: end,
                               stored: true, notes: notes)
        }
        let ranToday = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM engine_run WHERE date = ?)", arguments: [asOf.iso]) ?? false
        notes.append("no stored scores from \(start.iso) to \(end.iso) whose \(horizonDays) days are over by \(asOf.iso): "
                     + "the scores of \(asOf.iso)\(ranToday ? "" : " (worked out now, not stored)") against the outcomes of the \(horizonDays) days after it")
        return ModelWindow(asOf: asOf, horizonDays: horizonDays, mode: .asOf, days: [asOf], from: asOf, to: asOf,
                           stored: ranToday, notes: notes)
    }

    /// The last day whose outcomes count: the as-of day, or in as-of mode a horizon after it.
    public var outcomesUntil: Day { mode == .asOf ? asOf.adding(days: horizonDays) : asOf }

    /// Up to `count` of the days, evenly spread, always the last one.
    public func sample(_ count: Int) -> [Day] {
        guard days.count > count, count > 0 else { return days }
        if count == 1 { return [days[days.count - 1]] }
        return (0..<count).map { k in days[(days.count - 1) * k / (count - 1)] }.reduce(into: [Day]()) {
            if $0.last != $1 { $0.append($1) }
        }
    }
}
