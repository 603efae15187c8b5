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

    public static func run(window: ModelWindow, bands: BandSet, in db: Database) throws -> Result {
        let book = try ModelBook.load(in: db)
        let cases = window.stored ? try StoredScores.read(window, book: book, lowestBand: bands.bands.first?.name ?? "", in: db).cases
            : OutcomeCases()
        let runs = try String.fetchAll(db, sql: "SELECT date FROM engine_run WHERE date BETWEEN ? AND ? ORDER BY date",
                                       arguments: [window.from.iso, window.asOf.iso]).compactMap { Day(iso: $0) }
        // The last run of each month.
        var lastOfMonth: [Int: Day] = [:]
        for day in runs { lastOfMonth[day.year * 12 + day.month] = day }
        var shares: [ScoreDrift.BandShares] = []
        for day in lastOfMonth.values.sorted() {
            var counts = [Int](repeating: 0, count: bands.bands.count)
            for scores in try HealthHistory.scoreBlocks(on: day, in: db).values {
                for stored in scores {
                    if let band = stored?.band, let k = bands.index(of: band) { counts[k] += 1 }
                }
            }
            shares.append(ScoreDrift.BandShares(day: day, counts: counts))
        }
        return Result(window: window, drift: ScoreDrift(cases, bands: bands, shares: shares), firstRun: runs.first)
    }
}
