import FolioDomain
import GRDB

extension Outbox {
    /// When a draft goes once approved at `now`: its own time if that is still ahead, else
    /// now, moved on to the account's working hours and to three days after the contact's
    /// last email. Approving sets exactly this, and a question asking to approve says it.
    func timeOnApproval(of message: OutboxMessage, account: Account, now: Int64, in db: Database) throws -> Int64 {
        try planner.sendTime(atOrAfter: max(now, message.scheduledAt), account: account, contactID: message.contactID,
                             excluding: message.id, in: db)
    }

    /// The time approving draft `id` at `now` would set, read without writing; nil when it
    /// is no longer a draft (or gone).
    public func approvalTime(of id: Int64, now: Int64, in db: Database) throws -> Int64? {
        guard let message = try Self.message(id, in: db), message.state == .draft,
              let account = try Account.find(id: message.accountID, in: db) else { return nil }
        return try timeOnApproval(of: message, account: account, now: now, in: db)
    }
}
