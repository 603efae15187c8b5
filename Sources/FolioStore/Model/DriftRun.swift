import FolioDomain
import GRDB

/// `folio model drift`: the stored scores' AUC quarter by quarter, and the share of accounts
/// in each band at the last run of each month, from the first stored run on.
public enum DriftRun {
    public struct Result: Sendable {
        public var window: ModelWindow
        public var drift: ScoreDrift
        /// Runs the band shares cover (the last of each month), from the first to the as-of day.
        public var firstRun: Day?
    }

    /// The day of the first stored daily run: where drift starts when no --from is given.
    public static func firstRunDay(in db: Database) throws -> Day? {
        try String.fetchOne(db, sql: "SELECT MIN(date) FROM engine_run").flatMap { Day(iso: $0) }
    }

    public static func run(window: ModelWindow, bands: BandSet, for user: User? = nil, in db: Database) throws -> Result {
        let book = try ModelBook.load(for: user, in: db)
        let cases = window.stored ? try StoredScores.read(window, book: book, lowestBand: bands.bands.first?.name ?? "", in: db).cases
            : OutcomeCases()
        // The whole days of the history (after 90 days, one a week) stand for the runs.
        let runs = try HealthHistory.wholeDays(in: db).filter { $0 >= window.from && $0 <= window.asOf }
        // The last run of each month.
        var lastOfMonth: [Int: Day] = [:]
        for day in runs { lastOfMonth[day.year * 12 + day.month] = day }
        var shares: [ScoreDrift.BandShares] = []
        for day in lastOfMonth.values.sorted() {
            var counts = [Int](repeating: 0, count: bands.bands.count)
            if user == nil {
                for (band, accounts) in try SnapshotStore.bandCounts(on: day, in: db) {
                    if let k = bands.index(of: band) { counts[k] += accounts }
                }
            } else {
                // Only the accounts the user may see.
                let keys = try BookKeys(book, in: db)
                try SnapshotStore.snapshots(on: day, measures: false, in: db) { key, slot, _ in
                    if keys.account(key) != nil, let band = slot.band, let k = bands.index(of: band) { counts[k] += 1 }
                }
            }
            shares.append(ScoreDrift.BandShares(day: day, counts: counts))
        }
        return Result(window: window, drift: ScoreDrift(cases, bands: bands, shares: shares), firstRun: runs.first)
    }
}
