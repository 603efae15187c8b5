import FolioDomain
import GRDB

/// The demo's outbox during the replay, so sequences have a believable past: the CSMs
/// approve most enterprise drafts a day or two after they were written, the emails went
/// out when they were due (a delivery run each week, recorded as `demo`), and some
/// customers replied, which the CSM logged (and which stops the sequence). The last week
/// is left as it is: its drafts wait for review and its due emails for `folio outbox send`.
enum DemoOutreach {
    static func work(after day: Day, isLastWeek: Bool, policy: AlertPolicy = .standard, planner: SequencePlanner,
                     stories: Set<String>, in database: FolioDatabase) throws {
        guard !isLastWeek else { return }
        let start = policy.runInstant(of: day)
        // Drafts written before this week's run: approved by their CSM, or left (a few).
        let drafts = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.id, a.owner FROM outbox_message m JOIN account a ON a.id = m.account_id
                WHERE m.state = 'draft' AND m.created_at < ? ORDER BY m.id
                """, arguments: [start])
        }
        let outbox = Outbox(library: planner.library)
        for row in drafts {
            let id: Int64 = row[0], owner: String = row[1]
            guard StableHash("\(id):approve").value % 10 < 8,
                  let csm = try database.read({ db in try User.fetchOne(db, sql: "SELECT * FROM user WHERE login = ?", arguments: [owner]) }),
                  let created = try database.read({ db in try Outbox.message(id, in: db) })?.createdAt else { continue }
            _ = try? outbox.perform(.approve, on: id, by: csm, now: created + 26 * 3_600, in: database)
        }
        // What was due went out on time.
        let due = try database.read { db in
            try OutboxMessage.fetchAll(db, sql: "SELECT * FROM outbox_message WHERE state = 'scheduled' AND scheduled_at <= ? ORDER BY id",
                                       arguments: [start])
        }
        for message in due {
            guard let id = message.id else { continue }
            try database.write { db in
                try db.execute(sql: "UPDATE outbox_message SET state = 'sent', sent_at = scheduled_at, transport = 'demo', attempts = 1 WHERE id = ? AND state = 'scheduled'",
                               arguments: [id])
            }
            // About a third of the customers write back within a few days; the CSM logs it. The
            // accounts of STORIES.md keep their activity as told.
            let roll = StableHash("\(id):reply").value
            guard roll % 3 == 0, !stories.contains(message.accountID),
                  let (account, csm) = try database.read({ db -> (Account, User)? in
                      guard let a = try Account.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [message.accountID]),
                            let u = try User.fetchOne(db, sql: "SELECT * FROM user WHERE login = ?", arguments: [a.owner]) else { return nil }
                      return (a, u)
                  }) else { continue }
            let sentDay = Moment(seconds: message.scheduledAt).day
            let replied = min(day, sentDay.adding(days: 1 + Int(roll / 3 % 3)))
            let draft = ActivityDraft(kind: .email, direction: .inbound, date: replied,
                                      summary: "Reply from \(message.toName) to \"\(message.subject)\": happy to talk, proposed a time next week")
            _ = try? ActivityLog(database: database).record(draft, on: account, by: csm, asOf: day, now: Int64(replied.ordinal) * 86_400 + 15 * 3_600)
        }
    }
}
