import FolioDomain
import GRDB

/// The stored scores of a window's days as backtest cases, read in one pass: a year of
/// weekly runs over a big book is millions of snapshots, so the rows are stepped by hand,
/// account by account (each account's id read once), and only the score and band are read.
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
        guard let first = window.days.first, let last = window.days.last else { return out }
        let wanted = Set(window.days.map(\.ordinal))
        // Accounts whose churn the cases can see, for the lead time.
        let reach = first...window.outcomesUntil
        var churners = Set<Int>()
        for (i, _) in book.churns(in: reach) { churners.insert(i) }
        // The history is stored a day at a time in blocks of accounts (`HealthHistory`): each
        // slot's account found once through its history key.
        let byKey = try HealthHistory.accountsByKey(in: db).map { id in id.flatMap { book.index[$0] } ?? -1 }
        out.cases.reserve(window.days.count * book.accounts.count)
        for day in try HealthHistory.days(in: db) where day >= first && day <= last && wanted.contains(day.ordinal) {
            for (block, scores) in try HealthHistory.scoreBlocks(on: day, in: db).sorted(by: { $0.key < $1.key }) {
                for (slot, stored) in scores.enumerated() {
                    guard let stored else { continue }
                    let key = Int(block) * SnapshotBlock.size + slot
                    guard key < byKey.count, byKey[key] >= 0 else { continue }
                    let current = byKey[key]
                    guard let score = stored.score else { out.unscored += 1; continue }
                    guard let churned = book.outcome(current, after: day, horizonDays: window.horizonDays) else { out.gone += 1; continue }
                    out.cases.append(score: score, churned: churned, tier: book.accounts[current].tier, day: day, account: Int32(current))
                    if churners.contains(current), stored.band == lowestBand { out.lowestDays[current, default: []].append(day) }
                }
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
        let byKey = try HealthHistory.accountsByKey(in: db).map { id in id.flatMap { book.index[$0] } ?? -1 }
        for day in days {
            for number in try HealthHistory.scoreBlocks(on: day, in: db).keys.sorted() {
                guard let block = try HealthHistory.block(number, on: day, measures: true, in: db) else { continue }
                for (slot, stored) in block.scores.enumerated() {
                    let key = Int(number) * SnapshotBlock.size + slot
                    guard let stored, stored.score != nil, key < byKey.count, byKey[key] >= 0, let text = block.measures[slot] else { continue }
                    let i = byKey[key]
                    guard let churned = book.outcome(i, after: day, horizonDays: horizonDays), let slots = sets[stored.measureSet] else { continue }
                    cases += 1
                    for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where k < slots.count {
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
        }
        return names.map { (name: $0, risk: byName[$0]!.risk, churned: byName[$0]!.churned, accounts: byName[$0]!.accounts, cases: cases) }
    }
}
