import FolioDomain
import GRDB

/// Plans each active account's calendar check-ins a horizon ahead (DESIGN §2.4) and judges
/// the ones whose window has opened: done when a check-in, call, meeting or QBR was logged
/// inside the window, missed once it closed with none. Only the days the run needs are read
/// (check-ins from the re-check day to the horizon, activities in their windows), so a
/// second run of the same day finds everything already decided and changes nothing.
public struct CheckInStep: TickStep {
    public let name = "check-ins"
    public var calendar: CheckInCalendar

    public init(calendar: CheckInCalendar = .standard) {
        self.calendar = calendar
    }

    /// A planned check-in's identity: the account's position in the run, its kind, its day.
    private struct Key: Hashable {
        var account: Int
        var kind: CheckIn.Kind
        var due: Int
    }

    public func run(_ context: inout TickContext) throws {
        let db = context.db, asOf = context.asOf, accounts = context.accounts
        let planFrom = calendar.planFrom(asOf: asOf), planThrough = calendar.planThrough(asOf: asOf)
        let recheckFrom = calendar.recheckFrom(asOf: asOf)
        var index: [String: Int] = [:]
        index.reserveCapacity(accounts.count)
        for (i, a) in accounts.enumerated() { index[a.id] = i }

        // What is stored: in the run's range, and anything older still open (days with no run).
        var planned = Set<Key>()
        var toJudge: [(account: Int, checkIn: CheckIn)] = []
        func consider(_ rows: RecordCursor<CheckIn>) throws {
            while let c = try rows.next() {
                guard let i = index[c.accountID] else { continue } // churned since: left alone
                if c.due >= planFrom { planned.insert(Key(account: i, kind: c.kind, due: c.due.ordinal)) }
                if c.state != .done && c.opens <= asOf { toJudge.append((i, c)) }
            }
        }
        try consider(CheckIn.fetchCursor(db, sql: "SELECT * FROM checkin WHERE due BETWEEN ? AND ?",
                                         arguments: [recheckFrom.iso, planThrough.iso]))
        try consider(CheckIn.fetchCursor(db, sql: "SELECT * FROM checkin INDEXED BY checkin_open WHERE state = 'due' AND due < ?",
                                         arguments: [recheckFrom.iso]))

        // Plan what is not stored yet.
        let insert = try db.makeStatement(sql: """
            INSERT INTO checkin (due, account_id, kind, opens, closes, state) VALUES (?, ?, ?, ?, ?, 'due')
            ON CONFLICT DO NOTHING
            """)
        for (i, account) in accounts.enumerated() {
            for c in calendar.checkIns(for: account, from: planFrom, through: planThrough)
            where !planned.contains(Key(account: i, kind: c.kind, due: c.due.ordinal)) {
                try insert.execute(arguments: [c.due.iso, c.accountID, c.kind.rawValue, c.opens.iso, c.closes.iso])
                context.summary.checkInsPlanned += db.changesCount
                if c.opens <= asOf { toJudge.append((i, c)) }
            }
        }
        guard !toJudge.isEmpty else { return }

        // The qualifying activities in the windows being judged, read in one pass over the
        // accounts that have such a window (a seek each on the account+date index).
        let earliest = toJudge.map(\.checkIn.opens).min()!
        var needed = [Bool](repeating: false, count: accounts.count)
        for (i, _) in toJudge { needed[i] = true }
        var logged: [Int: [CheckInOutcome.Logged]] = [:]
        let types = CheckIn.qualifyingTypes
        let rows = try Row.fetchCursor(db, sql: """
            SELECT a.id, x.id, x.type, x.date FROM account a
            CROSS JOIN activity x ON x.account_id = a.id AND x.date BETWEEN ? AND ? AND x.type IN (\(types.map { _ in "?" }.joined(separator: ", ")))
            WHERE a.status = 'active'
            """, arguments: StatementArguments([earliest.iso, asOf.iso] + types))
        while let row = try rows.next() {
            guard let i = index[row[0] as String], needed[i], let kind = Activity.Kind(rawValue: row[2]),
                  let date = (row[3] as StoredDay?)?.day else { continue }
            logged[i, default: []].append(CheckInOutcome.Logged(id: row[1], kind: kind, date: date))
        }

        let update = try db.makeStatement(sql: """
            UPDATE checkin SET state = ?, activity_id = ? WHERE due = ? AND account_id = ? AND kind = ?
            """)
        for (i, c) in toJudge {
            let judged = CheckInOutcome.judge(c, activities: logged[i] ?? [], asOf: asOf)
            guard judged.state != c.state || judged.activityID != c.activityID else { continue }
            try update.execute(arguments: [judged.state.rawValue, judged.activityID, c.due.iso, c.accountID, c.kind.rawValue])
            if judged.state == .done { context.summary.checkInsDone += 1 }
            if judged.state == .missed && c.state != .missed { context.summary.checkInsMissed += 1 }
        }
    }
}
