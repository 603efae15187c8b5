import FolioDomain
import Foundation
import GRDB

/// Puts accounts into sequences and writes their emails (DESIGN §2.6): which sequence fits
/// an alert, whom it writes to, what each step says, and when it may go — never before
/// the alert plus the delay, only in the account's working hours, and at most one email per
/// contact in the gap.
public struct SequencePlanner: Sendable {
    public let library: SequenceLibrary

    public init(library: SequenceLibrary) { self.library = library }

    var settings: OutreachSettings { library.settings }

    /// What the sequence decisions read of an account.
    struct Situation {
        var account: Account
        var contacts: [Contact]
        var csm: User
        var facts: OutreachFacts
        /// The contact who answered the NPS survey, for a detractor follow-up.
        var respondent: String?
        var band: String?
    }

    /// `owner` and `snapshot` when the caller has them already (the daily run has both for every account).
    static func situation(of account: Account, alertKind: Alert.Kind, asOf: Day, owner: User? = nil, snapshot known: HealthSnapshot? = nil,
                          in db: Database) throws -> Situation? {
        guard let csm = try owner ?? User.find(login: account.owner, in: db) else { return nil }
        let contacts = try Contact.fetchAll(db.cachedStatement(sql: "SELECT * FROM contact WHERE account_id = ? ORDER BY id"), arguments: [account.id])
        var facts = OutreachFacts(alert: alertKind)
        facts.isOnboarding = account.tenureDays(asOf: asOf) < 90
        facts.seats = account.seats
        let weeks = try UsageWeek.fetchAll(db.cachedStatement(sql: "SELECT * FROM usage WHERE account_id = ? AND week <= ? AND partial = 0 ORDER BY week DESC LIMIT 8"),
                                           arguments: [account.id, asOf])
        if !weeks.isEmpty {
            let recent = weeks.prefix(4)
            facts.activeUsers = Double(recent.map(\.activeUsers).reduce(0, +)) / Double(recent.count)
            if weeks.count == 8 {
                let now = Double(recent.map(\.keyActions).reduce(0, +)), before = Double(weeks.suffix(4).map(\.keyActions).reduce(0, +))
                facts.keyActionChange = UsageComparison(recent: now, previous: before).change
            }
            facts.featuresUsed = weeks[0].featuresUsed
            facts.featuresAvailable = weeks[0].featuresAvailable
        }
        if let last = try String.fetchOne(db, sql: "SELECT MAX(date) FROM activity WHERE account_id = ? AND date <= ?",
                                          arguments: [account.id, asOf.iso]).flatMap({ Day(iso: $0) }) {
            facts.daysSinceContact = last.days(until: asOf)
        }
        var respondent: String?
        if alertKind == .detractor, let row = try Row.fetchOne(db, sql: """
            SELECT n.contact_id, n.date FROM nps_response n JOIN contact c ON c.id = n.contact_id
            WHERE c.account_id = ? AND n.date <= ? ORDER BY n.date DESC, n.score LIMIT 1
            """, arguments: [account.id, asOf.iso]) {
            respondent = row[0]
            facts.feedbackDate = (row[1] as String?).flatMap { Day(iso: $0) }
        }
        let snapshot = try known ?? SnapshotStore.latest(for: account.id, asOf: asOf, in: db)
        if let snapshot {
            var shortfall: [String: Double] = [:]
            for m in snapshot.measures where m.score != nil {
                shortfall[m.group, default: 0] += m.effectiveWeight * (100 - (m.score ?? 100))
            }
            facts.weakestGroup = shortfall.filter { $0.value > 0 }.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }
        return Situation(account: account, contacts: contacts, csm: csm, facts: facts, respondent: respondent, band: snapshot?.band)
    }

    /// The sequence an alert suggests, or nil when it is one for people only.
    public func suggestion(for kind: Alert.Kind, facts: OutreachFacts) -> RecoverySequence? {
        OutreachSignal.kind(of: facts).flatMap { library.catalog.sequence(for: $0) }
    }

    /// The words of the signal for this sequence: its own branch, the alert's otherwise.
    func signal(for sequence: RecoverySequence, facts: OutreachFacts) -> OutreachSignal {
        let kind = library.catalog.signal(of: sequence.name) ?? OutreachSignal.kind(of: facts) ?? .relationshipDecline
        return OutreachSignal(kind, facts: facts, keyActions: settings.keyActions)
    }

    /// Step `index` (0-based) of a sequence, written for this contact.
    func compose(_ sequence: RecoverySequence, step index: Int, situation: Situation, contact: Contact, asOf: Day) -> (subject: String, body: String)? {
        guard sequence.steps.indices.contains(index), let template = library.template(for: sequence.steps[index]) else { return nil }
        let context = EmailContext(contact: contact, csm: situation.csm, account: situation.account, asOf: asOf,
                                   signal: signal(for: sequence, facts: situation.facts), step: index + 1,
                                   steps: sequence.steps.count, settings: settings)
        return template.render(context)
    }

