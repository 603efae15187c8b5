/// How many accounts sat in each band, week by week (DESIGN §2.7): each account counted
/// once a week, by its latest score of that week's engine runs.
public struct HealthDistribution: Hashable, Sendable {
    public struct Week: Hashable, Sendable {
        /// The Monday.
        public var week: Day
        /// The day of the week's latest run.
        public var runDay: Day
        /// Per band, in the order of `bands`.
        public var counts: [Int]
        /// Accounts scored with no band (no data).
        public var unscored: Int

        public var total: Int { counts.reduce(unscored, +) }
    }

    /// Best first, as the profile names them.
    public var bands: [String]
    /// Oldest first; only weeks with a run.
    public var weeks: [Week]

    public init(_ scores: [ProgrammeHistory.Score], period: ReportPeriod, bands: [String]) {
        self.bands = bands
        var latest: [Day: [String: ProgrammeHistory.Score]] = [:]
        for s in scores where period.contains(s.date) {
            let week = s.date.weekStart
            if let seen = latest[week]?[s.accountID], seen.date >= s.date { continue }
            latest[week, default: [:]][s.accountID] = s
        }
        weeks = latest.keys.sorted().map { week in
            let entries = latest[week]!.values
            var counts = Array(repeating: 0, count: bands.count), unscored = 0
            for s in entries {
                if let band = s.band, let i = bands.firstIndex(of: band) { counts[i] += 1 } else { unscored += 1 }
            }
            return Week(week: week, runDay: entries.map(\.date).max()!, counts: counts, unscored: unscored)
        }
    }
}
