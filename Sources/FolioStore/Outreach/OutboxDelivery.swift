import FolioDomain
import Foundation
import GRDB

/// `folio outbox send`: delivers the messages that are due, each exactly once. A message is
/// claimed (`sending`) in a transaction of its own just before it is handed over and marked
/// `sent` in another after; a run that dies in between leaves that one `sending` (the rest
/// stay scheduled), and the next run marks it `unconfirmed` for a person to check — it is
/// never resent blindly. A failure leaves it scheduled for a later attempt, with a growing
/// wait, until the attempts run out.
public struct OutboxDelivery: Sendable {
    public let planner: SequencePlanner
    public let transport: any MailTransport
    /// A claim older than this (wall clock) belongs to a run that is gone.
    public var staleAfter: Int64

    public init(library: SequenceLibrary, transport: any MailTransport, staleAfter: Int64 = 600) {
        planner = SequencePlanner(library: library)
        self.transport = transport
        self.staleAfter = staleAfter
    }

    public struct Item: Sendable, Codable, Equatable {
        public var id: Int64
        public var account: String
        public var to: String
        public var subject: String
        public var note: String?
    }

    /// What a run did.
    public struct Report: Sendable, Codable, Equatable {
        public var sent: [Item] = []
        /// Failed this time; tried again later.
        public var retrying: [Item] = []
        public var failed: [Item] = []
        /// Found interrupted in a run that is gone: a person checks them.
        public var unconfirmed: [Item] = []
        /// Their sequence had stopped, or the contact may no longer be written to.
        public var cancelled: [Item] = []
        /// Due, but outside the account's working hours or too soon after another email to the contact.
        public var waiting: [Item] = []
    }

    /// This process, as a claim names it: `host:pid`.
    public static var worker: String { "\(machineName):\(getpid())" }

