import Dispatch
import Foundation
import FolioDomain
import GRDB
import GRDBSQLite

/// Reads what the health profile measures, for every active account, as of a day: one
/// query per kind of input, each reading only the rows the day needs (12 weeks of usage,
/// 90 days of cases…) and aggregating them in SQLite, grouped by account.
///
/// The daily run reads the kinds in two halves at once, on two reader connections that see
/// the same moment (`loadSnapshot`), before it takes the write lock.
struct HealthInputLoader {
    let asOf: Day
    let sources: Set<MeasureSource>

    /// Weeks of usage the trend compares: the last 4 complete weeks against the 8 before.
    static let recentWeeks = 4
    static let baselineWeeks = 8
    /// A month of tenure: the mean Gregorian month.
    static let daysPerMonth = 365.2425 / 12
    /// The window of the ARR change.
    static let arrWindowDays = 365

    /// The Monday of the last complete week on `asOf` (a week counts once its Sunday is past).
    var lastWeek: Day { asOf.adding(days: -7).weekStart }

    /// One kind of input and the sources it fills.
    enum Part: CaseIterable {
        case usage, activity, sponsor, nps, cases, payments, account, arr, attributes

        /// The built-in sources it fills (attributes: every `attribute:NAME` source).
        var sources: Set<MeasureSource> {
            switch self {
            case .usage: [.seatUtilisation, .keyActionTrend, .featureDepth]
            case .activity: [.daysSinceActivity, .daysSinceMeeting]
            case .sponsor: [.sponsorPresent]
            case .nps: [.npsMean, .npsLatest]
            case .cases: [.openCriticalCases, .severeCases90d, .cases90d, .caseDaysOpen]
            case .payments: [.daysOverdue]
            case .account: [.daysToRenewal, .tenureMonths, .contractTerm]
            case .arr: [.arrChange]
            case .attributes: []
            }
        }

        /// The sources of `wanted` it fills.
        func fills(_ wanted: Set<MeasureSource>) -> Set<MeasureSource> {
            self == .attributes ? wanted.filter { $0.attributeName != nil } : sources.intersection(wanted)
        }

        /// Two halves of about the same cost (measured on the 100,000-account benchmark).
        static let halves: [[Part]] = [[.usage, .nps, .account, .arr], [.activity, .cases, .sponsor, .payments, .attributes]]
    }

    /// Reads every input on one connection.
    func load(accounts: [Account], in db: Database) throws -> LoadedInputs {
        let index = Self.index(accounts)
        var inputs = LoadedInputs(count: accounts.count)
        for part in Part.allCases {
            try load(part, accounts: accounts, index: index, into: &inputs, db: db)
        }
        return inputs
    }

