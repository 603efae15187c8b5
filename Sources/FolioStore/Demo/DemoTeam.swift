import FolioDomain
import GRDB

/// The demo's CSMs at work during the replay, so its alerts have a believable life: most
/// are acknowledged within hours (some late, some never: those are the escalations), a few
/// are snoozed, and older acknowledged ones are resolved. Every action goes through
/// `AlertDesk`, as a person's would, and is decided by a hash of what the alert is (its
/// account, kind and day), so two replays give the same history and a story's alerts meet
/// the same fate whatever else the book holds.
enum DemoTeam {
    static func work(after day: Day, isLastWeek: Bool, policy: AlertPolicy = .standard, book: DemoBook,
                     in database: FolioDatabase) throws {
        let (open, handled, users) = try database.read { db in
            (try Alert.fetchAll(db, sql: "SELECT * FROM alert WHERE shadow = 0 AND state = 'open' ORDER BY id"),
             try Alert.fetchAll(db, sql: "SELECT * FROM alert WHERE shadow = 0 AND state = 'acknowledged' AND raised_on <= ? ORDER BY id",
                                arguments: [day.adding(days: -21).iso]),
             try User.fetchAll(db, sql: "SELECT * FROM user"))
        }
        let byLogin = Dictionary(users.map { ($0.login, $0) }, uniquingKeysWith: { a, _ in a })
        let start = policy.runInstant(of: day)
        for alert in open {
            guard let id = alert.id, let owner = try ownerOf(alert, in: database), let csm = byLogin[owner] else { continue }
            let roll = hash(alert, alert.severity.rawValue)
            let hours = Int64(1 + roll % 40)
            if roll % 10 < 2 || book.unansweredAccountIDs.contains(alert.accountID) { continue } // never picked up: it goes overdue
            if isLastWeek && hours > 3 { continue } // today's: not yet
            if roll % 10 == 9 && !isLastWeek && alert.severity != .red {
                _ = try? AlertDesk.perform(.snooze(until: day.adding(days: 14), reason: "customer away; follow up when they are back"),
                                       on: id, by: csm, at: start + hours * 3_600, asOf: day, in: database)
            } else if (try? AlertDesk.perform(.acknowledge, on: id, by: csm, at: start + hours * 3_600, asOf: day, in: database)) != nil,
                      !book.toldAccountIDs.contains(alert.accountID) {
                // The accounts of STORIES.md keep their activity as told.
                try reachOut(about: alert, by: csm, at: start + hours * 3_600, asOf: day, in: database)
            }
        }
        // Sponsors, critical cases and silence take longer than a demo's weeks to settle, and
        // a health drop is left to recover by itself (the engine resolves it when it does).
        let settles: Set<Alert.Kind> = [.detractor, .checkinOverdue, .paymentOverdue, .usageSurge, .usageDrop]
        for alert in handled where settles.contains(alert.kind) {
            guard let id = alert.id, let owner = try ownerOf(alert, in: database), let csm = byLogin[owner] else { continue }
            let roll = hash(alert, "resolve")
            guard roll % 5 < 2 else { continue }
            let (outcome, note) = roll % 2 == 0
                ? (Alert.Outcome.saved, "call held; plan agreed with the customer")
                : (Alert.Outcome.noAction, "looked into it; nothing to do for now")
            _ = try? AlertDesk.perform(.resolve(outcome: outcome, note: note), on: id, by: csm,
                                   at: start + Int64(2 + roll % 6) * 3_600, asOf: day, in: database)
        }
    }

    /// What the CSM does once they have seen the alert: an email, a rescue call for a
    /// detractor, a meeting for a red or orange health drop, logged as a person would log it. The control group gets no such
    /// call: this is the difference `folio report program` measures.
    static func reachOut(about alert: Alert, by csm: User, at moment: Int64, asOf: Day, in database: FolioDatabase) throws {
        // Only the signals a recovery answers (a drop in health or usage, a detractor); a
        // quiet account is the CSM's own habit, which the demo's stories leave as it is.
        guard [.healthDrop, .usageDrop, .detractor].contains(alert.kind), let account = try database.read({ db in
            try Account.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [alert.accountID])
        }) else { return }
        let day = min(Moment(seconds: moment).day, asOf)
        let meeting = alert.kind == .healthDrop && alert.severity >= .orange
        let summary: String = switch alert.kind {
        case .healthDrop: meeting ? "Working session after the health drop: went through usage and agreed a plan" : "Wrote about the dip in usage, with two things to try"
        case .usageDrop: "Wrote about the drop in key actions; offered a training for the team"
        case .detractor: "Rescue call after the NPS response; listened, agreed fixes and a follow-up"
        case .checkinOverdue, .goneDark: "Check-in call: caught up on their plans"
        case .paymentOverdue: "Call with finance about the overdue invoice"
        case .criticalCases: "Call with the support lead about the open critical cases"
        case .sponsorLeft: "Call to find the new executive sponsor"
        case .usageSurge: "Call about the growth in usage; introduced the AE"
        }
        // A meeting for a serious drop, a rescue call for a detractor, otherwise an email;
        // the stretched CSM of STORIES.md (the weak book, coverage under 80 %) only writes.
        let stretched = csm.login == DemoBook.stretchedCSM
        let kind: Activity.Kind = stretched ? .email : meeting ? .meeting : alert.kind == .detractor ? .call : .email
        let said = kind == .email && (meeting || alert.kind == .detractor) ? "Wrote after the alert, proposing a call" : summary
        let draft = ActivityDraft(kind: kind, direction: .outbound, date: day, summary: said)
        _ = try? ActivityLog(database: database).record(draft, on: account, by: csm, asOf: asOf, now: moment)
    }

    private static func ownerOf(_ alert: Alert, in database: FolioDatabase) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT owner FROM account WHERE id = ?", arguments: [alert.accountID]) }
    }

    /// The same decision on every replay.
    private static func hash(_ alert: Alert, _ salt: String) -> UInt64 {
        StableHash("\(alert.accountID):\(alert.kind.rawValue):\(alert.raisedOn.iso):\(salt)").value
    }
}