    public static let machineName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, 255) == 0 else { return "localhost" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return bytes.isEmpty ? "localhost" : String(decoding: bytes, as: UTF8.self)
    }()

    /// Is the run that made this claim still going? Only known for this machine; elsewhere, by age.
    static func isAlive(_ claimant: String?) -> Bool? {
        guard let claimant, let colon = claimant.lastIndex(of: ":"), claimant[..<colon] == machineName,
              let pid = pid_t(claimant[claimant.index(after: colon)...]) else { return nil }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Delivers what is due at `now` (the as-of moment); `wall` is the real clock for claims.
    /// Each message is claimed on its own just before it is handed over, so a run that dies
    /// leaves at most the one in flight `sending`; the rest stay scheduled for the next run.
    public func run(now: Int64, wall: Int64, in database: FolioDatabase) throws -> Report {
        var report = Report()
        let due = try settleInterruptedClaims(now: now, wall: wall, report: &report, in: database)
        var contactsThisRun = Set<String>()
        for id in due {
            guard let message = try claim(id, now: now, wall: wall, contactsThisRun: &contactsThisRun, report: &report, in: database)
            else { continue }
            try deliver(message, now: now, report: &report, in: database)
        }
        return report
    }

    /// Hands one claimed message over and records the outcome in a transaction of its own.
    private func deliver(_ message: OutboxMessage, now: Int64, report: inout Report, in database: FolioDatabase) throws {
        guard let id = message.id else { return }
        let settings = planner.settings
        var outcome: DeliveryError?
        do {
            let text = try message.mail(at: now).rendered()
            try transport.deliver(text, to: message.to)
        } catch let problem as MailMessage.Problem {
            outcome = DeliveryError(problem.description, isRetryable: false)
        } catch let error as DeliveryError {
            outcome = error
        } catch {
            outcome = DeliveryError("\(error)")
        }
        try database.write { db in
            guard var m = try Outbox.message(id, in: db), m.state == .sending, m.claimedBy == Self.worker else { return }
            m.claimedAt = nil
            m.claimedBy = nil
            if let outcome {
                m.lastError = outcome.message
                if !outcome.isRetryable || m.attempts >= settings.maxAttempts {
                    m.state = .failed
                    report.failed.append(Item(id: id, account: m.accountID, to: m.to, subject: m.subject,
                                              note: "\(outcome.message) (attempt \(m.attempts) of \(settings.maxAttempts))"))
                } else {
                    m.state = .scheduled
                    let wait = settings.retryDelay(afterAttempts: m.attempts)
                    m.nextAttemptAt = now + wait
                    report.retrying.append(Item(id: id, account: m.accountID, to: m.to, subject: m.subject,
                                                note: "\(outcome.message); attempt \(m.attempts) of \(settings.maxAttempts), next in \(wait / 60) min"))
                }
            } else {
                m.state = .sent
                m.sentAt = now
                m.transport = transport.name
                m.lastError = nil
                m.nextAttemptAt = nil
                report.sent.append(Item(id: id, account: m.accountID, to: m.to, subject: m.subject))
            }
            try m.update(db)
        }
    }

    /// One transaction: claims of runs that are gone become `unconfirmed`; returns the ids
    /// due now, in the order they go.
    func settleInterruptedClaims(now: Int64, wall: Int64, report: inout Report, in database: FolioDatabase) throws -> [Int64] {
        try database.write { db in
            for var m in try OutboxMessage.filter(OutboxMessage.Columns.state == OutboxMessage.State.sending).order(OutboxMessage.Columns.id).fetchAll(db) {
                let alive = Self.isAlive(m.claimedBy)
                guard alive == false || (alive == nil && wall - (m.claimedAt ?? 0) > staleAfter) else { continue }
                m.state = .unconfirmed
                m.lastError = "a delivery run (\(m.claimedBy ?? "unknown")) stopped while handing it over"
                    + (m.claimedAt.map { " at \(Moment(seconds: $0).utc)" } ?? "")
                    + "; it may or may not have left: check the mail log, then `folio outbox retry \(m.id ?? 0)` or `cancel \(m.id ?? 0)`"
                m.claimedAt = nil
                m.claimedBy = nil
                try m.update(db)
                report.unconfirmed.append(Item(id: m.id ?? 0, account: m.accountID, to: m.to, subject: m.subject, note: m.lastError))
            }
            return try Int64.fetchAll(db, sql: """
                SELECT id FROM outbox_message WHERE state = 'scheduled' AND scheduled_at <= ? AND COALESCE(next_attempt_at, 0) <= ?
                ORDER BY scheduled_at, id
                """, arguments: [now, now])
        }
    }

    /// One transaction for one message: still due (another run or a person may have got
    /// there first), then cancelled (its sequence stopped, its contact gone), put off
    /// (working hours, the contact gap) or claimed for this run (`sending`).
    func claim(_ id: Int64, now: Int64, wall: Int64, contactsThisRun: inout Set<String>, report: inout Report,
               in database: FolioDatabase) throws -> OutboxMessage? {
        let settings = planner.settings
        return try database.write { db -> OutboxMessage? in
            guard var m = try Outbox.message(id, in: db), m.state == .scheduled, m.scheduledAt <= now, (m.nextAttemptAt ?? 0) <= now,
                  let account = try Account.find(id: m.accountID, in: db) else { return nil }
            let contact = try Contact.find(id: m.contactID, in: db)
            let enrolment = try m.enrolmentID.flatMap {
                try SequenceEnrolment.find(id: $0, in: db)
            }
            // A contact no longer on file counts as one who opted out.
            var stop = (SequenceStop.unreachable(account, contact: contact)
                ?? (contact == nil ? SequenceStop.optedOut(m.toName) : nil))?.reason
            if stop == nil, let e = enrolment, e.state != .active {
                stop = "its sequence is \(e.state.rawValue)" + (e.stopReason.map { ": \($0)" } ?? "")
            }
            if let stop {
                m.state = .cancelled
                m.cancelledBy = AlertStep.actor
                m.cancelReason = stop
                try m.update(db)
                if let e = enrolment, e.state == .active {
                    try SequenceStops.stop(e, .person(login: AlertStep.actor, reason: stop), by: AlertStep.actor, at: now, in: db)
                }
                report.cancelled.append(Item(id: id, account: m.accountID, to: m.to, subject: m.subject, note: stop))
                return nil
            }
            let offset = SequencePlanner.offset(account.timezone)
            if !settings.workingHours.contains(local: now + offset(now)) {
                let next = settings.workingHours.next(atOrAfter: now, offset: offset)
                report.waiting.append(Item(id: id, account: m.accountID, to: m.to, subject: m.subject,
                                           note: "outside working hours in \(account.timezone ?? "UTC")" + (next.map { "; next window \(Moment(seconds: $0).utc)" } ?? "")))
                return nil
            }
            let gap = Int64(settings.contactGapDays) * 86_400
            // One in flight in another run counts as sent now.
            let lastSent = try Int64.fetchOne(db, sql: """
                SELECT MAX(CASE state WHEN 'sent' THEN sent_at ELSE ? END) FROM outbox_message
                WHERE contact_id = ? AND state IN ('sent', 'sending') AND id != ?
                """, arguments: [now, m.contactID, id])
            if contactsThisRun.contains(m.contactID) || (lastSent.map { now - $0 < gap } ?? false) {
                m.scheduledAt = try planner.sendTime(atOrAfter: max(now + 60, (lastSent ?? now) + gap), account: account,
                                                     contactID: m.contactID, excluding: id, in: db)
                try m.update(db)
                report.waiting.append(Item(id: id, account: m.accountID, to: m.to, subject: m.subject,
                                           note: "another email reached \(m.toName) less than \(settings.contactGapDays) days ago; moved to \(Moment(seconds: m.scheduledAt).utc)"))
                return nil
            }
            m.state = .sending
            m.claimedAt = wall
            m.claimedBy = Self.worker
            m.attempts += 1
            try m.update(db)
            contactsThisRun.insert(m.contactID)
            return m
        }
    }
}