    /// Reads the accounts (`first`: the active accounts and what the run reads beside them)
    /// and their inputs as of one moment, without keeping anyone waiting: the two reader
    /// connections start their transactions while this holds the write lock for an instant
    /// (no process can commit between them), so both see the same commit; then the lock is
    /// let go and the two halves of the inputs are read at once while people go on writing.
    func loadSnapshot<Extra>(from pool: DatabasePool,
                             first: @escaping @Sendable (Database) throws -> (accounts: [Account], extra: Extra))
        throws -> (accounts: [Account], extra: Extra, inputs: LoadedInputs) {
        let halves = Part.halves
        let shared = SnapshotRead<Extra>(count: halves.count)
        let group = DispatchGroup()
        let started = DispatchSemaphore(value: 0)
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                for (k, parts) in halves.enumerated() {
                    DispatchQueue.global(qos: .userInitiated).async(group: group) {
                        var signalled = false
                        defer { if !signalled { started.signal() } }
                        let result = Result {
                            try pool.read { db in
                                // The first read fixes the transaction's snapshot (WAL).
                                _ = try Int.fetchOne(db, sql: "PRAGMA schema_version")
                                signalled = true
                                started.signal()
                                if k == 0 {
                                    shared.publish(Result {
                                        let fetched = try first(db)
                                        return (fetched.accounts, fetched.extra, Self.index(fetched.accounts))
                                    })
                                }
                                let (accounts, _, index) = try shared.awaitFirst()
                                var inputs = LoadedInputs(count: accounts.count)
                                for part in parts {
                                    try load(part, accounts: accounts, index: index, into: &inputs, db: db)
                                }
                                return inputs
                            }
                        }
                        // The other halves wait for the accounts: a first read that failed says so.
                        if k == 0, case .failure(let error) = result { shared.publish(.failure(error)) }
                        shared.set(k, result)
                    }
                }
                for _ in halves { started.wait() }
                return .commit
            }
        }
        group.wait()
        let (accounts, extra, _) = try shared.awaitFirst()
        var merged = try shared.get(0)
        for k in halves.indices.dropFirst() {
            let other = try shared.get(k)
            let filled = halves[k].reduce(into: Set<MeasureSource>()) { $0.formUnion($1.fills(sources)) }
            for i in merged.health.indices {
                for source in filled { merged.health[i][source] = other.health[i][source] }
            }
            if halves[k].contains(.usage) { merged.usage = other.usage }
            if halves[k].contains(.activity) { merged.lastActivity = other.lastActivity }
        }
        return (accounts, extra, merged)
    }

    private static func index(_ accounts: [Account]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(accounts.count)
        for (i, a) in accounts.enumerated() { index[a.id] = i }
        return index
    }

    private func load(_ part: Part, accounts: [Account], index: [String: Int], into inputs: inout LoadedInputs, db: Database) throws {
        guard !part.fills(sources).isEmpty else { return }
        let today = asOf.iso
        switch part {
        case .usage:
            try loadUsage(accounts: accounts, index: index, into: &inputs, db: db)

        case .activity:
            // Per account, three seeks: the last activity of any kind, the last meeting and
            // the last QBR (indexes on account+date and account+type+date).
            let rows = try Row.fetchCursor(db, sql: """
                SELECT a.id,
                       (SELECT MAX(date) FROM activity WHERE account_id = a.id AND date <= :today),
                       (SELECT MAX(date) FROM activity WHERE account_id = a.id AND type = 'meeting' AND date <= :today),
                       (SELECT MAX(date) FROM activity WHERE account_id = a.id AND type = 'qbr' AND date <= :today)
                FROM account a ORDER BY a.id
                """, arguments: ["today": today])
            var finder = AccountFinder(accounts: accounts, index: index)
            while let row = try rows.next() {
                guard let i = finder.index(of: row[0]) else { continue }
                let last = (row[1] as StoredDay?)?.day
                inputs.lastActivity[i] = last
                let meetings = [(row[2] as StoredDay?)?.day, (row[3] as StoredDay?)?.day].compactMap { $0 }.max()
                // Missing is missing: no activity (or meeting) on file is no data, never a
                // count from the contract start.
                if let last, sources.contains(.daysSinceActivity) {
                    inputs.health[i][.daysSinceActivity] = HealthInput(Double(last.days(until: asOf)), at: asOf)
                }
                if let meetings, sources.contains(.daysSinceMeeting) {
                    inputs.health[i][.daysSinceMeeting] = HealthInput(Double(meetings.days(until: asOf)), at: asOf)
                }
            }

        case .sponsor:
            let rows = try Row.fetchCursor(db, sql: """
                SELECT account_id, MAX(left_company = 0) FROM contact
                WHERE ';' || roles || ';' LIKE '%;sponsor;%' GROUP BY account_id
                """)
            while let row = try rows.next() {
                if let i = index[row[0]] { inputs.health[i][.sponsorPresent] = HealthInput(row[1] as Bool ? 1 : 0, at: asOf) }
            }

        case .nps:
            // The latest response of each contact (one seek each), averaged over the
            // account's contacts; contacts come grouped by account.
            // The latest answer of the account is the latest of its contacts' (the lowest
            // when two answered on the same day).
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.account_id, n.score, n.date FROM contact c
                JOIN nps_response n ON n.contact_id = c.id
                    AND n.date = (SELECT MAX(date) FROM nps_response m WHERE m.contact_id = c.id AND m.date <= :today)
                ORDER BY c.account_id
                """, arguments: ["today": today])
            var current: (i: Int, total: Double, count: Int, latest: Day, latestScore: Double)?
            func flush() {
                if let c = current {
                    if sources.contains(.npsMean) { inputs.health[c.i][.npsMean] = HealthInput(c.total / Double(c.count), at: c.latest) }
                    if sources.contains(.npsLatest) { inputs.health[c.i][.npsLatest] = HealthInput(c.latestScore, at: c.latest) }
                }
                current = nil
            }
            var finder = AccountFinder(accounts: accounts, index: index)
            while let row = try rows.next() {
                guard let score = row[1] as Double?, let date = (row[2] as StoredDay?)?.day,
                      let i = finder.index(of: row[0]) else { continue }
                if let c = current, c.i == i {
                    let latestScore = date > c.latest ? score : date == c.latest ? min(score, c.latestScore) : c.latestScore
                    current = (i, c.total + score, c.count + 1, max(c.latest, date), latestScore)
                } else {
                    flush()
                    current = (i, score, 1, date, score)
                }
            }
            flush()

        case .cases:
            // Missing is missing: with no support case on file for any account, support is
            // not connected, and the case measures have no data (not "0 cases").
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM support_case WHERE opened <= ?)", arguments: [today]) ?? false else { return }
            let windowStart = asOf.adding(days: -90)
            var critical = [Int](repeating: 0, count: accounts.count)
            var severe = [Int](repeating: 0, count: accounts.count)
            var opened = [Int](repeating: 0, count: accounts.count)
            var daysOpen = [Double](repeating: 0, count: accounts.count)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT account_id,
                       SUM(priority = 'critical' AND (closed IS NULL OR closed > :today)),
                       SUM(priority IN ('critical', 'high') AND opened > :start),
                       SUM(opened > :start),
                       SUM(CASE WHEN opened > :start
                           THEN julianday(CASE WHEN closed IS NULL OR closed > :today THEN :today ELSE closed END) - julianday(opened)
                           ELSE 0 END)
                FROM support_case
                WHERE opened <= :today AND (opened > :start OR (priority = 'critical' AND (closed IS NULL OR closed > :today)))
                GROUP BY account_id
                """, arguments: ["today": today, "start": windowStart.iso])
            while let row = try rows.next() {
                guard let i = index[row[0]] else { continue }
                critical[i] = row[1]
                severe[i] = row[2]
                opened[i] = row[3]
                daysOpen[i] = row[4] ?? 0
            }
            for i in accounts.indices {
                if sources.contains(.openCriticalCases) { inputs.health[i][.openCriticalCases] = HealthInput(Double(critical[i]), at: asOf) }
                if sources.contains(.severeCases90d) { inputs.health[i][.severeCases90d] = HealthInput(Double(severe[i]), at: asOf) }
                if sources.contains(.cases90d) { inputs.health[i][.cases90d] = HealthInput(Double(opened[i]), at: asOf) }
                // A mean of nothing is no data: no case in the window, nothing to time.
                if sources.contains(.caseDaysOpen), opened[i] > 0 {
                    inputs.health[i][.caseDaysOpen] = HealthInput(max(0, daysOpen[i]) / Double(opened[i]), at: asOf)
                }
            }

        case .payments:
            // Each account's latest status on or before the day: one seek per account.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT a.id, p.as_of, p.days_overdue FROM account a
                CROSS JOIN payment_status p ON p.account_id = a.id
                    AND p.as_of = (SELECT MAX(as_of) FROM payment_status q WHERE q.account_id = a.id AND q.as_of <= ?)
                ORDER BY a.id
                """, arguments: [today])
            var finder = AccountFinder(accounts: accounts, index: index)
            while let row = try rows.next() {
                guard let i = finder.index(of: row[0]), let day = (row[1] as StoredDay?)?.day else { continue }
                inputs.health[i][.daysOverdue] = HealthInput(Double(row[2] as Int), at: day)
            }

        case .account:
            for (i, account) in accounts.enumerated() {
                if sources.contains(.daysToRenewal) {
                    inputs.health[i][.daysToRenewal] = HealthInput(Double(account.daysToRenewal(asOf: asOf)), at: asOf)
                }
                // Tenure counts from the contract start on the day; an account not started yet has none.
                let tenureDays = account.tenureDays(asOf: asOf)
                if sources.contains(.tenureMonths), tenureDays >= 0 {
                    inputs.health[i][.tenureMonths] = HealthInput(Double(tenureDays) / Self.daysPerMonth, at: asOf)
                }
            }
            // The term only where an import gave it (the annual default is not data), and only
            // once the contract has started: an account that is not a customer yet has none.
            if sources.contains(.contractTerm) {
                let rows = try Row.fetchCursor(db, sql: "SELECT id, term_months FROM account WHERE term_given = 1")
                while let row = try rows.next() {
                    if let i = index[row[0]], accounts[i].contractStart <= asOf {
                        inputs.health[i][.contractTerm] = HealthInput(Double(row[1] as Int), at: asOf)
                    }
                }
            }

        case .arr:
            // The ARR changes on record over the last year (renewals, expansions, contractions
            // with an amount), against the ARR a year ago. Only for accounts that were
            // customers a year ago, and only when the book records ARR changes at all.
            let start = asOf.adding(days: -Self.arrWindowDays)
            guard try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM account_outcome WHERE arr_change_cents IS NOT NULL AND outcome != 'churned' AND date <= ?)
                """, arguments: [today]) ?? false else { return }
            var change = [Int64](repeating: 0, count: accounts.count)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT account_id, SUM(arr_change_cents) FROM account_outcome
                WHERE arr_change_cents IS NOT NULL AND outcome != 'churned' AND date > ? AND date <= ?
                GROUP BY account_id
                """, arguments: [start.iso, today])
            while let row = try rows.next() {
                if let i = index[row[0]] { change[i] = row[1] }
            }
            for (i, account) in accounts.enumerated() where account.contractStart <= start {
                let before = account.arr.cents - change[i]
                guard before > 0 else { continue }
                inputs.health[i][.arrChange] = HealthInput(Double(change[i]) / Double(before) * 100, at: asOf)
            }

        case .attributes:
            // Each attribute a measure reads, by its name ignoring case: the number when the
            // import read one, else the word.
            for source in part.fills(sources) {
                guard let name = source.attributeName else { continue }
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT account_id, value, number FROM account_attribute WHERE lower(trim(name)) = ?
                    """, arguments: [name])
                while let row = try rows.next() {
                    guard let i = index[row[0]] else { continue }
                    let text: String = row[1]
                    if let number = row[2] as Double? {
                        inputs.health[i][source] = HealthInput(number, at: asOf)
                    } else if !text.isEmpty {
                        inputs.health[i][source] = HealthInput(attribute: text, at: asOf)
                    }
                }
            }
        }
    }

    /// Seat utilisation (4-week mean of active users / seats), key-action trend (last 4
    /// weeks vs the 8 before, in percent) and feature depth (the latest week's share).
    /// A million rows and more: they are tallied here, as they come, account by account
    /// (SQLite's own aggregates cost three times as much), and the account id is read once
    /// per account, not once per row.
    /// A partial week (an export taken before its Sunday) is shown but never scored as a drop.
    private func loadUsage(accounts: [Account], index: [String: Int], into inputs: inout LoadedInputs, db: Database) throws {
        let first = lastWeek.adding(days: -7 * (Self.recentWeeks + Self.baselineWeeks - 1))
        let recentStart = lastWeek.adding(days: -7 * (Self.recentWeeks - 1))
        let previousStart = recentStart.adding(days: -7 * Self.recentWeeks)
        // CROSS JOIN keeps the account as the outer loop, so SQLite seeks each account's
        // weeks by primary key and the rows arrive grouped by account, weeks in order.
        let statement = try db.makeStatement(sql: """
            SELECT a.rowid, a.id, u.week, u.active_users, u.key_actions, u.features_used, u.features_available
            FROM account a CROSS JOIN usage u ON u.account_id = a.id AND u.week BETWEEN ? AND ? AND u.partial = 0
            ORDER BY a.id
            """)
        try statement.setArguments([first.iso, lastWeek.iso])
        struct Tally {
            var i = -1
            var activeSum = 0.0
            var recentActions = 0.0, recentWeeks = 0
            var baselineActions = 0.0, baselineWeeks = 0
            /// The 4 weeks just before the recent ones (for the usage drop and surge alerts).
            var previousActions = 0.0, previousWeeks = 0
            var latestWeek: Day?
            var depth: Double?
        }
        var tally = Tally()
        func flush() {
            defer { tally = Tally() }
            guard tally.i >= 0, let latest = tally.latestWeek else { return }
            let i = tally.i, t = tally
            let measured = latest.adding(days: 6)
            if let seats = accounts[i].seats, seats > 0, t.recentWeeks > 0 {
                inputs.health[i][.seatUtilisation] = HealthInput(t.activeSum / Double(t.recentWeeks) / Double(seats), at: measured)
            }
            if t.recentWeeks >= 2, t.baselineWeeks >= 4, t.baselineActions > 0 {
                let recent = t.recentActions / Double(t.recentWeeks)
                let baseline = t.baselineActions / Double(t.baselineWeeks)
                inputs.health[i][.keyActionTrend] = HealthInput((recent - baseline) / baseline * 100, at: measured)
            }
            if let depth = t.depth { inputs.health[i][.featureDepth] = HealthInput(depth, at: measured) }
            if t.recentWeeks == Self.recentWeeks, t.previousWeeks == Self.recentWeeks {
                inputs.usage[i] = UsageComparison(recent: t.recentActions, previous: t.previousActions)
            }
        }
        // Stepped by hand: at a million rows, GRDB's row decoding is most of the cost.
        let raw = statement.sqliteStatement
        var lastRowID: Int64?
        var skipping = false
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
            }
            let rowID = sqlite3_column_int64(raw, 0)
            if rowID != lastRowID {
                flush()
                lastRowID = rowID
                let id = sqlite3_column_text(raw, 1).map { String(cString: $0) } ?? ""
                if let i = index[id] { tally.i = i; skipping = false } else { skipping = true }
            }
            guard !skipping, let text = sqlite3_column_text(raw, 2),
                  let week = Day(isoBytes: UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(raw, 2)))) else { continue }
            let actions = Double(sqlite3_column_int64(raw, 4))
            if week >= recentStart {
                tally.activeSum += Double(sqlite3_column_int64(raw, 3))
                tally.recentActions += actions
                tally.recentWeeks += 1
            } else {
                tally.baselineActions += actions
                tally.baselineWeeks += 1
                if week >= previousStart {
                    tally.previousActions += actions
                    tally.previousWeeks += 1
                }
            }
            // Weeks come in order: the last row is the latest week.
            tally.latestWeek = week
            let available = sqlite3_column_int64(raw, 6)
            if sqlite3_column_type(raw, 5) != SQLITE_NULL, sqlite3_column_type(raw, 6) != SQLITE_NULL, available > 0 {
                tally.depth = Double(sqlite3_column_int64(raw, 5)) / Double(available)
            } else {
                tally.depth = nil
            }
        }
        flush()
    }
}

