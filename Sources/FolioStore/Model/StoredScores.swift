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
    /// Account-days left out because the account had churned (or has no churn date).
    public var gone = 0
    /// For each account that churned within the window's reach: its days in the lowest band.
    public var lowestDays: [Int: [Day]] = [:]

    public init() {}

    public static func read(_ window: ModelWindow, book: ModelBook, lowestBand: String, in db: Database) throws -> StoredScores {
        var out = StoredScores()
        guard let first = window.days.first else { return out }
        // Accounts whose churn the cases can see, for the lead time.
        let reach = first...window.outcomesUntil
        var churners = Set<Int>()
        for (i, _) in book.churns(in: reach) { churners.insert(i) }
        let keys = try BookKeys(book, in: db)
        out.cases.reserve(window.days.count * book.accounts.count)
        for day in window.days {
            try SnapshotStore.snapshots(on: day, measures: false, in: db) { key, slot, _ in
                guard let current = keys.account(key) else { return }
                guard let score = slot.score else { out.unscored += 1; return }
                guard let churned = book.outcome(current, after: day, horizonDays: window.horizonDays) else { out.gone += 1; return }
                out.cases.append(score: score, churned: churned, tier: book.accounts[current].tier, day: day, account: Int32(current))
                if churners.contains(current), slot.band == lowestBand { out.lowestDays[current, default: []].append(day) }
            }
        }
        return out
    }

    /// Each measure's stored score on `days`, by measure name in the order first met: what
    /// each measure said of the accounts that then churned or stayed.
    public static func measureScores(on days: [Day], book: ModelBook, horizonDays: Int,
                                     in db: Database) throws -> [(name: String, risk: [Double], churned: [Bool], accounts: [Int32], cases: Int)] {
        var names: [String] = []
        var byName: [String: (risk: [Double], churned: [Bool], accounts: [Int32])] = [:]
        var sets: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, spec FROM measure_set") {
            sets[row[0]] = SnapshotCodec.decode(slots: row[1] as String).map(\.name)
        }
        var cases = 0
        let keys = try BookKeys(book, in: db)
        for day in days {
            try SnapshotStore.snapshots(on: day, measures: true, in: db) { key, slot, text in
                guard slot.score != nil, let i = keys.account(key), let churned = book.outcome(i, after: day, horizonDays: horizonDays),
                      let slots = sets[slot.measureSet] else { return }
                cases += 1
                for (k, line) in (text ?? "").split(separator: "\n", omittingEmptySubsequences: false).enumerated() where k < slots.count {
                    // raw \t score \t …: the second field.
                    let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
                    guard fields.count > 1, let score = Double(fields[1]) else { continue }
                    let name = slots[k]
                    if byName[name] == nil { names.append(name); byName[name] = ([], [], []) }
                    byName[name]!.risk.append(-score)
                    byName[name]!.churned.append(churned)
                    byName[name]!.accounts.append(Int32(i))
                }
            }
        }
        return names.map { (name: $0, risk: byName[$0]!.risk, churned: byName[$0]!.churned, accounts: byName[$0]!.accounts, cases: cases) }
    }
}

/// The book's accounts by history key: the index in `ModelBook` of the account each key
/// names (absent: an account no longer on file).
private struct BookKeys {
    private let byKey: [Int]

    init(_ book: ModelBook, in db: Database) throws {
        byKey = try HealthHistory.accountsByKey(in: db).map { id in id.flatMap { book.index[$0] } ?? -1 }
    }

    func account(_ key: Int) -> Int? {
        key < byKey.count && byKey[key] >= 0 ? byKey[key] : nil
    }
}
