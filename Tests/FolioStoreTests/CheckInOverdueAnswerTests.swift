import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// A logged activity answers the account's check-in-overdue alert at once, in the log's
/// transaction (the CLI's `folio log` and the interface alike).
@Suite("A logged activity answers the check-in-overdue alert")
struct CheckInOverdueAnswerTests {
    static let asOf = AlertDeskTests.asOf

    /// The fixture after a first run that raises what it finds: A1 (ana's) is 53 days quiet.
    func raised() throws -> (Scratch, FolioDatabase, Alert) {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        try AlertDeskTests.run.run(asOf: Self.asOf, in: db, now: 1)
        let alert = try #require(try db.read {
            try Alert.fetchOne($0, sql: "SELECT * FROM alert WHERE kind = 'checkin-overdue' AND account_id = 'A1' AND state = 'open'")
        })
        return (scratch, db, alert)
    }

    func log(_ kind: Activity.Kind, dated date: Day, in db: FolioDatabase) throws -> ActivityLog.Logged {
        let ana = try db.read { try Book.user("ana", in: $0)! }
        let account = try db.read { try Account.find(id: "A1", in: $0)! }
        return try ActivityLog(database: db).record(ActivityDraft(kind: kind, date: date, summary: "Spoke to the sponsor"), on: account,
                                                    by: ana, asOf: Self.asOf, now: 1_800_000_000)
    }

    @Test(arguments: [Activity.Kind.call, .meeting])
    func loggingACallOrAMeetingResolvesItAsRecoveredAndAuditsIt(kind: Activity.Kind) throws {
        let (scratch, db, alert) = try raised()
        defer { withExtendedLifetime(scratch) {} }
        let logged = try log(kind, dated: Self.asOf, in: db)
        #expect(logged.answered.map(\.id) == [alert.id])
        let after = try #require(try db.read { try AlertDesk.alert(alert.id!, in: $0) })
        #expect(after.state == .resolved && after.outcome == .recovered && after.resolvedBy == "ana" && after.resolvedAt == 1_800_000_000)
        #expect(after.note == "answered by activity \(logged.activity.id)")
        let audit = try db.read {
            try Row.fetchOne($0, sql: "SELECT actor, before, after FROM audit_entry WHERE action = 'alert.resolve' AND subject = ?",
                             arguments: ["alert \(alert.id!)"])
        }
        #expect(audit?["actor"] as String? == "ana")
        #expect((audit?["before"] as String?)?.contains("\"state\":\"open\"") == true)
        #expect(try db.read { try AlertDesk.trail(of: alert.id!, in: $0) }.last?.action == "resolve")
        // The next daily run agrees: nothing raised again, nothing left to recover.
        let next = try AlertDeskTests.run.run(asOf: Self.asOf.adding(days: 1), in: db, now: 2)
        #expect(next.alertsRaised == 0 && next.alertsRecovered == 0)
    }

    @Test func anActivityOlderThanTheTiersLimitDoesNotAnswerIt() throws {
        let (scratch, db, alert) = try raised()
        defer { withExtendedLifetime(scratch) {} }
        // Enterprise: 45 days; logged today for a call 50 days ago.
        let logged = try log(.call, dated: Self.asOf.adding(days: -50), in: db)
        #expect(logged.answered.isEmpty)
        #expect(try db.read { try AlertDesk.alert(alert.id!, in: $0) }?.state == .open)
    }
}
