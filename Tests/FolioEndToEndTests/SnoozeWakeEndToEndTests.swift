import Foundation
import Testing

/// `folio alerts snooze --wake-on`: until a day or, whichever comes first, the customer's
/// reply (logging it wakes the alert at once) or the account worsening.
@Suite("snoozes that end early, on the command line")
struct SnoozeWakeEndToEndTests {
    @Test func aReplyLoggedWakesASnoozeThatWaitsForOne() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try TriageTmuxTests.demo(folio)
        let alerts = try TriageTmuxTests.alerts(folio, db, "jonas.muller")
        let alert = try #require(alerts.first { $0["state"] as? String == "open" && $0["kind"] as? String != "checkin-overdue" })
        let id = try #require(alert["id"] as? Int), account = try #require(alert["account"] as? String)

        let bogus = try folio.run("alerts", "snooze", "\(id)", "--until", "2w", "--reason", "r", "--wake-on", "later", "--db", db, "--user", "jonas.muller")
        #expect(bogus.status == 2 && bogus.stderr.contains("--wake-on later: expected worse or reply"), "\(bogus.stderr)")

        let snoozed = try folio.run("alerts", "snooze", "\(id)", "--until", "2w", "--reason", "waiting on their CFO",
                                    "--wake-on", "worse,reply", "--db", db, "--user", "jonas.muller")
        #expect(snoozed.status == 0 && snoozed.stdout.contains("snoozed until 2w or until it worsens or they reply"), "\(snoozed.stderr)")
        let asSnoozed = try #require(TriageTmuxTests.alert(id, in: try TriageTmuxTests.alerts(folio, db, "jonas.muller")))
        #expect(asSnoozed["state"] as? String == "snoozed" && asSnoozed["snoozeWakesOn"] as? [String] == ["worse", "reply"])

        let logged = try folio.run("log", account, "--type", "email", "--direction", "inbound", "--summary", "They wrote back",
                                   "--db", db, "--user", "jonas.muller")
        #expect(logged.status == 0, "\(logged.stderr)")
        let woken = try #require(TriageTmuxTests.alert(id, in: try TriageTmuxTests.alerts(folio, db, "jonas.muller")))
        #expect(woken["state"] as? String == "open" && woken["snoozeWakesOn"] == nil)
    }
}
