import FolioDomain
import GRDB

/// Reads what the health profile measures, for every active account, as of a day: one
/// query per kind of input, each reading only the rows the day needs (12 weeks of usage,
/// 90 days of cases…), grouped by account in memory.
struct HealthInputLoader {
    let asOf: Day
    let sources: Set<MeasureSource>

    /// Weeks of usage the trend compares: the last 4 complete weeks against the 8 before.
    static let recentWeeks = 4
    static let baselineWeeks = 8

    /// The Monday of the last complete week on `asOf` (a week counts once its Sunday is past).
    var lastWeek: Day { asOf.adding(days: -7).weekStart }

    func load(accounts: [Account], in db: Database) throws -> [HealthInputs] {
        var index: [String: Int] = [:]
        index.reserveCapacity(accounts.count)
        for (i, a) in accounts.enumerated() { index[a.id] = i }
        var inputs = [HealthInputs](repeating: HealthInputs(), count: accounts.count)
        let today = asOf.iso

        if !sources.isDisjoint(with: [.seatUtilisation, .keyActionTrend, .featureDepth]) {
            try loadUsage(accounts: accounts, index: index, into: &inputs, db: db)
        }

        if sources.contains(.daysSinceActivity) || sources.contains(.daysSinceMeeting) {
            var last = [Day?](repeating: nil, count: accounts.count)
            var meeting = [Day?](repeating: nil, count: accounts.count)
            let rows = try Row.fetchCursor(db, sql: "SELECT account_id, MAX(date) FROM activity WHERE date <= ? GROUP BY account_id", arguments: [today])
            while let row = try rows.next() {
                if let i = index[row[0]] { last[i] = Day(iso: row[1] as String) }
            }
            let meetings = try Row.fetchCursor(db, sql: "SELECT account_id, MAX(date) FROM activity WHERE date <= ? AND type IN ('meeting', 'qbr') GROUP BY account_id", arguments: [today])
            while let row = try meetings.next() {
                if let i = index[row[0]] { meeting[i] = Day(iso: row[1] as String) }
            }
            for (i, account) in accounts.enumerated() {
                // Never any activity: as long as the customer has been with us.
                let since = { (day: Day?) in Double((day ?? min(account.contractStart, asOf)).days(until: asOf)) }
                if sources.contains(.daysSinceActivity) { inputs[i][.daysSinceActivity] = HealthInput(since(last[i]), at: asOf) }
                if sources.contains(.daysSinceMeeting) { inputs[i][.daysSinceMeeting] = HealthInput(since(meeting[i]), at: asOf) }
            }
        }

        if sources.contains(.sponsorPresent) {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT account_id, MAX(left_company = 0) FROM contact
                WHERE ';' || roles || ';' LIKE '%;sponsor;%' GROUP BY account_id
                """)
            while let row = try rows.next() {
                if let i = index[row[0]] { inputs[i][.sponsorPresent] = HealthInput(row[1] as Bool ? 1 : 0, at: asOf) }
            }
        }

        if sources.contains(.npsMean) {
            // The latest response of each contact, averaged over the account's contacts.
            var sums = [(total: Double, count: Int, latest: Day?)](repeating: (0, 0, nil), count: accounts.count)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.account_id, n.date, n.score FROM nps_response n JOIN contact c ON c.id = n.contact_id
                WHERE n.date = (SELECT MAX(date) FROM nps_response m WHERE m.contact_id = n.contact_id AND m.date <= ?)
                """, arguments: [today])
            while let row = try rows.next() {
                guard let i = index[row[0]], let date = Day(iso: row[1] as String) else { continue }
                sums[i].total += Double(row[2] as Int)
                sums[i].count += 1
                sums[i].latest = max(sums[i].latest ?? date, date)
            }
            for i in sums.indices where sums[i].count > 0 {
                inputs[i][.npsMean] = HealthInput(sums[i].total / Double(sums[i].count), at: sums[i].latest!)
            }
        }

