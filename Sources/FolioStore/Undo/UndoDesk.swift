import FolioDomain
import Foundation
import GRDB

/// Takes back a person's change (the interface's `u`), in one transaction with an audit
/// entry of its own: the change's entry stays, so the audit log shows both. Only while the
/// record is still as the change left it: when someone (or the daily run) changed it since,
/// nothing is written and the person is told what it is now.
public enum UndoDesk {
    /// A change to take back, as its maker recorded it.
    public enum Change: Sendable, Hashable {
        /// An acknowledgement, snooze or resolution, with the alert as it left it.
        case alert(id: Int64, after: Alert)
        /// A logged activity (and what it did: the check-ins it completed, the check-in
        /// overdue alert it answered).
        case activity(id: String, accountID: String)
        /// A stage move, with the opportunity before and after it, the renewal date a won
        /// renewal rolled (from, to), and whether it churned the account.
        case renewal(before: RenewalOpportunity, after: RenewalOpportunity, rolledFrom: Day?, rolledTo: Day?, churned: Bool)
        /// A sequence started by hand, while none of its emails has gone.
        case sequence(enrolmentID: Int64, accountID: String, sequence: String)
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Someone or something changed it since: what it is now.
        case changedSince(String)
        case gone(String)
        /// An email of the sequence has gone; it cannot be unsent.
        case tooLate(String)
        case notYours(String)

        public var description: String {
            switch self {
            case .changedSince(let what), .gone(let what), .tooLate(let what), .notYours(let what): what
            }
        }
    }

    /// What was taken back, for the person's message.
    public struct Undone: Sendable, Equatable {
        /// "alert 12 is open again", "the call on ACC-0012 (2026-11-23) is gone".
        public var summary: String
        /// What stays as it is, said plainly ("the re-engagement sequence it stopped stays stopped").
        public var notes: [String]

        public init(summary: String, notes: [String] = []) {
            self.summary = summary
            self.notes = notes
        }
    }

    public static func undo(_ change: Change, by user: User, asOf: Day, at now: Int64, in database: FolioDatabase) throws -> Undone {
        try database.write { db in
            switch change {
            case let .alert(id, after):
                return try undoAlert(id, after: after, by: user, at: now, in: db)
            case let .activity(id, accountID):
                return try undoActivity(id, accountID: accountID, by: user, asOf: asOf, at: now, in: db)
            case let .renewal(before, after, rolledFrom, rolledTo, churned):
                let rolled = rolledFrom.flatMap { from in rolledTo.map { (from, $0) } }
                return try undoRenewal(before: before, after: after, rolled: rolled, churned: churned, by: user, at: now, in: db)
            case let .sequence(enrolmentID, accountID, sequence):
                return try undoSequence(enrolmentID, accountID: accountID, sequence: sequence, by: user, at: now, in: db)
            }
        }
    }

    // MARK: Alerts

