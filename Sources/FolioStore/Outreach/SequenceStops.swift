import FolioDomain
import GRDB

/// Ending sequences (DESIGN §2.6): the enrolment records why, and its emails still waiting
/// (drafts, scheduled ones) are cancelled with the same reason, in the caller's transaction.
enum SequenceStops {
    static func stop(_ enrolment: SequenceEnrolment, _ stop: SequenceStop, by actor: String, at now: Int64, in db: Database) throws {
        guard let id = enrolment.id else { return }
        try db.execute(sql: """
            UPDATE sequence_enrolment SET state = 'stopped', stop_reason = ?, stop_kind = ?, stopped_at = ?, stopped_by = ?
            WHERE id = ? AND state = 'active'
            """, arguments: [stop.reason, stop.kind, now, actor, id])
        try db.execute(sql: """
            UPDATE outbox_message SET state = 'cancelled', cancelled_by = ?, cancel_reason = ?
            WHERE enrolment_id = ? AND state IN ('draft', 'scheduled')
            """, arguments: [actor, stop.reason, id])
    }

    /// A reply or a meeting just logged ends the account's sequence at once, not at the next run.
    static func afterActivity(_ activity: Activity, by actor: String, at now: Int64, in db: Database) throws {
        guard let enrolment = try SequenceEnrolment.active(on: activity.accountID, in: db),
            let why = SequenceStop.ending(activity, after: enrolment.startedOn.adding(days: -1)) else { return }
        try stop(enrolment, why, by: actor, at: now, in: db)
    }
}
