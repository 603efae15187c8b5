import FolioDomain
import GRDB
import GRDBSQLite

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
        let lowest = Array(lowestBand.utf8)
        var rows = try RawRows(db, sql: """
            SELECT a.id, h.date, h.score, h.band FROM account a
            CROSS JOIN health_snapshot h ON h.account_id = a.id AND h.date BETWEEN ? AND ?
            ORDER BY a.id
            """, arguments: [first.iso, last.iso])
        out.cases.reserve(window.days.count * book.accounts.count)
        var currentID: [UInt8]?
        var current = -1
        while try rows.next() {
            // Rows come grouped by account: its id is compared as bytes, turned into a String once.
            if currentID == nil || !rows.text(0, equals: currentID!) {
                let id = rows.text(0)
                currentID = id.map { Array($0.utf8) }
                current = id.flatMap { book.index[$0] } ?? -1
            }
            guard current >= 0, let day = rows.day(1), wanted.contains(day.ordinal) else { continue }
            guard let score = rows.double(2) else { out.unscored += 1; continue }
            guard let churned = book.outcome(current, after: day, horizonDays: window.horizonDays) else { out.gone += 1; continue }
            out.cases.append(score: score, churned: churned, tier: book.accounts[current].tier, day: day, account: Int32(current))
            if churners.contains(current), rows.text(3, equals: lowest) { out.lowestDays[current, default: []].append(day) }
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
        for day in days {
            let rows = try Row.fetchCursor(db, sql: "SELECT account_id, measure_set, measures FROM health_snapshot WHERE date = ? AND score IS NOT NULL",
                                           arguments: [day.iso])
            while let row = try rows.next() {
                guard let i = book.index[row[0]], let churned = book.outcome(i, after: day, horizonDays: horizonDays),
                      let slots = sets[row[1]] else { continue }
                cases += 1
                let text: String = row[2]
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
        return names.map { (name: $0, risk: byName[$0]!.risk, churned: byName[$0]!.churned, accounts: byName[$0]!.accounts, cases: cases) }
    }
}
