/// How long the daily run keeps health snapshots: every run's for `dailyDays` days, then one
/// a week (the week's last run) — plus, in a thinned week, each account's snapshot on a day
/// its level changed (a band, a health-drop threshold, scored or not), so what reports ask
/// of the past ("did it recover above 60 within 60 days?", "when did it first turn Red?")
/// gets the same answer after thinning as before. Weekly snapshots older than `weeklyDays`
/// go too, when it is set.
public struct HistoryRetention: Hashable, Sendable, Codable {
    /// Every run's snapshots are kept this many days back from the day (the day included).
    public var dailyDays: Int
    /// Weekly snapshots are kept this many days back from the day; nil keeps them for ever.
    public var weeklyDays: Int?

    public static let standard = HistoryRetention(dailyDays: 90, weeklyDays: nil)

    /// Bounds a person may set: at least a week of daily snapshots (the trend compares weeks),
    /// weekly ones kept at least as long as daily ones.
    public static let dailyRange = 7...36_500

    public init(dailyDays: Int, weeklyDays: Int?) {
        self.dailyDays = dailyDays
        self.weeklyDays = weeklyDays
    }

    /// Nil when the numbers are outside what the policy allows, with why.
    public var problem: String? {
        if !Self.dailyRange.contains(dailyDays) {
            return "daily snapshots must be kept \(Self.dailyRange.lowerBound)–\(Self.dailyRange.upperBound) days (got \(dailyDays))"
        }
        if let weekly = weeklyDays, weekly < dailyDays || weekly > Self.dailyRange.upperBound {
            return "weekly snapshots must be kept at least as long as daily ones (\(dailyDays) days) and at most \(Self.dailyRange.upperBound) days (got \(weekly))"
        }
        return nil
    }

    /// The first day whose snapshots are all kept on `asOf`.
    public func dailyFrom(asOf: Day) -> Day { asOf.adding(days: 1 - dailyDays) }

    /// Snapshots before this day are gone on `asOf` (nil: none go for age).
    public func weeklyFrom(asOf: Day) -> Day? { weeklyDays.map { asOf.adding(days: 1 - $0) } }

    /// The Sunday of the last week wholly before the daily window on `asOf`: every week up to
    /// it is thinned.
    public func thinThrough(asOf: Day) -> Day {
        dailyFrom(asOf: asOf).weekStart.adding(days: -1)
    }

    /// What thinning compares between one snapshot of an account and the last one kept: a
    /// change of band, of how many health-drop thresholds the score is below, or between
    /// scored and no data.
    public struct Level: Hashable, Sendable {
        public var band: String?
        public var below: Int
        public var scored: Bool

        public init(score: Double?, band: String?, thresholds: [Double]) {
            self.band = band
            scored = score != nil
            below = score.map { s in thresholds.filter { s < $0 }.count } ?? 0
        }
    }

    /// For one account's snapshots in a week being thinned, oldest first (nil where it has
    /// none that day): which to keep. The last one is always kept; an earlier one when its
    /// level differs from the last kept before it (`lastKept`, from before the week: nil
    /// when unknown, which keeps the first).
    public static func keep(_ levels: [Level?], after lastKept: Level?) -> [Bool] {
        let lastIndex = levels.lastIndex { $0 != nil }
        var kept = lastKept
        var known = lastKept != nil
        return levels.enumerated().map { index, level in
            guard let level else { return false }
            if index == lastIndex || !known || level != kept {
                kept = level
                known = true
                return true
            }
            return false
        }
    }
}
