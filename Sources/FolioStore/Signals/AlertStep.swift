import FolioDomain
import GRDB

/// The daily run's alerts (DESIGN §2.3): snoozed alerts whose day has come reopen, then
/// every active account's signals go through `AlertRules`; raises, escalations and
/// recoveries are written with their routing, SLA and a trail entry each. Accounts in the
/// control group get shadow alerts, routed to no one, of the kinds held out
/// (`AlertPolicy.holdoutKinds`: health drop, usage drop and surge by default); facts reach people.
public struct AlertStep: TickStep {
    public let name = "alerts"
    public var policy: AlertPolicy
    /// On the very first run, raise the conditions already present instead of only
    /// recording them as the baseline.
    public var raiseExisting: Bool
    /// Who the engine is in the trail.
    public static let actor = "folio"

    public init(policy: AlertPolicy = .standard, raiseExisting: Bool = false) {
        self.policy = policy
        self.raiseExisting = raiseExisting
    }

    public var sources: Set<MeasureSource> {
        [.keyActionTrend, .daysSinceActivity, .openCriticalCases, .sponsorPresent, .daysOverdue]
    }

    public func run(_ context: inout TickContext) throws {
        let db = context.db, asOf = context.asOf
        let now = policy.runInstant(of: asOf)
        var users: [String: User] = [:]
        for user in try User.fetchAll(db) { users[user.login] = user }

        context.summary.alertsReopened += try reopenSnoozed(asOf: asOf, now: now, in: db)
        try closeChurned(now: now, in: db)

        // People may change alerts whenever the run lets them write: the trail says which,
        // and those accounts' open alerts are read again.
        var seen = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM alert_event") ?? 0) + 1
        // Read without holding the lock (the arm levels are the run's alone).
        // Without their recipients: a run changes few of them, and reads those when it does (`routed`).
        let read = try context.withoutLock { () -> ([String: [Alert.Kind: Alert]], [String: [Alert.Kind: Int]]) in
            var open: [String: [Alert.Kind: Alert]] = [:]
            for alert in try Alert.filter(Alert.Columns.state != Alert.State.resolved).fetchAll(db) {
                open[alert.accountID, default: [:]][alert.kind] = alert
            }
            var levels: [String: [Alert.Kind: Int]] = [:]
            let armRows = try Row.fetchCursor(db, sql: "SELECT account_id, kind, level FROM alert_arm")
            while let row = try armRows.next() {
                if let kind = Alert.Kind(rawValue: row[1]) { levels[row[0], default: [:]][kind] = row[2] }
            }
            return (open, levels)
        }
        var open = read.0
        let levels = read.1
        func readAgain() throws {
            for id in try changedByPeople(since: &seen, in: db) {
                open[id] = Dictionary(try Alert.filter(Alert.Columns.accountID == id && Alert.Columns.state != Alert.State.resolved)
                    .fetchAll(db).map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
            }
        }
        func letOthersIn() throws {
            if try context.letOthersIn() { try readAgain() }
        }
        try readAgain()
        let heldOut = try controlGroup(context.accounts, asOf: asOf, in: db, between: letOthersIn)
        let responses = try arrivals(since: context.previousRun ?? asOf.adding(days: -7), asOf: asOf, in: db)
        // Alerts fire on changes. The first run has nothing to compare with: the states it
        // finds (a low score, a quiet account) are recorded as the baseline (the arm levels),
        // not raised, unless asked to. Facts in the data (a sponsor gone, a detractor, an
        // overdue invoice, critical cases) are raised: each is a thing to handle.
        // A first run killed while it wrote left the accounts it had done armed: its re-run
        // still records the baseline for the rest.
        let resumedBaseline = context.resumed == "\(asOf.iso) baseline"
        let baseline = !raiseExisting && context.previousRun == nil && (levels.isEmpty && open.isEmpty || resumedBaseline)
        if baseline && !resumedBaseline { try Settings.set(WriteWindow.pendingDay, to: "\(asOf.iso) baseline", in: db) }

        let setArm = try db.makeStatement(sql: "INSERT OR REPLACE INTO alert_arm (account_id, kind, level) VALUES (?, ?, ?)")
        let clearArm = try db.makeStatement(sql: "DELETE FROM alert_arm WHERE account_id = ? AND kind = ?")
        for (i, account) in context.accounts.enumerated() {
            // Between accounts, people may write.
            try letOthersIn()
            let inputs = context.inputs[i]
            let signals = AccountSignals(
                account: account,
                score: i < context.snapshots.count ? context.snapshots[i].score : nil,
                previousScore: context.previous[account.id]?.score,
                usage: context.usage[i],
                openCriticalCases: inputs[.openCriticalCases].map { Int($0.value) },
                sponsorPresent: inputs[.sponsorPresent].map { $0.value >= 0.5 },
                newResponse: responses[account.id],
                daysOverdue: inputs[.daysOverdue].map { Int($0.value) },
                lastActivity: context.lastActivity[i])
            let known = levels[account.id] ?? [:]
            let openHere = open[account.id] ?? [:]
            let outcome = AlertRules.evaluate(signals, levels: known, open: openHere.mapValues(\.severity), policy: policy, asOf: asOf)
            do {
                for decision in outcome.decisions {
                    if baseline && policy.baselineKinds.contains(decision.kind) {
                        context.summary.alertsBaselined += 1
                        continue
                    }
                    let shadow = policy.holdsOut(decision.kind, inControlGroup: heldOut.contains(account.id))
                    try apply(decision, account: account, index: i, heldOut: shadow, open: openHere, users: users,
                              now: now, context: &context)
                }
            }
            for (kind, level) in outcome.levels where level != (known[kind] ?? 0) {
                if level == 0 {
                    try clearArm.execute(arguments: [account.id, kind.rawValue])
                } else {
                    try setArm.execute(arguments: [account.id, kind.rawValue, level])
                }
            }
        }
        // Snoozes that wait for the account to worsen or the customer to reply, judged after today's alerts.
        context.summary.alertsReopened += try SnoozeWaking.wake(asOf: asOf, now: now, actor: Self.actor, in: db)
        // Who hears of what is asked again as the accounts stand today.
        try AlertRerouting.apply(policy.routing, accounts: context.accounts, users: users, asOf: asOf, now: now, in: db,
                                 between: { [window = context.window] in _ = try window?.letOthersIn() })
    }

    private func apply(_ decision: AlertDecision, account: Account, index: Int, heldOut: Bool, open: [Alert.Kind: Alert],
                       users: [String: User], now: Int64, context: inout TickContext) throws {
        let db = context.db, asOf = context.asOf
        func route(_ kind: Alert.Kind, _ severity: Alert.Severity) -> [String] {
            heldOut ? [] : policy.routing.recipients(kind: kind, severity: severity, account: account, asOf: asOf, users: users)
        }
        switch decision {
        case .raise(let kind, let severity, let reason):
            var alert = Alert(accountID: account.id, kind: kind, severity: severity,
                              reason: try explained(reason, kind: kind, account: account, index: index, context: context),
                              raisedOn: asOf, raisedAt: now, dueBy: policy.dueBy(kind: kind, severity: severity, raisedAt: now),
                              recipients: route(kind, severity), shadow: heldOut)
            try alert.raise(in: db)
            // The new row is what was raised: the trail notes when and by whom.
            try AlertEvents.record("raise", alert: alert.id!, actor: Self.actor, at: now, before: nil, after: nil, in: db)
            if heldOut { context.summary.shadowAlerts += 1 } else { context.summary.alertsRaised += 1 }

        case .escalate(let kind, let severity, let reason):
            guard let before = try open[kind].map({ try $0.routed(in: db) }) else { return }
            let alert = before.escalated(to: severity, reason: try explained(reason, kind: kind, account: account, index: index, context: context),
                                         routedTo: route(kind, severity), dueBy: policy.dueBy(kind: kind, severity: severity, raisedAt: now))
            try alert.save(from: before, in: db)
            try AlertEvents.record("escalate", alert: alert.id!, actor: Self.actor, at: now, before: before, after: alert, in: db)
            if !heldOut { context.summary.alertsEscalated += 1 }

        case .ease(let kind, let severity, _):
            guard let before = try open[kind].map({ try $0.routed(in: db) }) else { return }
            let alert = before.eased(to: severity)
            try alert.save(from: before, in: db)
            try AlertEvents.record("ease", alert: alert.id!, actor: Self.actor, at: now, before: before, after: alert, in: db)

        case .recover(let kind, let reason):
            guard let before = try open[kind].map({ try $0.routed(in: db) }),
                  case .success(let alert) = before.resolved(outcome: .recovered, note: reason, by: Self.actor, at: now) else {
                return
            }
            try alert.save(from: before, in: db)
            try AlertEvents.record("recover", alert: alert.id!, actor: Self.actor, at: now, before: before, after: alert, in: db)
            if !heldOut { context.summary.alertsRecovered += 1 }
        }
    }

    /// The accounts whose alerts someone other than the run changed since `seen` (the trail's
    /// next id), which moves on past what was read.
    private func changedByPeople(since seen: inout Int64, in db: Database) throws -> Set<String> {
        var out = Set<String>()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT e.id, e.actor, a.account_id FROM alert_event e JOIN alert a ON a.id = e.alert_id WHERE e.id >= ?
            """, arguments: [seen])
        while let row = try rows.next() {
            seen = max(seen, (row[0] as Int64) + 1)
            if (row[1] as String) != Self.actor { out.insert(row[2]) }
        }
        return out
    }

    /// A health drop names the measure that moved the score most since the previous run:
    /// "score 72 → 58, below 60 (orange), driven by seat utilisation 0.81 → 0.47".
    private func explained(_ reason: String, kind: Alert.Kind, account: Account, index: Int, context: TickContext) throws -> String {
        guard kind == .healthDrop, index < context.snapshots.count else { return reason }
        let snapshot = context.snapshots[index]
        let measures = context.profile.measures(for: account.tier)
        let byName = Dictionary(measures.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let format = { (name: String, raw: Double?) in raw.map { byName[name]?.source.format($0) ?? String($0) } ?? "no data" }
        // A cap explains the score better than any measure's points.
        if let score = snapshot.score, score < snapshot.measures.reduce(0, { $0 + $1.points }) - 0.01,
           let capping = snapshot.measures.first(where: { r in r.raw.flatMap { byName[r.name]?.cap(raw: $0) } != nil }) {
            return "\(reason), capped by \(capping.name) at \(format(capping.name, capping.raw))"
        }
        guard let previous = try context.history.snapshot(of: account.id, onOrBefore: context.asOf.adding(days: -1)),
              let driver = HealthExplainer.changes(from: previous, to: snapshot).first(where: { $0.pointsDelta < 0 }) else {
            return reason
        }
        return "\(reason), driven by \(driver.name) \(format(driver.name, driver.rawBefore)) → \(format(driver.name, driver.rawAfter))"
    }

    /// The accounts held out: as recorded, and for accounts seen for the first time,
    /// decided now by the policy's share and recorded.
    private func controlGroup(_ accounts: [Account], asOf: Day, in db: Database, between: () throws -> Void) throws -> Set<String> {
        var known: [String: Bool] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT account_id, held_out FROM control_group")
        while let row = try rows.next() { known[row[0]] = row[1] }
        let insert = try db.makeStatement(sql: "INSERT INTO control_group (account_id, held_out, since) VALUES (?, ?, ?)")
        var out = Set<String>()
        for account in accounts {
            let held: Bool
            if let decided = known[account.id] {
                held = decided
            } else {
                held = policy.isHeldOut(account.id)
                try insert.execute(arguments: [account.id, held, asOf.iso])
                try between()
            }
            if held { out.insert(account.id) }
        }
        return out
    }

    /// Snoozes whose day has come: back to open, each with a trail entry.
    private func reopenSnoozed(asOf: Day, now: Int64, in db: Database) throws -> Int {
        let waking = try Alert.filter(Alert.Columns.state == Alert.State.snoozed && Alert.Columns.snoozedUntil <= asOf).fetchAll(db)
            .withRecipients(in: db)
        for before in waking {
            guard case .success(let alert) = before.reopened(asOf: asOf) else { continue }
            try alert.save(from: before, in: db)
            try AlertEvents.record("reopen", alert: alert.id!, actor: Self.actor, at: now, before: before, after: alert, in: db)
        }
        return waking.filter { !$0.shadow }.count
    }

    /// Open alerts of accounts that have left the book are resolved as churned.
    private func closeChurned(now: Int64, in db: Database) throws {
        let churned = Account.select(Account.Columns.id).filter(Account.Columns.status == Account.Status.churned)
        let gone = try Alert.filter(Alert.Columns.state != Alert.State.resolved && churned.contains(Alert.Columns.accountID)).fetchAll(db)
            .withRecipients(in: db)
        for before in gone {
            guard case .success(let alert) = before.resolved(outcome: .churned, note: nil, by: Self.actor, at: now) else { continue }
            try alert.save(from: before, in: db)
            try AlertEvents.record("churned", alert: alert.id!, actor: Self.actor, at: now, before: before, after: alert, in: db)
        }
    }

    /// The lowest NPS response per account that arrived after `since`, up to the day.
    private func arrivals(since: Day, asOf: Day, in db: Database) throws -> [String: NPSArrival] {
        var out: [String: NPSArrival] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.account_id, c.name, n.score, n.date, n.comment FROM nps_response n JOIN contact c ON c.id = n.contact_id
            WHERE n.date > ? AND n.date <= ? AND n.score <= ?
            ORDER BY c.account_id, n.score, n.date
            """, arguments: [since.iso, asOf.iso, policy.detractorMax])
        while let row = try rows.next() {
            let account: String = row[0]
            guard out[account] == nil, let date = (row[3] as StoredDay?)?.day else { continue }
            out[account] = NPSArrival(score: row[2], date: date, contactName: row[1], comment: row[4])
        }
        return out
    }
}
