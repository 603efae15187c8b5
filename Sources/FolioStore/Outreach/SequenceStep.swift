import FolioDomain
import GRDB

/// The daily run's sequences: active ones stop when a stop condition holds (a reply, a
/// meeting, recovery out of the band that started them, opt-out, a contact gone, churn),
/// move on to their next step once the previous one was sent, complete after the last;
/// then alerts raised lately that an email can answer enrol their account — one sequence
/// per account at a time, one per alert ever. Control-group alerts start nothing.
public struct SequenceStep: TickStep {
    public let name = "sequences"
    public var planner: SequencePlanner
    /// How far back an alert may have been raised and still start a sequence (days).
    public var lookbackDays = 7
    /// For the run's hour, as the alerts step has it.
    public var policy: AlertPolicy

    public init(library: SequenceLibrary, policy: AlertPolicy = .standard) {
        planner = SequencePlanner(library: library)
        self.policy = policy
    }

    public func run(_ context: inout TickContext) throws {
        let db = context.db, asOf = context.asOf
        let now = policy.runInstant(of: asOf)
        let actor = AlertStep.actor
        let bands = context.profile.bands.bands.map(\.name)
        var accounts: [String: Account] = [:]
        for a in context.accounts { accounts[a.id] = a }
        var todaysBand: [String: String] = [:]
        var todays: [String: HealthSnapshot] = [:]
        for s in context.snapshots {
            if let band = s.band { todaysBand[s.accountID] = band }
            if !s.measures.isEmpty { todays[s.accountID] = s }
        }

        // 1. Active sequences: stop, move on, or complete (what they need read in a few queries, not a few per sequence).
        // Read without holding the lock; once people could write, what was read may have moved:
        // each is looked at again.
        let active = try context.withoutLock { try ActiveSequences.load(in: db) }
        var stale = context.window != nil
        for enrolment in active.enrolments {
            if try context.letOthersIn() { stale = true }
            if stale, let id = enrolment.id,
               try String.fetchOne(db, sql: "SELECT state FROM sequence_enrolment WHERE id = ?", arguments: [id]) != "active" { continue }
            guard let account = try accounts[enrolment.accountID]
                ?? Account.find(id: enrolment.accountID, in: db) else { continue }
            if let why = stopCondition(for: enrolment, account: account, band: todaysBand[account.id], bands: bands, known: active) {
                try SequenceStops.stop(enrolment, why, by: actor, at: now, in: db)
                context.summary.sequencesStopped += 1
                continue
            }
            try advance(enrolment, last: enrolment.id.flatMap { active.lastMessage[$0] }, account: account, asOf: asOf, now: now,
                        context: &context)
        }

        // 2. New alerts an email can answer (the kinds only people answer are never read: they
        // stay unenrolled, and would be looked at again every run of the lookback).
        let kinds = Alert.Kind.allCases.filter(OutreachSignal.mayAnswer).map(\.rawValue)
        let candidates = try context.withoutLock { try Alert.fetchAll(db, sql: """
            SELECT al.* FROM alert al JOIN account a ON a.id = al.account_id
            WHERE al.shadow = 0 AND al.state IN ('open', 'acknowledged') AND al.raised_on >= ? AND al.raised_on <= ?
              AND al.kind IN (\(databaseQuestionMarks(count: kinds.count)))
              AND a.status = 'active' AND a.email_opt_out = 0
              AND NOT EXISTS (SELECT 1 FROM sequence_enrolment e WHERE e.alert_id = al.id)
              AND NOT EXISTS (SELECT 1 FROM sequence_enrolment e WHERE e.account_id = al.account_id AND e.state = 'active')
            ORDER BY CASE al.severity WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'amber' THEN 2 ELSE 3 END, al.raised_at, al.id
            """, arguments: StatementArguments([asOf.adding(days: -lookbackDays).iso, asOf.iso] + kinds)) }
        var enrolled = Set<String>()
        var users: [String: User] = [:]
        if !candidates.isEmpty { for u in try User.fetchAll(db) { users[u.login] = u } }
        for alert in candidates where !enrolled.contains(alert.accountID) {
            if try context.letOthersIn() { stale = true }
            if stale, let id = alert.id, try !stillUnanswered(id, in: db) { continue }
            guard let account = accounts[alert.accountID],
                  var situation = try SequencePlanner.situation(of: account, alertKind: alert.kind, asOf: asOf, owner: users[account.owner],
                                                                snapshot: todays[account.id], in: db),
                  let sequence = planner.suggestion(for: alert.kind, facts: situation.facts) else { continue }
            situation.band = todaysBand[account.id] ?? situation.band
            let started = try planner.enrol(situation, in: sequence, alert: alert, by: actor, asOf: asOf, now: now, in: db)
            enrolled.insert(alert.accountID)
            if started.enrolment.state == .skipped { context.summary.sequencesSkipped += 1 } else { context.summary.sequencesStarted += 1 }
            if started.message != nil { context.summary.emailsPlanned += 1 }
        }
    }