    /// The account's offset from UTC at a moment, in seconds (its time zone; UTC when unknown).
    static func offset(_ timezone: String?) -> (Int64) -> Int64 {
        let zone = timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        return { Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0)))) }
    }

    /// The first moment at or after `earliest` inside the account's working hours and at
    /// least the gap away from every other email to the contact.
    func sendTime(atOrAfter earliest: Int64, account: Account, contactID: String, excluding message: Int64? = nil,
                  in db: Database) throws -> Int64 {
        let offset = Self.offset(account.timezone)
        let gap = Int64(settings.contactGapDays) * 86_400
        let others = try Int64.fetchAll(db, sql: """
            SELECT COALESCE(sent_at, scheduled_at) FROM outbox_message
            WHERE contact_id = ? AND state IN ('draft', 'scheduled', 'sending', 'unconfirmed', 'sent') AND id IS NOT ?
            ORDER BY 1
            """, arguments: [contactID, message])
        var t = settings.workingHours.next(atOrAfter: earliest, offset: offset) ?? earliest
        for _ in 0..<(others.count + 1) {
            guard gap > 0, let clash = others.first(where: { abs($0 - t) < gap }) else { break }
            t = settings.workingHours.next(atOrAfter: clash + gap, offset: offset) ?? clash + gap
        }
        return t
    }

    public struct Started: Sendable {
        public var enrolment: SequenceEnrolment
        public var message: OutboxMessage?
    }

    /// Enrols the account and writes the first email (a draft for enterprise accounts).
    /// When nobody may be written to, the enrolment is recorded as skipped, with why.
    func enrol(_ situation: Situation, in sequence: RecoverySequence, alert: Alert?, contact preferred: String? = nil,
               by actor: String, asOf: Day, now: Int64, in db: Database) throws -> Started {
        let account = situation.account
        let contact = SequenceCatalog.recipient(of: sequence, among: situation.contacts, account: account,
                                                preferring: preferred ?? situation.respondent)
        var enrolment = SequenceEnrolment(accountID: account.id, contactID: contact?.id, sequence: sequence.name, alertID: alert?.id,
                                          startedOn: asOf, startedAt: now, startedBy: actor, triggerBand: situation.band)
        guard let contact else {
            enrolment.state = .skipped
            enrolment.stopReason = SequenceCatalog.whyNoRecipient(of: sequence, among: situation.contacts, account: account)
            enrolment.stoppedAt = now
            enrolment.stoppedBy = actor
            try enrolment.insert(db)
            return Started(enrolment: enrolment, message: nil)
        }
        try enrolment.insert(db)
        // Never before the CSM was told: the alert plus the delay, and not in the past.
        let earliest = max(now, alert.map { settings.earliestFirstSend(alertRaisedAt: $0.raisedAt) } ?? now)
        let message = try writeStep(0, of: sequence, enrolment: enrolment, situation: situation, contact: contact,
                                    earliest: earliest, asOf: asOf, now: now, in: db)
        return Started(enrolment: enrolment, message: message)
    }

    /// Writes step `index` of an enrolment into the outbox.
    func writeStep(_ index: Int, of sequence: RecoverySequence, enrolment: SequenceEnrolment, situation: Situation,
                   contact: Contact, earliest: Int64, asOf: Day, now: Int64, in db: Database) throws -> OutboxMessage? {
        guard let (subject, body) = compose(sequence, step: index, situation: situation, contact: contact, asOf: asOf),
              let enrolmentID = enrolment.id else { return nil }
        let when = try sendTime(atOrAfter: earliest, account: situation.account, contactID: contact.id, in: db)
        var hash = StableHash("\(enrolmentID):\(index):\(situation.account.id):\(now)")
        hash.add(contact.email)
        let messageID = "<folio.\(enrolmentID).\(index + 1).\(String(hash.value, radix: 36))@\(EmailAddress.domain(of: situation.csm.email))>"
        var message = OutboxMessage(enrolmentID: enrolmentID, accountID: situation.account.id, contactID: contact.id,
                                    toName: contact.name, to: contact.email, fromName: situation.csm.name, from: situation.csm.email,
                                    subject: subject, body: body, state: situation.account.tier == .enterprise ? .draft : .scheduled,
                                    scheduledAt: when, sequence: sequence.name, step: index + 1, messageID: messageID, createdAt: now)
        try message.insert(db)
        return message
    }

    /// Every step as the customer would get it, for `--preview`: nothing is written.
    public struct PreviewStep: Sendable {
        public var step: Int
        public var delayDays: Int
        public var to: String
        public var toName: String
        public var from: String
        public var fromName: String
        public var subject: String
        public var body: String
        /// When the step would go: the first by the alert and working hours, the rest after their delays.
        public var sendsAt: Int64
        public var isDraft: Bool
    }

    public struct Preview: Sendable {
        /// The account's alerts, the suggestion and the sequence running, as the preview found them.
        public var situation: SequenceDesk.Situation
        public var sequence: RecoverySequence
        public var account: Account
        public var contact: Contact?
        /// Why nobody can be written to, when nobody can.
        public var noRecipient: String?
        public var steps: [PreviewStep]
    }
}
