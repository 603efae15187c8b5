import FolioDomain
import GRDB

/// `folio model diff OLD NEW`: what changing the profile would do today — the accounts that
/// would change band (counts by move, then the list) — and how each profile would have
/// predicted churn over the same window, side by side.
public enum ProfileDiff {
    /// One account whose band would change.
    public struct Move: Sendable {
        public var account: Account
        public var oldScore: Double?
        public var oldBand: String?
        public var newScore: Double?
        public var newBand: String?
    }

    public struct Result: Sendable {
        public var asOf: Day
        public var old: HealthProfile
        public var new: HealthProfile
        /// Active accounts scored today.
        public var accounts: Int
        /// Accounts per (old band, new band), every pair with at least one; nil is no data.
        public var moves: [(from: String?, to: String?, count: Int)]
        /// The accounts whose band changes, the biggest score move first.
        public var changed: [Move]
        public var oldBacktest: Backtester.Result
        public var newBacktest: Backtester.Result
    }

    public static func run(old: HealthProfile, new: HealthProfile, window: ModelWindow, for user: User? = nil,
                           in db: Database) throws -> Result {
        let book = try ModelBook.load(for: user, in: db)
        let asOf = window.asOf
        // Today: every active account, under both profiles.
        let sources = try ModelInputs.sources(in: db).union(old.sources).union(new.sources)
        let today = book.active(on: asOf).filter { book.accounts[$0].status == .active }
        let list = today.map { book.accounts[$0] }
        let loaded = try HealthInputLoader(asOf: asOf, sources: sources).load(accounts: list, in: db)
        var counts: [String: (from: String?, to: String?, count: Int)] = [:]
        var changed: [Move] = []
        for (k, account) in list.enumerated() {
            let a = HealthScoring.snapshot(accountID: account.id, tier: account.tier, profile: old, inputs: loaded.health[k], asOf: asOf)
            let b = HealthScoring.snapshot(accountID: account.id, tier: account.tier, profile: new, inputs: loaded.health[k], asOf: asOf)
            let key = "\(a.band ?? "\u{0}")\u{1}\(b.band ?? "\u{0}")"
            counts[key, default: (a.band, b.band, 0)].count += 1
            if a.band != b.band {
                changed.append(Move(account: account, oldScore: a.score, oldBand: a.band, newScore: b.score, newBand: b.band))
            }
        }
        let order = { (band: String?, bands: BandSet) in band.flatMap { bands.index(of: $0) } ?? -1 }
        let moves = counts.values.sorted {
            (order($0.from, old.bands), order($0.to, new.bands)) < (order($1.from, old.bands), order($1.to, new.bands))
        }
        changed.sort { x, y in
            let dx = abs((x.newScore ?? 0) - (x.oldScore ?? 0)), dy = abs((y.newScore ?? 0) - (y.oldScore ?? 0))
            return dx != dy ? dx > dy : x.account.id < y.account.id
        }
        // The same records for both backtests.
        let history = try Backtester.rescoringData(window: window, profiles: [old, new], book: book, in: db)
        return Result(asOf: asOf, old: old, new: new, accounts: list.count, moves: moves, changed: changed,
                      oldBacktest: Backtester.rescored(history, window: window, profile: old, book: book),
                      newBacktest: Backtester.rescored(history, window: window, profile: new, book: book))
    }
}
