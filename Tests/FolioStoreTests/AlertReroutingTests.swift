import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// The daily run asks the routing again for open alerts: an alert raised before the renewal
/// came within 90 days reaches the AE once it has.
@Suite("Open alerts routed again by the daily run")
struct AlertReroutingTests {
    @Test func theAEIsAddedOnceTheRenewalIsNearAndTheTrailSaysSo() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        defer { withExtendedLifetime(scratch) {} }
        _ = try importer(db)(Portfolio.write(to: scratch))
        // A1 (ana's, sold by sam) renews in 53 days: raised when it was further off, only ana heard.
        var alert = Alert(accountID: "A1", kind: .checkinOverdue, severity: .amber, reason: "no activity for 50 days",
                          raisedOn: AlertDeskTests.asOf.adding(days: -7), raisedAt: 1, dueBy: 2, recipients: ["ana"])
        try db.write { try alert.raise(in: $0) }
        try AlertDeskTests.run.run(asOf: AlertDeskTests.asOf, in: db, now: 10)
        let after = try #require(try db.read { try AlertDesk.alert(alert.id!, in: $0) })
        #expect(after.recipients == ["ana", "sam"] && after.state == .open)
        let trail = try db.read { try AlertDesk.trail(of: alert.id!, in: $0) }
        #expect(trail.map(\.action) == ["reroute"] && trail.first?.actor == "folio")
        // Sam now sees it in his alerts; the next run has no one more to add.
        let sam = try db.read { try Book.user("sam", in: $0)! }
        #expect(try db.read { try AlertDesk.list(for: sam, scope: .mine, in: $0) }.contains { $0.alert.id == alert.id })
        try AlertDeskTests.run.run(asOf: AlertDeskTests.asOf.adding(days: 1), in: db, now: 20)
        #expect(try db.read { try AlertDesk.trail(of: alert.id!, in: $0) }.count == 1)
    }
}
