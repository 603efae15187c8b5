import FolioDomain
import GRDB

/// Emails written but not yet gone when an account changes hands (DESIGN §5): the customer
/// hears from the CSM who now has them, so each is written again from its template, signed
/// and sent by the new CSM. One that was approved goes back to draft: the approval was of
/// another person's words. Later steps are written by the daily run for the owner of the day.
enum OutboxResigning {
    struct Outcome: Sendable, Hashable {
        /// Written again for the new CSM.
        var resigned: [Int64] = []
        /// Of those, approved before and now drafts again.
        var backToDraft: [Int64] = []
        /// Not written again (no sequences to write them from): they still go as the old CSM.
        var unchanged: [Int64] = []
    }

    static func resign(_ account: Account, to csm: User, library: SequenceLibrary?, asOf: Day, now: Int64, by actor: String,
                       in db: Database) throws -> Outcome {
        let waiting = try OutboxMessage.fetchAll(db, sql: """
            SELECT * FROM outbox_message WHERE account_id = ? AND state IN ('draft', 'scheduled') ORDER BY id
            """, arguments: [account.id])
        var outcome = Outcome()
        guard !waiting.isEmpty else { return outcome }
        guard let library else {
            outcome.unchanged = waiting.compactMap(\.id)
            return outcome
        }
        let planner = SequencePlanner(library: library)
        for var message in waiting {
            guard let id = message.id, let enrolmentID = message.enrolmentID,
                  let enrolment = try SequenceEnrolment.find(id: enrolmentID, in: db),
                  let sequence = library.catalog[enrolment.sequence],
                  let contact = try Contact.find(id: message.contactID, in: db) else {
                message.id.map { outcome.unchanged.append($0) }
                continue
            }
            let kind = try enrolment.alertID.flatMap { try Alert.find(id: $0, in: db) }?.kind ?? .healthDrop
            guard let situation = try SequencePlanner.situation(of: account, alertKind: kind, asOf: asOf, owner: csm, in: db),
                  let (subject, body) = planner.compose(sequence, step: message.step - 1, situation: situation, contact: contact, asOf: asOf)
            else {
                outcome.unchanged.append(id)
                continue
            }
            let before = message
            message.fromName = csm.name
            message.from = csm.email
            message.subject = subject
            message.body = body
            if message.approvedBy != nil {
                message.state = .draft
                message.approvedBy = nil
                message.approvedAt = nil
                outcome.backToDraft.append(id)
            }
            try message.update(db)
            struct Signed: Encodable { var from: String; var state: String }
            try AuditTrail.record(AuditEntry(actor: actor, at: now, action: "outbox.resign", subject: "email \(id) on \(account.id)",
                                             before: try AuditTrail.json(Signed(from: before.from, state: before.state.rawValue)),
                                             after: try AuditTrail.json(Signed(from: message.from, state: message.state.rawValue))), in: db)
            outcome.resigned.append(id)
        }
        return outcome
    }
}
