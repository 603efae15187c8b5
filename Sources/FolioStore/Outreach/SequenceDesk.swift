import FolioDomain
import GRDB

/// Why a person's sequence or outbox action did not happen, in words for them.
public enum OutreachFailure: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case notAllowed(String)
    case conflict(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .notFound(let s), .notAllowed(let s), .conflict(let s), .invalid(let s): return s
        }
    }
}

/// Starting, previewing and stopping recovery sequences by hand (`folio recover`, the
/// interface's `r`): the suggested sequence comes from the account's worst open alert; a
/// start is checked (who may, one sequence at a time) and written with its audit entry in
/// one transaction.
public struct SequenceDesk: Sendable {
    public let planner: SequencePlanner

    public init(library: SequenceLibrary) { planner = SequencePlanner(library: library) }

    public var library: SequenceLibrary { planner.library }

    /// What the desk knows of an account: the sequence its alerts suggest and the one running.
    public struct Situation: Sendable {
        public var account: Account
        /// The worst open alert an email can answer, and the sequence it suggests.
        public var alert: Alert?
        public var suggested: RecoverySequence?
        public var active: SequenceEnrolment?
        /// Every sequence, the suggested one first.
        public var choices: [RecoverySequence]
    }

    public func situation(of account: Account, asOf: Day, in db: Database) throws -> Situation {
        let alerts = try Alert.fetchAll(db, sql: """
            SELECT * FROM alert WHERE account_id = ? AND shadow = 0 AND state != 'resolved'
            ORDER BY CASE severity WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'amber' THEN 2 ELSE 3 END, raised_at DESC
            """, arguments: [account.id]).withRecipients(in: db)
        var found: (Alert, RecoverySequence)?
        for alert in alerts {
            guard let s = try SequencePlanner.situation(of: account, alertKind: alert.kind, asOf: asOf, in: db),
                  let sequence = planner.suggestion(for: alert.kind, facts: s.facts) else { continue }
            found = (alert, sequence)
            break
        }
        let active = try SequenceEnrolment.active(on: account.id, in: db)
        var choices = library.catalog.sequences
        if let suggested = found?.1, let i = choices.firstIndex(of: suggested) { choices.insert(choices.remove(at: i), at: 0) }
        return Situation(account: account, alert: found?.0, suggested: found?.1, active: active, choices: choices)
    }

    func pick(_ name: String?, for situation: Situation) throws(OutreachFailure) -> RecoverySequence {
        if let name {
            guard let s = library.catalog[name] else {
                throw .invalid("no sequence \"\(name)\"; the sequences are \(library.catalog.sequences.map(\.name).joined(separator: ", "))")
            }
            return s
        }
        guard let s = situation.suggested else {
            throw .invalid("no open alert on \(situation.account.id) suggests a sequence; name one with --sequence (\(library.catalog.sequences.map(\.name).joined(separator: ", ")))")
        }
        return s
    }

    /// Every step of a sequence as the customer would get it; nothing is written.
    public func preview(_ account: Account, sequence name: String?, contact: String? = nil, asOf: Day, now: Int64,
                        in db: Database) throws -> SequencePlanner.Preview {
        let desk = try situation(of: account, asOf: asOf, in: db)
        let sequence = try pick(name, for: desk)
        guard let s = try SequencePlanner.situation(of: account, alertKind: desk.alert?.kind ?? .healthDrop, asOf: asOf, in: db) else {
            throw OutreachFailure.notFound("the owner of \(account.id) is not a user")
        }
        guard let person = SequenceCatalog.recipient(of: sequence, among: s.contacts, account: account, preferring: contact ?? s.respondent) else {
            return .init(situation: desk, sequence: sequence, account: account, contact: nil,
                         noRecipient: SequenceCatalog.whyNoRecipient(of: sequence, among: s.contacts, account: account), steps: [])
        }
        var steps: [SequencePlanner.PreviewStep] = []
        var when = max(now, desk.alert.map { planner.settings.earliestFirstSend(alertRaisedAt: $0.raisedAt) } ?? now)
        for (i, step) in sequence.steps.enumerated() {
            if i > 0 { when += Int64(step.delayDays) * 86_400 }
            when = try planner.sendTime(atOrAfter: when, account: account, contactID: person.id, in: db)
            guard let (subject, body) = planner.compose(sequence, step: i, situation: s, contact: person, asOf: asOf) else { continue }
            steps.append(.init(step: i + 1, delayDays: step.delayDays, to: person.email, toName: person.name, from: s.csm.email,
                               fromName: s.csm.name, subject: subject, body: body, sendsAt: when, isDraft: account.tier == .enterprise))
        }
        return .init(situation: desk, sequence: sequence, account: account, contact: person, noRecipient: nil, steps: steps)
    }

