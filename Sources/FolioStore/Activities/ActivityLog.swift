import FolioDomain
import GRDB

/// Logging an activity by hand (`folio log`): validated, written with the user as its author
/// in one transaction with its audit entry, and any check-in it completes marked done at once;
/// a reply or a meeting stops the account's recovery sequence in the same transaction.
public struct ActivityLog {
    public let database: FolioDatabase
    /// The check-in windows, to find the check-ins an activity completes.
    public var calendar: CheckInCalendar

    public init(database: FolioDatabase, calendar: CheckInCalendar = .standard) {
        self.database = database
        self.calendar = calendar
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// The draft itself is wrong: bad data (exit 65).
        case invalid([ActivityDraft.Problem])
        /// The user may not log on this account.
        case notYours(login: String, account: String, owner: String)

        public var description: String {
            switch self {
            case .invalid(let problems): return problems.map(\.description).joined(separator: "\n")
            case let .notYours(login, account, owner):
                return Access.Refusal.notInBook(login: login, account: account, owner: owner).description
            }
        }
    }

    public struct Logged: Sendable, Equatable {
        public var activity: Activity
        /// Check-ins this activity completed.
        public var completed: [CheckIn]
    }

    public func record(_ draft: ActivityDraft, on account: Account, by user: User, asOf: Day, now: Int64) throws -> Logged {
        let problems = draft.problems(asOf: asOf)
        guard problems.isEmpty else { throw Failure.invalid(problems) }
        return try database.write { db in
            if Access.refusalToLog(on: "\(account.id) (\(account.name))", by: user, people: try AccountPeople.of(account, in: db)) != nil {
                throw Failure.notYours(login: user.login, account: "\(account.id) (\(account.name))", owner: account.owner)
            }

            let id = "log-" + ImportWriter.contentID(account.id, draft.kind.rawValue, draft.date.iso, user.login, draft.summary, String(now)).dropFirst(5)
            let activity = draft.activity(id: id, accountID: account.id, author: user.login)
            try activity.insert(db)
            try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "activity.log", subject: "activity \(id) on \(account.id)",
                                             after: try AuditTrail.json(activity)), in: db)
            // A reply or a meeting ends the account's recovery sequence now, before its next email.
            try SequenceStops.afterActivity(activity, by: user.login, at: now, in: db)

            var completed: [CheckIn] = []
            guard activity.kind.countsAsCheckIn else { return Logged(activity: activity, completed: completed) }
            // Check-ins whose window holds the day are due at most `daysAfter` before it and
            // `daysBefore` after it: a short range of the due-date key.
            let open = try CheckIn.fetchAll(db, sql: """
                SELECT * FROM checkin WHERE due BETWEEN ? AND ? AND account_id = ? AND state != 'done' AND opens <= ? AND closes >= ?
                """, arguments: [activity.date.adding(days: -calendar.daysAfter).iso, activity.date.adding(days: calendar.daysBefore).iso,
                                 account.id, activity.date.iso, activity.date.iso])
            let logged = CheckInOutcome.Logged(id: activity.id, kind: activity.kind, date: activity.date)
            for c in open {
                let judged = CheckInOutcome.judge(c, activities: [logged], asOf: asOf)
                guard judged.state == .done else { continue }
                try db.execute(sql: "UPDATE checkin SET state = 'done', activity_id = ? WHERE due = ? AND account_id = ? AND kind = ?",
                               arguments: [activity.id, c.due.iso, c.accountID, c.kind.rawValue])
                completed.append(judged)
            }
            return Logged(activity: activity, completed: completed)
        }
    }
}
