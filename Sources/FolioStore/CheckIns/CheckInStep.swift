import FolioDomain
import GRDB

/// Plans each active account's calendar check-ins a horizon ahead (DESIGN §2.4) and judges
/// the ones whose window has opened: done when a check-in, call, meeting or QBR was logged
/// inside the window, missed once it closed with none.
///
/// Only the days the run needs are read: stored check-ins from the re-check day to the
/// horizon, and the qualifying activities of the accounts whose windows are open. New
/// check-ins are written a batch per kind and day (every account's QBR preparation is one
/// statement). A second run of the same day finds everything already decided and changes
/// nothing.
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
        var index: [String: Int] = [:]
        index.reserveCapacity(accounts.count)
        for (i, a) in accounts.enumerated() { index[a.id] = i }

        // What is stored: in the run's range, and anything older still open (days with no run).
        var planned = Set<Key>()
        var toJudge: [(account: Int, checkIn: CheckIn)] = []
        func read(_ sql: String, _ arguments: StatementArguments) throws {
            var rows = try RawRows(db, sql: "SELECT due, account_id, kind, state, opens, closes, activity_id FROM checkin " + sql,
                                   arguments: arguments)
            while try rows.next() {
                // Accounts that left (churned) are not in the run: their check-ins are left alone.
                guard let id = rows.text(1), let i = index[id], let due = rows.day(0),
                      let kind = rows.text(2).flatMap(CheckIn.Kind.init(rawValue:)),
                      let state = rows.text(3).flatMap(CheckIn.State.init(rawValue:)),
                      let opens = rows.day(4), let closes = rows.day(5) else { continue }
                if due >= planFrom { planned.insert(Key(account: i, kind: kind, due: due.ordinal)) }
                if state != .done && opens <= asOf {
                    toJudge.append((i, CheckIn(accountID: id, kind: kind, due: due, opens: opens, closes: closes, state: state,
                                               activityID: rows.text(6))))
                }
            }
        }
        let recheckFrom = calendar.recheckFrom(asOf: asOf)
        try read("WHERE due BETWEEN ? AND ?", [recheckFrom.iso, planThrough.iso])
        try read("INDEXED BY checkin_open WHERE state = 'due' AND due < ?", [recheckFrom.iso])

        // Plan what is not stored yet, one statement per kind and due day.
        var batches: [CheckIn: [String]] = [:]
        for (i, account) in accounts.enumerated() {
            // Nothing is written yet: people may write while the run plans (what it inserts
            // is new rows only; a check-in is judged only in the state it was read).
            try context.letOthersIn()
            for c in calendar.checkIns(for: account, from: planFrom, through: planThrough)
            where !planned.contains(Key(account: i, kind: c.kind, due: c.due.ordinal)) {
                var shape = c
                shape.accountID = ""
                batches[shape, default: []].append(account.id)
                if c.opens <= asOf { toJudge.append((i, c)) }
            }
        }
        let insert = try db.makeStatement(sql: """
            INSERT INTO checkin (due, account_id, kind, opens, closes, state)
            SELECT ?, value, ?, ?, ?, 'due' FROM json_each(?) WHERE true
            ON CONFLICT DO NOTHING
            """)
        for (shape, ids) in batches.sorted(by: { ($0.key.due, $0.key.kind.rawValue) < ($1.key.due, $1.key.kind.rawValue) }) {
            try insert.execute(arguments: [shape.due.iso, shape.kind.rawValue, shape.opens.iso, shape.closes.iso, JSONBatch.strings(ids)])
            context.summary.checkInsPlanned += db.changesCount
            try context.letOthersIn()
        }
        guard !toJudge.isEmpty else { return }

        // The qualifying activities dated inside the windows being judged: one statement over
        // the accounts concerned, a seek each on the account+date index. An account whose
        // latest activity of any kind (read for scoring, when the profile measures it) came
        // before its earliest open window has nothing to read.
        var opensFrom = [Day?](repeating: nil, count: accounts.count)
        for (i, c) in toJudge { opensFrom[i] = min(opensFrom[i] ?? c.opens, c.opens) }
        let inputs = context.inputs.count == accounts.count ? context.inputs : []
        var ids: [String] = []
        var earliest = asOf
        for (i, opens) in opensFrom.enumerated() {
            guard let opens else { continue }
            if !inputs.isEmpty, let days = inputs[i][.daysSinceActivity]?.value, asOf.adding(days: -Int(days)) < opens { continue }
            ids.append(accounts[i].id)
            earliest = min(earliest, opens)
        }
        var logged: [Int: [CheckInOutcome.Logged]] = [:]
        let types = CheckIn.qualifyingTypes
        var rows = try RawRows(db, sql: """
            SELECT x.account_id, x.id, x.type, x.date FROM json_each(?) j
            CROSS JOIN activity x ON x.account_id = j.value AND x.date BETWEEN ? AND ?
            WHERE x.type IN (\(types.map { _ in "?" }.joined(separator: ", ")))
            """, arguments: StatementArguments([JSONBatch.strings(ids), earliest.iso, asOf.iso] + types))
        while try rows.next() {
            guard let account = rows.text(0), let i = index[account], let id = rows.text(1),
                  let kind = rows.text(2).flatMap(Activity.Kind.init(rawValue:)), let date = rows.day(3) else { continue }
            logged[i, default: []].append(CheckInOutcome.Logged(id: id, kind: kind, date: date))
        }

        let update = try db.makeStatement(sql: """
            UPDATE checkin SET state = ?, activity_id = ? WHERE due = ? AND account_id = ? AND kind = ? AND state = ?
            """)
        for (i, c) in toJudge {
            try context.letOthersIn()
            let judged = CheckInOutcome.judge(c, activities: logged[i] ?? [], asOf: asOf)
            guard judged.state != c.state || judged.activityID != c.activityID else { continue }
            // Only as the run read it: a check-in a person cleared meanwhile stays theirs.
            try update.execute(arguments: [judged.state.rawValue, judged.activityID, c.due.iso, c.accountID, c.kind.rawValue,
                                           c.state.rawValue])
            guard db.changesCount > 0 else { continue }
            if judged.state == .done { context.summary.checkInsDone += 1 }
            if judged.state == .missed && c.state != .missed { context.summary.checkInsMissed += 1 }
        }
    }
}