    /// Who may start, approve or stop outreach on an account: its CSM, their managers, a VP (`Access`).
    static func refusal(of user: User, for account: Account, in db: Database) throws -> String? {
        Access.refusalToEmail(by: user, people: try AccountPeople.of(account, in: db))?.description
    }

    /// Starts a sequence as `user`: the first email is written (a draft on an enterprise
    /// account), at the earliest 24 h after the alert that suggests it.
    public func start(_ account: Account, sequence name: String?, contact: String? = nil, by user: User, asOf: Day, now: Int64,
                      in database: FolioDatabase) throws -> SequencePlanner.Started {
        let result: Result<SequencePlanner.Started, OutreachFailure> = try database.write { db in
            if let why = try Self.refusal(of: user, for: account, in: db) { return .failure(.notAllowed(why)) }
            let desk = try situation(of: account, asOf: asOf, in: db)
            let sequence: RecoverySequence
            do throws(OutreachFailure) { sequence = try pick(name, for: desk) } catch { return .failure(error) }
            if let active = desk.active {
                return .failure(.conflict("\(account.id) is already in \(active.sequence) (started \(active.startedOn) by \(active.startedBy)); stop it first (folio recover \(account.id) --stop)"))
            }
            guard var s = try SequencePlanner.situation(of: account, alertKind: desk.alert?.kind ?? .healthDrop, asOf: asOf, in: db) else {
                return .failure(.notFound("the owner of \(account.id) is not a user"))
            }
            if let contact, !s.contacts.contains(where: { $0.id == contact }) {
                return .failure(.invalid("\(contact) is not a contact of \(account.id)"))
            }
            if contact != nil { s.respondent = nil }
            let started = try planner.enrol(s, in: sequence, alert: desk.alert, contact: contact, by: user.login, asOf: asOf, now: now, in: db)
            if started.enrolment.state == .skipped {
                throw OutreachFailure.invalid("cannot start \(sequence.name) on \(account.id): \(started.enrolment.stopReason ?? "nobody to write to")")
            }
            try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "sequence.start",
                                             subject: "sequence \(started.enrolment.id ?? 0) on \(account.id)",
                                             after: try AuditTrail.json(["sequence": sequence.name, "contact": started.enrolment.contactID ?? ""])), in: db)
            return .success(started)
        }
        return try result.get()
    }

    /// Stops the account's running sequence; its waiting emails are cancelled.
    public func stop(_ account: Account, reason: String?, by user: User, now: Int64, in database: FolioDatabase) throws -> SequenceEnrolment {
        let result: Result<SequenceEnrolment, OutreachFailure> = try database.write { db in
            if let why = try Self.refusal(of: user, for: account, in: db) { return .failure(.notAllowed(why)) }
            guard var active = try SequenceEnrolment.active(on: account.id, in: db) else {
                return .failure(.conflict("\(account.id) is in no sequence right now"))
            }
            let why = SequenceStop.person(login: user.login, reason: reason)
            try SequenceStops.stop(active, why, by: user.login, at: now, in: db)
            try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "sequence.stop", subject: "sequence \(active.id ?? 0) on \(account.id)",
                                             after: why.reason), in: db)
            active.state = .stopped
            active.stopReason = why.reason
            return .success(active)
        }
        return try result.get()
    }

    /// The account's sequences, newest first.
    public static func enrolments(of accountID: String, in db: Database) throws -> [SequenceEnrolment] {
        try SequenceEnrolment.filter(SequenceEnrolment.Columns.accountID == accountID).order(SequenceEnrolment.Columns.id.desc).fetchAll(db)
    }
}
