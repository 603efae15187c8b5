import FolioDomain
import GRDB

/// The stored scores of a window's days as backtest cases, read from the health history a
/// day at a time (a block of 4,096 accounts' scores inflated at once, breakdowns left
/// packed): a year of weekly runs over a big book is millions of snapshots. The window's
/// days are whole ones (`HealthHistory.wholeDays`), so thinning leaves every account-day
/// counted once.
public struct StoredScores: Sendable {
    public var cases = OutcomeCases()
    /// Snapshots with no score (no measure had data) on the days: left out, counted.
    public var unscored = 0
    /// Account-days left out because the account had churned (or has no churn date), or was
    /// not yet a customer (a run scored it before its contract start).
    public var gone = 0
    /// For each account that churned within the window's reach: its days in the lowest band.
    public var lowestDays: [Int: [Day]] = [:]

    public init() {}

    public static func read(_ window: ModelWindow, book: ModelBook, lowestBand: String, in db: Database) throws -> StoredScores {
        var out = StoredScores()
        guard let first = window.days.first else { return out }
        // Accounts whose churn the cases can see, for the lead time.
        let reach = first...window.outcomesUntil
        var churners = [Bool](repeating: false, count: book.accounts.count)
        for (i, _) in book.churns(in: reach) { churners[i] = true }
        let keys = try BookKeys(book, in: db)
        let facts = AccountFacts(book)
        out.cases.reserve(window.days.count * book.accounts.count)
        for day in window.days {
            try SnapshotStore.snapshots(on: day, measures: false, in: db) { key, slot, _ in
                guard let current = keys.account(key) else { return }
                guard facts.starts[current] <= day else { out.gone += 1; return }
                guard let score = slot.score else { out.unscored += 1; return }
                guard let churned = facts.outcome(current, after: day, horizonDays: window.horizonDays, book: book) else {
                    out.gone += 1
                    return
                }
                out.cases.append(score: score, churned: churned, tier: facts.tiers[current], day: day, account: Int32(current))
                if churners[current], slot.band == lowestBand { out.lowestDays[current, default: []].append(day) }
            }
        }
        return out
    }

    /// Each measure's stored score on `days`, by measure name in the order first met: what
    /// each measure said of the accounts that then churned or stayed.
    public static func measureScores(on days: [Day], book: ModelBook, horizonDays: Int,
                                     in db: Database) throws -> [(name: String, risk: [Double], churned: [Bool], accounts: [Int32], cases: Int)] {
        var names: [String] = [], column: [String: Int] = [:]
        var columns: [(risk: [Double], churned: [Bool], accounts: [Int32])] = []
        // Each measure set's lines, as columns: looked up once per set, not once per line.
        var setColumns: [Int64: [Int]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, spec FROM measure_set") {
            setColumns[row[0]] = SnapshotCodec.decode(slots: row[1] as String).map { slot in
                if let known = column[slot.name] { return known }
                column[slot.name] = names.count
                names.append(slot.name)
                columns.append(([], [], []))
                return names.count - 1
            }
        }
        var used = [Bool](repeating: false, count: names.count), order: [Int] = []
        var cases = 0
        let keys = try BookKeys(book, in: db)
        let facts = AccountFacts(book)
        for day in days {
            try SnapshotStore.snapshots(on: day, measures: true, in: db) { key, slot, text in
                guard slot.score != nil, let i = keys.account(key), facts.starts[i] <= day,
                      let churned = facts.outcome(i, after: day, horizonDays: horizonDays, book: book),
                      let slots = setColumns[slot.measureSet], let text else { return }
                cases += 1
                SnapshotCodec.eachScore(in: text) { k, score in
                    guard k < slots.count else { return }
                    let c = slots[k]
                    if !used[c] { used[c] = true; order.append(c) }
                    columns[c].risk.append(-score)
                    columns[c].churned.append(churned)
                    columns[c].accounts.append(Int32(i))
                }
            }
        }
        return order.map { c in (name: names[c], risk: columns[c].risk, churned: columns[c].churned, accounts: columns[c].accounts, cases: cases) }
    }
}

/// What the readers ask of an account for every one of its days, looked up once: its tier,
/// its contract start, and whether it has no churn on record at all (then it stayed, every day).
private struct AccountFacts {
    let tiers: [Account.Tier]
    let starts: [Day]
    let neverChurned: [Bool]

    init(_ book: ModelBook) {
        tiers = book.accounts.map(\.tier)
        starts = book.accounts.map(\.contractStart)
        neverChurned = book.accounts.indices.map { book.churns[$0].isEmpty && !book.undated.contains($0) }
    }

    /// `ModelBook.outcome`, without its work for the accounts that never churned.
    func outcome(_ i: Int, after day: Day, horizonDays: Int, book: ModelBook) -> Bool? {
        neverChurned[i] ? false : book.outcome(i, after: day, horizonDays: horizonDays)
    }
}

/// The book's accounts by history key: the index in `ModelBook` of the account each key
/// names (absent: an account no longer on file).
struct BookKeys {
    private let byKey: [Int]

    init(_ book: ModelBook, in db: Database) throws {
        byKey = try HealthHistory.accountsByKey(in: db).map { id in id.flatMap { book.index[$0] } ?? -1 }
    }

    func account(_ key: Int) -> Int? {
        key < byKey.count && byKey[key] >= 0 ? byKey[key] : nil
    }
}