    /// The alert back to how it was before the person's change (read from that change's
    /// audit entry), its trail and the audit log noting the undo.
    static func undoAlert(_ id: Int64, after: Alert, by user: User, at now: Int64, in db: Database) throws -> Undone {
        guard let current = try AlertDesk.alert(id, in: db) else { throw Failure.gone("alert \(id) is gone") }
        guard Transition(current) == Transition(after) else {
            throw Failure.changedSince("alert \(id) changed since: it is \(describe(current)) now; nothing was undone")
        }
        guard let text = try String.fetchOne(db, sql: """
                SELECT before FROM audit_entry WHERE actor = ? AND subject = ? AND action IN ('alert.acknowledge', 'alert.snooze', 'alert.resolve')
                ORDER BY id DESC LIMIT 1
                """, arguments: [user.login, "alert \(id)"]),
              let before = try? JSONDecoder().decode(Transition.self, from: Data(text.utf8)) else {
            throw Failure.notYours("alert \(id) has no change of \(user.login)'s to take back")
        }
        var restored = current
        before.apply(to: &restored)
        if restored.state != .resolved, current.state == .resolved,
           try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert WHERE account_id = ? AND kind = ? AND state != 'resolved' AND id != ?",
                            arguments: [current.accountID, current.kind.rawValue, id]) ?? 0 > 0 {
            throw Failure.changedSince("alert \(id) cannot open again: the daily run has raised a new \(current.kind.title) alert on \(current.accountID) since")
        }
        try restored.save(from: current, in: db)
        try AlertEvents.record("undo", alert: id, actor: user.login, at: now, before: current, after: restored, in: db)
        try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "alert.undo", subject: "alert \(id)",
                                         before: current.auditText, after: restored.auditText), in: db)
        return Undone(summary: "alert \(id) is \(describe(restored)) again", notes: [])
    }

    static func describe(_ alert: Alert) -> String {
        switch alert.state {
        case .open: "open"
        case .acknowledged: "acknowledged by \(alert.acknowledgedBy ?? "someone")"
        case .snoozed: "snoozed until \(alert.snoozedUntil.map { "\($0)" } ?? "a day")"
        case .resolved: "resolved (\(alert.outcome?.rawValue ?? "resolved")) by \(alert.resolvedBy ?? "someone")"
        }
    }

    /// The part of an alert a person's change sets, as the audit log keeps it.
    struct Transition: Codable, Equatable {
        var state: String
        var acknowledgedBy: String?, acknowledgedAt: Int64?, snoozedUntil: String?, snoozeReason: String?
        var resolvedBy: String?, resolvedAt: Int64?, outcome: String?, note: String?
        /// What the snooze waited for besides its day (absent from entries written before it existed).
        var snoozeWake: SnoozeWake?

        init(_ a: Alert) {
            state = a.state.rawValue
            acknowledgedBy = a.acknowledgedBy; acknowledgedAt = a.acknowledgedAt
            snoozedUntil = a.snoozedUntil?.iso; snoozeReason = a.snoozeReason
            resolvedBy = a.resolvedBy; resolvedAt = a.resolvedAt; outcome = a.outcome?.rawValue; note = a.note
            snoozeWake = a.snoozeWake
        }

        func apply(to alert: inout Alert) {
            alert.state = Alert.State(rawValue: state) ?? alert.state
            alert.acknowledgedBy = acknowledgedBy; alert.acknowledgedAt = acknowledgedAt
            alert.snoozedUntil = snoozedUntil.flatMap { try? Day(input: $0) }; alert.snoozeReason = snoozeReason
            alert.resolvedBy = resolvedBy; alert.resolvedAt = resolvedAt
            alert.outcome = outcome.flatMap(Alert.Outcome.init(rawValue:)); alert.note = note
            alert.snoozeWake = alert.state == .snoozed ? snoozeWake : nil
        }
    }

    // MARK: Activities

    /// The activity goes; check-ins it completed are owed again; a check-in-overdue alert it
    /// answered opens again. A sequence it stopped (a reply, a meeting) stays stopped.
    static func undoActivity(_ id: String, accountID: String, by user: User, asOf: Day, at now: Int64, in db: Database) throws -> Undone {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM activity WHERE id = ?", arguments: [id]) else {
            throw Failure.gone("activity \(id) is gone already")
        }
        let author: String = row["author"], kind: String = row["type"], date: String = row["date"]
        guard author == user.login else { throw Failure.notYours("activity \(id) was logged by \(author), not \(user.login)") }
        let summary: String = row["summary"] ?? ""
        let before = try AuditTrail.json(["id": id, "account": accountID, "type": kind, "date": date, "summary": summary])
        try db.execute(sql: "DELETE FROM activity WHERE id = ?", arguments: [id])
        try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "activity.undo", subject: "activity \(id) on \(accountID)",
                                         before: before, after: nil), in: db)
        var notes: [String] = []
        // Check-ins it completed are owed again (missed if their window has closed).
        let completed = try Row.fetchAll(db, sql: "SELECT due, kind, closes FROM checkin WHERE activity_id = ? AND state = 'done'", arguments: [id])
        for checkIn in completed {
            let closes: String = checkIn["closes"]
            try db.execute(sql: "UPDATE checkin SET state = ?, activity_id = NULL WHERE due = ? AND account_id = ? AND kind = ?",
                           arguments: [closes < asOf.iso ? "missed" : "due", checkIn["due"] as String, accountID, checkIn["kind"] as String])
        }
        if !completed.isEmpty { notes.append("\(completed.count) check-in\(completed.count == 1 ? "" : "s") it completed \(completed.count == 1 ? "is" : "are") owed again") }
        // The check-in-overdue alert it answered opens again.
        let answered = try Alert.fetchAll(db, sql: """
            SELECT * FROM alert WHERE account_id = ? AND kind = 'checkin-overdue' AND state = 'resolved' AND resolved_by = ? AND note = ?
            """, arguments: [accountID, user.login, CheckInOverdueAnswer.note(activityID: id)]).withRecipients(in: db)
        for alert in answered {
            if let undone = try? undoAnswered(alert, by: user, at: now, in: db) { notes.append(undone) }
        }
        // A sequence the reply or meeting stopped (in the log's transaction, at its moment) stays stopped.
        let loggedAt = try Int64.fetchOne(db, sql: "SELECT at FROM audit_entry WHERE action = 'activity.log' AND subject = ? ORDER BY id DESC LIMIT 1",
                                          arguments: ["activity \(id) on \(accountID)"])
        if let loggedAt, let sequence = try String.fetchOne(db, sql: """
            SELECT sequence FROM sequence_enrolment WHERE account_id = ? AND state = 'stopped' AND stopped_at = ? AND stopped_by = ?
            """, arguments: [accountID, loggedAt, user.login]) {
            notes.append("the \(sequence) sequence it stopped stays stopped (r starts one again)")
        }
        return Undone(summary: "the \(kind) logged on \(accountID) (\(date)) is gone", notes: notes)
    }

    /// A check-in-overdue alert resolved by a logged activity, open again as it was.
    private static func undoAnswered(_ alert: Alert, by user: User, at now: Int64, in db: Database) throws -> String? {
        guard let id = alert.id else { return nil }
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert WHERE account_id = ? AND kind = 'checkin-overdue' AND state != 'resolved'",
                               arguments: [alert.accountID]) ?? 0 == 0 else { return nil }
        guard let text = try String.fetchOne(db, sql: """
                SELECT before FROM audit_entry WHERE actor = ? AND subject = ? AND action = 'alert.resolve' ORDER BY id DESC LIMIT 1
                """, arguments: [user.login, "alert \(id)"]),
              let before = try? JSONDecoder().decode(Transition.self, from: Data(text.utf8)) else { return nil }
        var restored = alert
        before.apply(to: &restored)
        try restored.save(from: alert, in: db)
        try AlertEvents.record("undo", alert: id, actor: user.login, at: now, before: alert, after: restored, in: db)
        try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "alert.undo", subject: "alert \(id)",
                                         before: alert.auditText, after: restored.auditText), in: db)
        return "its check-in-overdue alert \(id) is \(describe(restored)) again"
    }

    // MARK: Renewals

    /// The opportunity back at the stage it had, only while it is at the one the move set;
    /// a won renewal's date rolls back and a churned account comes back into the book.
    static func undoRenewal(before: RenewalOpportunity, after: RenewalOpportunity, rolled: (from: Day, to: Day)?, churned: Bool, by user: User,
                            at now: Int64, in db: Database) throws -> Undone {
        guard let id = after.id else { throw Failure.gone("that renewal is gone") }
        let subject = try RenewalDesk.subject(id: id, in: db)
        try db.execute(sql: """
            UPDATE renewal_opportunity SET stage = ?, closed_on = ?, moved_by = ?, moved_at = ?
            WHERE id = ? AND stage = ? AND moved_by = ? AND moved_at = ?
            """, arguments: [before.stage.rawValue, before.closedOn?.iso, before.movedBy ?? RenewalRules.engine, before.movedAt?.seconds ?? now,
                             id, after.stage.rawValue, user.login, after.movedAt?.seconds])
        guard db.changesCount == 1 else {
            let now = try RenewalOpportunity.find(id: id, in: db)
            throw Failure.changedSince("\(subject) changed since: it is at \(now?.stage.rawValue ?? "an unknown stage") now; nothing was undone")
        }
        try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "renewal.undo", subject: subject,
                                         before: try AuditTrail.json(RenewalDesk.Audited(after)),
                                         after: try AuditTrail.json(RenewalDesk.Audited(before))), in: db)
        var notes: [String] = []
        // The date a won renewal rolled: back, unless someone changed it since.
        if let rolled, var account = try Account.find(id: before.accountID, in: db), account.renewalDate == rolled.to {
            let accountBefore = account
            account.renewalDate = rolled.from
            try db.execute(sql: "UPDATE account SET renewal_date = ? WHERE id = ?", arguments: [rolled.from.iso, account.id])
            try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "account.undo", subject: "account \(account.id)",
                                             before: try AuditTrail.json(RenewalDesk.AuditedAccount(accountBefore)),
                                             after: try AuditTrail.json(RenewalDesk.AuditedAccount(account))), in: db)
            notes.append("the renewal date is \(rolled.from) again")
        }
        if churned, var account = try Account.find(id: before.accountID, in: db), account.status == .churned {
            let accountBefore = account
            account.status = .active
            try db.execute(sql: "UPDATE account SET status = 'active' WHERE id = ?", arguments: [account.id])
            try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "account.undo", subject: "account \(account.id)",
                                             before: try AuditTrail.json(RenewalDesk.AuditedAccount(accountBefore)),
                                             after: try AuditTrail.json(RenewalDesk.AuditedAccount(account))), in: db)
            notes.append("the account is back in the active book")
        }
        return Undone(summary: "\(subject) is at \(before.stage.rawValue) again", notes: notes)
    }

    // MARK: Sequences

    /// A sequence started by hand goes, with its emails, while none of them has gone.
    static func undoSequence(_ enrolmentID: Int64, accountID: String, sequence: String, by user: User, at now: Int64,
                             in db: Database) throws -> Undone {
        guard let row = try Row.fetchOne(db, sql: "SELECT started_by, state FROM sequence_enrolment WHERE id = ?", arguments: [enrolmentID]) else {
            throw Failure.gone("the \(sequence) sequence on \(accountID) is gone already")
        }
        guard row["started_by"] as String == user.login else {
            throw Failure.notYours("the \(sequence) sequence on \(accountID) was started by \(row["started_by"] as String)")
        }
        let gone = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM outbox_message WHERE enrolment_id = ? AND state IN ('sending', 'sent', 'unconfirmed')
            """, arguments: [enrolmentID]) ?? 0
        guard gone == 0 else {
            throw Failure.tooLate("an email of \(sequence) on \(accountID) has gone already: the outbox (6) can cancel the rest, "
                                  + "or stop it with :recover and the account")
        }
        let messages = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox_message WHERE enrolment_id = ?", arguments: [enrolmentID]) ?? 0
        try db.execute(sql: "DELETE FROM outbox_message WHERE enrolment_id = ?", arguments: [enrolmentID])
        try db.execute(sql: "DELETE FROM sequence_enrolment WHERE id = ?", arguments: [enrolmentID])
        try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "sequence.undo", subject: "sequence \(enrolmentID) on \(accountID)",
                                         before: try AuditTrail.json(["sequence": sequence, "state": row["state"] as String,
                                                                      "emails": String(messages)]),
                                         after: nil), in: db)
        return Undone(summary: "\(sequence) on \(accountID) is taken back; its \(messages) unsent email\(messages == 1 ? "" : "s") went with it",
                      notes: [])
    }
}
