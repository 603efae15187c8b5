import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// Alerts in the store: raised by the daily run once, acted on by the right people, with a trail.
@Suite("Alerts in the store")
struct AlertDeskTests {
    static let asOf = Day(iso: "2026-11-23")!

    func portfolio() throws -> (Scratch, FolioDatabase) {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        return (scratch, db)
    }

    func user(_ login: String, in database: FolioDatabase) throws -> User {
        try database.read { try Book.user(login, in: $0)! }
    }

    func alert(_ kind: Alert.Kind, account: String, in database: FolioDatabase) throws -> Alert? {
        try database.read { db in
            try Alert.filter(Alert.Columns.kind == kind && Alert.Columns.accountID == account).order(Alert.Columns.id.desc).fetchOne(db)
                .flatMap { try Alert.find(id: $0.id!, in: db) }
        }
    }

    /// No control group, so every alert of the fixture is routed; the fixture's first run
    /// raises what it finds.
    static var run: DailyRun {
        DailyRun(profile: .standard, steps: [ScoreStep(), AlertStep(policy: AlertPolicy(holdoutShare: 0), raiseExisting: true)])
    }

    @Test func aFirstRunRecordsStatesAsTheBaselineAndRaisesFacts() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let run = DailyRun(profile: .standard, steps: [ScoreStep(), AlertStep(policy: AlertPolicy(holdoutShare: 0))])
        let first = try run.run(asOf: Self.asOf, in: db, now: 1)
        #expect(first.alertsBaselined >= 1)
        #expect(first.line.contains("recorded as the baseline, not raised"))
        #expect(try alert(.checkinOverdue, account: "A1", in: db) == nil) // a state: baseline
        #expect(try alert(.paymentOverdue, account: "A2", in: db) != nil) // a fact: raised
        // The baseline is remembered: A1 stays quiet, and fires only once it has cleared and gone quiet again.
        let next = try run.run(asOf: Self.asOf.adding(days: 1), in: db, now: 2)
        #expect(next.alertsBaselined == 0)
        #expect(try alert(.checkinOverdue, account: "A1", in: db) == nil)
    }

    @Test func theRunRaisesWhatTheFixtureDeservesOnce() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let first = try Self.run.run(asOf: Self.asOf, in: db, now: 1)
        let payment = try #require(try alert(.paymentOverdue, account: "A2", in: db))
        #expect(payment.reason == "payment 35 days overdue")
        #expect(payment.recipients == ["kenji"]) // no AE on A2
        #expect(payment.dueBy == payment.raisedAt + 48 * 3600)
        let checkIn = try #require(try alert(.checkinOverdue, account: "A1", in: db))
        #expect(checkIn.recipients == ["ana", "sam"]) // renewal in 53 days: the AE hears too
        #expect(checkIn.reason.hasPrefix("no activity for 53 days (enterprise limit 45) · ARR 250k · score "))
        #expect(first.alertsRaised >= 2)

        let before = try db.dump()
        let second = try Self.run.run(asOf: Self.asOf, in: db, now: 2)
        #expect(second.alertsRaised == 0 && second.alertsEscalated == 0 && second.alertsRecovered == 0)
        #expect(try db.dump() == before)
    }

    @Test func onlyTheOwnerTheirManagersOrRecipientsMayAct() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        try Self.run.run(asOf: Self.asOf, in: db, now: 1)
        let id = try #require(try alert(.checkinOverdue, account: "A1", in: db)?.id)
        let now = AlertPolicy.standard.runInstant(of: Self.asOf) + 3 * 3600

        #expect(throws: AlertActionFailure.notAllowed(id, login: "kenji", reason: "only the account's CSM (ana), their managers, a VP or the alert's recipients may")) {
            try AlertDesk.perform(.acknowledge, on: id, by: try user("kenji", in: db), at: now, asOf: Self.asOf, in: db)
        }
        let acked = try AlertDesk.perform(.acknowledge, on: id, by: try user("sam", in: db), at: now, asOf: Self.asOf, in: db)
        #expect(acked.state == .acknowledged && acked.acknowledgedBy == "sam" && acked.acknowledgedAt == now)
        #expect(throws: AlertActionFailure.conflict(id, "already acknowledged by sam at 2026-11-23 09:00 UTC")) {
            try AlertDesk.perform(.acknowledge, on: id, by: try user("max", in: db), at: now + 60, asOf: Self.asOf, in: db)
        }
        let resolved = try AlertDesk.perform(.resolve(outcome: .saved, note: "QBR booked"), on: id, by: try user("vera", in: db),
                                             at: now + 120, asOf: Self.asOf, in: db)
        #expect(resolved.state == .resolved && resolved.outcome == .saved && resolved.note == "QBR booked")
        #expect(throws: AlertActionFailure.conflict(id, "already resolved by vera at 2026-11-23 09:02 UTC (saved)")) {
            try AlertDesk.perform(.snooze(until: Self.asOf.adding(days: 3), reason: "later"), on: id, by: try user("ana", in: db),
                                  at: now + 180, asOf: Self.asOf, in: db)
        }
        #expect(throws: AlertActionFailure.notFound(9_999)) {
            try AlertDesk.perform(.acknowledge, on: 9_999, by: try user("ana", in: db), at: now, asOf: Self.asOf, in: db)
        }
        let trail = try db.read { try AlertDesk.trail(of: id, in: $0) }
        #expect(trail.map(\.action) == ["raise", "acknowledge", "resolve"])
        #expect(trail.map(\.actor) == ["folio", "sam", "vera"])
        let audited = try db.read { try String.fetchAll($0, sql: "SELECT action FROM audit_entry WHERE subject = ? ORDER BY id", arguments: ["alert \(id)"]) }
        #expect(audited == ["alert.acknowledge", "alert.resolve"])
    }

    /// A hand-over tells someone else of the alert; being told, they may acknowledge it, and
    /// the trail and the audit log say who passed it on.
    @Test func aHandOverTellsSomeoneWhoMayThenAcknowledge() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        try Self.run.run(asOf: Self.asOf, in: db, now: 1)
        let id = try #require(try alert(.checkinOverdue, account: "A1", in: db)?.id)
        let now = AlertPolicy.standard.runInstant(of: Self.asOf) + 3_600
        #expect(throws: AlertActionFailure.notAllowed(id, login: "sam", reason: "only the account's CSM (ana), their managers or a VP may hand it over; its recipients acknowledge it")) {
            try AlertDesk.perform(.handOver(to: "kenji"), on: id, by: try user("sam", in: db), at: now, asOf: Self.asOf, in: db)
        }
        #expect(throws: AlertActionFailure.invalid("nobody is not a user: alert \(id) can only be handed over to one")) {
            try AlertDesk.perform(.handOver(to: "nobody"), on: id, by: try user("ana", in: db), at: now, asOf: Self.asOf, in: db)
        }
        let handed = try AlertDesk.perform(.handOver(to: "kenji"), on: id, by: try user("ana", in: db), at: now, asOf: Self.asOf, in: db)
        #expect(handed.recipients == ["ana", "sam", "kenji"])
        #expect(throws: AlertActionFailure.conflict(id, "already routed to kenji")) {
            try AlertDesk.perform(.handOver(to: "kenji"), on: id, by: try user("ana", in: db), at: now, asOf: Self.asOf, in: db)
        }
        let acked = try AlertDesk.perform(.acknowledge, on: id, by: try user("kenji", in: db), at: now + 60, asOf: Self.asOf, in: db)
        #expect(acked.acknowledgedBy == "kenji")
        let trail = try db.read { try AlertDesk.trail(of: id, in: $0) }
        #expect(trail.map(\.action) == ["raise", "hand-over", "acknowledge"])
        #expect(trail.map(\.actor) == ["folio", "ana", "kenji"])
    }

    @Test func aSnoozeReopensOnItsDay() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        try Self.run.run(asOf: Self.asOf, in: db, now: 1)
        let id = try #require(try alert(.paymentOverdue, account: "A2", in: db)?.id)
        let kenji = try user("kenji", in: db)
        #expect(throws: AlertActionFailure.invalid("snooze until 2026-11-23: pick a day after 2026-11-23")) {
            try AlertDesk.perform(.snooze(until: Self.asOf, reason: "x"), on: id, by: kenji, at: 0, asOf: Self.asOf, in: db)
        }
        #expect(throws: AlertActionFailure.invalid("a snooze needs a reason (--reason)")) {
            try AlertDesk.perform(.snooze(until: Self.asOf.adding(days: 7), reason: " "), on: id, by: kenji, at: 0, asOf: Self.asOf, in: db)
        }
        let snoozed = try AlertDesk.perform(.snooze(until: Self.asOf.adding(days: 7), reason: "finance team on holiday"),
                                            on: id, by: kenji, at: 0, asOf: Self.asOf, in: db)
        #expect(snoozed.state == .snoozed)
        let midweek = try Self.run.run(asOf: Self.asOf.adding(days: 3), in: db, now: 2)
        #expect(midweek.alertsReopened == 0)
        #expect(try alert(.paymentOverdue, account: "A2", in: db)?.state == .snoozed)
        let due = try Self.run.run(asOf: Self.asOf.adding(days: 7), in: db, now: 3)
        #expect(due.alertsReopened == 1)
        let reopened = try #require(try alert(.paymentOverdue, account: "A2", in: db))
        #expect(reopened.id == id && reopened.state == .open && reopened.snoozedUntil == nil)
    }

    /// Issue 15, item 9: the control group is held out of the score-based signals being
    /// measured (health drop, usage drop and surge); a fact such as an overdue payment or a
    /// detractor reaches people on every account.
    @Test func theControlGroupIsHeldOutOfScoreSignalsOnly() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let run = DailyRun(profile: .standard, steps: [ScoreStep(), AlertStep(policy: AlertPolicy(holdoutShare: 1), raiseExisting: true)])
        let summary = try run.run(asOf: Self.asOf, in: db, now: 1)
        let all = try db.read { try Alert.fetchAll($0, sql: "SELECT * FROM alert ORDER BY id") }
        let shadows = all.filter(\.shadow)
        #expect(!shadows.isEmpty && Set(shadows.map(\.kind)).isSubset(of: AlertPolicy.scoreSignals))
        #expect(shadows.contains { $0.kind == .healthDrop && $0.accountID == "A2" })
        #expect(summary.shadowAlerts == shadows.count && summary.alertsRaised == all.count - shadows.count)
        let payment = try #require(try alert(.paymentOverdue, account: "A2", in: db))
        #expect(!payment.shadow && payment.recipients.contains("kenji"))
    }

    @Test func theControlGroupGetsShadowsRoutedToNoOne() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        var policy = AlertPolicy(holdoutShare: 1)
        policy.holdoutKinds = [.paymentOverdue]
        let run = DailyRun(profile: .standard, steps: [ScoreStep(), AlertStep(policy: policy, raiseExisting: true)])
        let summary = try run.run(asOf: Self.asOf, in: db, now: 1)
        #expect(summary.shadowAlerts == 1)
        let shadow = try #require(try alert(.paymentOverdue, account: "A2", in: db))
        #expect(shadow.shadow && shadow.recipients.isEmpty)
        let listed = try db.read { try AlertDesk.list(for: try Book.user("kenji", in: $0)!, scope: .all, in: $0) }
        #expect(!listed.contains { $0.alert.id == shadow.id })
        #expect(throws: AlertActionFailure.notAllowed(shadow.id!, login: "kenji", reason: "it is a control-group alert, recorded but routed to no one")) {
            try AlertDesk.perform(.acknowledge, on: shadow.id!, by: try user("kenji", in: db), at: 0, asOf: Self.asOf, in: db)
        }
    }

    @Test func aPaymentSettledRecoversTheAlert() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        try Self.run.run(asOf: Self.asOf, in: db, now: 1)
        _ = try importer(db)([scratch.write("payments.csv", "account_id,as_of,days_overdue\nA2,2026-11-24,0\n")])
        let summary = try Self.run.run(asOf: Self.asOf.adding(days: 1), in: db, now: 2)
        #expect(summary.alertsRecovered >= 1)
        let alert = try #require(try alert(.paymentOverdue, account: "A2", in: db))
        #expect(alert.state == .resolved && alert.outcome == .recovered && alert.resolvedBy == "folio")
    }

    @Test func listsFollowWhoIsLooking() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        try Self.run.run(asOf: Self.asOf, in: db, now: 1)
        let accounts = { (login: String, scope: PortfolioScope) in
            Set(try db.read { try AlertDesk.list(for: try Book.user(login, in: $0)!, scope: scope, in: $0) }.map(\.alert.accountID))
        }
        #expect(try accounts("ana", .mine) == ["A1"])
        #expect(try accounts("kenji", .mine).isSuperset(of: ["A2"]) && !(try accounts("kenji", .mine).contains("A1")))
        #expect(try accounts("max", .team).isSuperset(of: ["A1", "A2"]))
        #expect(try accounts("sam", .mine) == ["A1"])
    }
}