/// Finds the index of the account a row is about: rows ordered by account id meet the
/// accounts (also in id order) one after the other, so the next one is checked first.
private struct AccountFinder {
    let accounts: [Account]
    let index: [String: Int]
    var next = 0

    mutating func index(of id: String) -> Int? {
        if next < accounts.count, accounts[next].id == id {
            next += 1
            return next - 1
        }
        guard let i = index[id] else { return nil }
        next = i + 1
        return i
    }
}

/// What the daily run reads for every account, parallel to its accounts: the health
/// inputs, and what only the alert rules need.
struct LoadedInputs {
    var health: [HealthInputs]
    /// Key actions of the last 4 complete weeks against the 4 before (nil without 8 weeks).
    var usage: [UsageComparison?]
    var lastActivity: [Day?]

    init(count: Int) {
        health = [HealthInputs](repeating: HealthInputs(), count: count)
        usage = [UsageComparison?](repeating: nil, count: count)
        lastActivity = [Day?](repeating: nil, count: count)
    }
}

/// The snapshot's reads: what the first connection read (the others wait for it), and each
/// half's inputs, each set once by its own thread, read after all are done.
private final class SnapshotRead<Extra>: @unchecked Sendable {
    private var results: [Result<LoadedInputs, any Error>?]
    private var first: Result<([Account], Extra, [String: Int]), any Error>?
    private let lock = NSCondition()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    /// The first connection's reading, once (a later call changes nothing).
    func publish(_ value: Result<([Account], Extra, [String: Int]), any Error>) {
        lock.withLock {
            if first == nil { first = value }
            lock.broadcast()
        }
    }

    func awaitFirst() throws -> ([Account], Extra, [String: Int]) {
        try lock.withLock {
            while first == nil { lock.wait() }
            return first!
        }.get()
    }

    func set(_ k: Int, _ result: Result<LoadedInputs, any Error>) {
        lock.withLock { results[k] = result }
    }

    func get(_ k: Int) throws -> LoadedInputs {
        try lock.withLock { results[k]! }.get()
    }
}