        if sources.contains(.openCriticalCases) || sources.contains(.severeCases90d) {
            var critical = [Int](repeating: 0, count: accounts.count)
            var severe = [Int](repeating: 0, count: accounts.count)
            let windowStart = asOf.adding(days: -90)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT account_id, priority, opened, closed FROM support_case
                WHERE opened <= ? AND (opened > ? OR (priority = 'critical' AND (closed IS NULL OR closed > ?)))
                """, arguments: [today, windowStart.iso, today])
            while let row = try rows.next() {
                guard let i = index[row[0]], let opened = Day(iso: row[2] as String) else { continue }
                let priority: String = row[1]
                let closed = (row[3] as String?).flatMap { Day(iso: $0) }
                if priority == "critical" && (closed.map { $0 > asOf } ?? true) { critical[i] += 1 }
                if (priority == "critical" || priority == "high") && opened > windowStart { severe[i] += 1 }
            }
            for i in accounts.indices {
                if sources.contains(.openCriticalCases) { inputs[i][.openCriticalCases] = HealthInput(Double(critical[i]), at: asOf) }
                if sources.contains(.severeCases90d) { inputs[i][.severeCases90d] = HealthInput(Double(severe[i]), at: asOf) }
            }
        }

        if sources.contains(.daysOverdue) {
            // Rows come in (account, day) order: the last one seen per account is the latest.
            let rows = try Row.fetchCursor(db, sql: "SELECT account_id, as_of, days_overdue FROM payment_status WHERE as_of <= ? ORDER BY account_id, as_of", arguments: [today])
            while let row = try rows.next() {
                guard let i = index[row[0]], let day = Day(iso: row[1] as String) else { continue }
                inputs[i][.daysOverdue] = HealthInput(Double(row[2] as Int), at: day)
            }
        }

        if sources.contains(.daysToRenewal) {
            for (i, account) in accounts.enumerated() {
                inputs[i][.daysToRenewal] = HealthInput(Double(account.daysToRenewal(asOf: asOf)), at: asOf)
            }
        }
        return inputs
    }

    /// Seat utilisation (4-week mean of active users / seats), key-action trend (last 4
    /// weeks vs the 8 before, in percent) and feature depth (the latest week's share).
    private func loadUsage(accounts: [Account], index: [String: Int], into inputs: inout [HealthInputs], db: Database) throws {
        let first = lastWeek.adding(days: -7 * (Self.recentWeeks + Self.baselineWeeks - 1))
        let recentStart = lastWeek.adding(days: -7 * (Self.recentWeeks - 1))
        // Joined from the account side so SQLite seeks each account's weeks by primary key.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT u.account_id, u.week, u.active_users, u.key_actions, u.features_used, u.features_available
            FROM account a JOIN usage u ON u.account_id = a.id AND u.week BETWEEN ? AND ?
            WHERE a.status = 'active'
            """, arguments: [first.iso, lastWeek.iso])
        struct Tally {
            var activeSum = 0.0, activeWeeks = 0
            var recentActions = 0.0, recentWeeks = 0
            var baselineActions = 0.0, baselineWeeks = 0
            var latestWeek: Day?
            var depth: (week: Day, value: Double)?
        }
        var tallies = [Tally](repeating: Tally(), count: accounts.count)
        while let row = try rows.next() {
            guard let i = index[row[0]], let week = Day(iso: row[1] as String) else { continue }
            let actions = Double(row[3] as Int)
            if week >= recentStart {
                tallies[i].activeSum += Double(row[2] as Int)
                tallies[i].activeWeeks += 1
                tallies[i].recentActions += actions
                tallies[i].recentWeeks += 1
            } else {
                tallies[i].baselineActions += actions
                tallies[i].baselineWeeks += 1
            }
            if tallies[i].latestWeek.map({ week > $0 }) ?? true { tallies[i].latestWeek = week }
            if let used = row[4] as Int?, let available = row[5] as Int?, available > 0,
               tallies[i].depth.map({ week > $0.week }) ?? true {
                tallies[i].depth = (week, Double(used) / Double(available))
            }
        }
        for (i, account) in accounts.enumerated() {
            let t = tallies[i]
            guard let latest = t.latestWeek else { continue }
            let measured = latest.adding(days: 6)
            if let seats = account.seats, seats > 0, t.activeWeeks > 0 {
                inputs[i][.seatUtilisation] = HealthInput(t.activeSum / Double(t.activeWeeks) / Double(seats), at: measured)
            }
            if t.recentWeeks >= 2, t.baselineWeeks >= 4, t.baselineActions > 0 {
                let recent = t.recentActions / Double(t.recentWeeks)
                let baseline = t.baselineActions / Double(t.baselineWeeks)
                inputs[i][.keyActionTrend] = HealthInput((recent - baseline) / baseline * 100, at: measured)
            }
            if let depth = t.depth {
                inputs[i][.featureDepth] = HealthInput(depth.value, at: depth.week.adding(days: 6))
            }
        }
    }
}