    /// Whether the alert may still start a sequence: open or acknowledged, its account active
    /// and reachable, neither it nor its account in a sequence (someone may have started one
    /// while the run let people write).
    func stillUnanswered(_ alertID: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM alert al JOIN account a ON a.id = al.account_id
            WHERE al.id = ? AND al.state IN ('open', 'acknowledged') AND a.status = 'active' AND a.email_opt_out = 0
              AND NOT EXISTS (SELECT 1 FROM sequence_enrolment e WHERE e.alert_id = al.id)
              AND NOT EXISTS (SELECT 1 FROM sequence_enrolment e WHERE e.account_id = al.account_id AND e.state = 'active'))
            """, arguments: [alertID]) ?? false
    }

    /// Why this sequence must end now, if it must.
    func stopCondition(for e: SequenceEnrolment, account: Account, band: String?, bands: [String], known: ActiveSequences) -> SequenceStop? {
        if let why = SequenceStop.unreachable(account, contact: e.contactID.flatMap { known.contacts[$0] }) { return why }
        if let id = e.id, let why = known.endings[id] { return why }
        // Better than the band it started in (bands are worst first), or the alert cleared by itself.
        if let start = e.triggerBand, let band, let from = bands.firstIndex(of: start), let to = bands.firstIndex(of: band), to > from {
            return .recovered("\(start) → \(band)")
        }
        if let alertID = e.alertID, let alert = known.alerts[alertID],
           alert.state == .resolved, alert.outcome == .recovered, alert.resolvedBy == AlertStep.actor {
            return .recovered("the \(alert.kind.title) alert cleared")
        }
        return nil
    }

    /// The next step once the previous one was sent; completion after the last.
    func advance(_ e: SequenceEnrolment, last: OutboxMessage?, account: Account, asOf: Day, now: Int64, context: inout TickContext) throws {
        let db = context.db
        guard let id = e.id, let sequence = planner.library.catalog[e.sequence], let last else { return }
        switch last.state {
        case .failed:
            try SequenceStops.stop(e, .person(login: AlertStep.actor, reason: "email \(last.id ?? 0) could not be delivered"),
                                   by: AlertStep.actor, at: now, in: db)
            context.summary.sequencesStopped += 1
        case .sent:
            guard last.step < sequence.steps.count else {
                try db.execute(sql: "UPDATE sequence_enrolment SET state = 'completed' WHERE id = ?", arguments: [id])
                context.summary.sequencesCompleted += 1
                return
            }
            guard let contactID = e.contactID,
                  let contact = try Contact.find(id: contactID, in: db),
                  let situation = try SequencePlanner.situation(of: account, alertKind: try alertKind(of: e, in: db), asOf: asOf, in: db)
            else { return }
            let delay = Int64(sequence.steps[last.step].delayDays) * 86_400
            let earliest = max(now, (last.sentAt ?? now) + delay)
            if try planner.writeStep(last.step, of: sequence, enrolment: e, situation: situation, contact: contact, earliest: earliest,
                                     asOf: asOf, now: now, in: db) != nil {
                context.summary.emailsPlanned += 1
            }
        default:
            return
        }
    }

    func alertKind(of e: SequenceEnrolment, in db: Database) throws -> Alert.Kind {
        guard let id = e.alertID, let kind = try Alert.select(Alert.Columns.kind, as: Alert.Kind.self).filter(Alert.Columns.id == id).fetchOne(db) else {
            return planner.library.catalog.signal(of: e.sequence) == .usageSurge ? .usageSurge : .healthDrop
        }
        return kind
    }
}

/// What the run's stop checks read of the active sequences, in one query each: their
/// contacts, the first reply or meeting after each started, their alerts, their last email.
struct ActiveSequences {
    var enrolments: [SequenceEnrolment] = []
    var contacts: [String: Contact] = [:]
    var endings: [Int64: SequenceStop] = [:]
    var alerts: [Int64: Alert] = [:]
    var lastMessage: [Int64: OutboxMessage] = [:]

    static func load(in db: Database) throws -> ActiveSequences {
        var out = ActiveSequences()
        let active = SequenceEnrolment.filter(SequenceEnrolment.Columns.state == SequenceEnrolment.State.active)
        out.enrolments = try active.order(SequenceEnrolment.Columns.id).fetchAll(db)
        guard !out.enrolments.isEmpty else { return out }
        for c in try Contact.filter(active.select(SequenceEnrolment.Columns.contactID).contains(Contact.Columns.id)).fetchAll(db) {
            out.contacts[c.id] = c
        }
        // Their states only (did the run resolve one as recovered?): the recipients are not read.
        for a in try Alert.filter(active.select(SequenceEnrolment.Columns.alertID).contains(Alert.Columns.id)).fetchAll(db) {
            if let id = a.id { out.alerts[id] = a }
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.id AS enrolment_id, e.started_on AS enrolment_start, act.* FROM sequence_enrolment e
            JOIN activity act ON act.account_id = e.account_id AND act.date > e.started_on
            WHERE e.state = 'active' AND ((act.direction = 'inbound' AND act.type != 'note') OR act.type IN ('meeting', 'qbr'))
            ORDER BY e.id, act.date, act.id
            """)
        for row in rows {
            let id: Int64 = row["enrolment_id"]
            guard out.endings[id] == nil, let start = row.day("enrolment_start") else { continue }
            if let why = SequenceStop.ending(try Activity(row: row), after: start) { out.endings[id] = why }
        }
        for m in try OutboxMessage.fetchAll(db, sql: """
            SELECT m.* FROM outbox_message m JOIN (
                SELECT enrolment_id, MAX(step) AS step FROM outbox_message
                WHERE enrolment_id IN (SELECT id FROM sequence_enrolment WHERE state = 'active') GROUP BY enrolment_id
            ) last ON last.enrolment_id = m.enrolment_id AND last.step = m.step
            """) {
            if let e = m.enrolmentID { out.lastMessage[e] = m }
        }
        return out
    }
}
