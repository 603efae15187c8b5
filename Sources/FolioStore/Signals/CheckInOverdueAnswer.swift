import FolioDomain
import GRDB

/// A logged activity answers the account's check-in-overdue alert: that alert's condition is
/// the days since the last activity past the tier's limit (DESIGN §2.3), so the activity
/// clears it. Logging resolves it at once, as `recovered`, in the log's own transaction and
/// audited as the person's, rather than leaving it open until the next daily run.
enum CheckInOverdueAnswer {
    /// The resolution's note, by which an undo of the activity finds the alert again.
    static func note(activityID: String) -> String { "answered by activity \(activityID)" }

    static func resolve(after activity: Activity, by user: User, asOf: Day, at now: Int64, policy: CheckInPolicy,
                        in db: Database) throws -> [Alert] {
        guard let account = try Account.find(id: activity.accountID, in: db),
              activity.date.days(until: asOf) <= policy.limit(for: account.tier) else { return [] }
        let open = try Alert.fetchAll(db, sql: "SELECT * FROM alert WHERE account_id = ? AND kind = 'checkin-overdue' AND state != 'resolved'",
                                      arguments: [account.id]).withRecipients(in: db)
        var resolved: [Alert] = []
        for before in open where !before.shadow {
            guard let id = before.id else { continue }
            guard case .success(let alert) = before.resolved(outcome: .recovered, note: note(activityID: activity.id),
                                                             by: user.login, at: now) else { continue }
            try alert.save(from: before, in: db)
            try AlertEvents.record("resolve", alert: id, actor: user.login, at: now, before: before, after: alert, in: db)
            try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "alert.resolve", subject: "alert \(id)",
                                             before: before.auditText, after: alert.auditText), in: db)
            resolved.append(alert)
        }
        return resolved
    }
}
