import Foundation
import Testing

/// `folio import` as a CS-ops person uses it: who may, the built-in mappings, a dry run,
/// a quarantine, and the exit codes of each.
@Suite("folio import")
struct ImportCommandTests {
    @Test func whoMayImportDryRunsAndTheQuarantine() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let file = folio.write("payments.csv", "account_id,as_of,days_overdue\nACC-0001,2026-11-25,0\nNOPE,2026-11-25,3\n")

        let csm = try folio.run("import", file, "--user", "chen.wei")
        #expect(csm.status == 1)
        #expect(csm.stderr.hasPrefix("folio: chen.wei is a csm, and importing is allowed to manager, vp on this database"))
        let stranger = try folio.run("import", file, "--user", "intruder")
        #expect(stranger.status == 2) // not a user: a usage problem, as for every other command
        #expect(stranger.stderr.hasPrefix("folio: \"intruder\" is not a user of this database"))
        // Nobody named (an empty --user, as an unset variable in a script gives): said so, not a stand-in login.
        let nobody = try folio.run("import", file, "--user", "")
        #expect(nobody.status == 2 && nobody.stderr.hasPrefix("folio: no user was given; importing is recorded under a user"), "\(nobody.stderr)")

        let dry = try folio.run("import", file, "--dry-run", "--user", "marta.novak")
        #expect(dry.status == 65)
        #expect(dry.stdout.contains("\(file):3:1: account_id: no account \"NOPE\""))
        #expect(dry.stdout.hasSuffix("dry run: this import would be refused (1 problem above); nothing was written\n"))

        let refused = folio.home.appendingPathComponent("refused.csv").path
        let quarantined = try folio.run("import", file, "--quarantine", refused, "--user", "marta.novak")
        #expect(quarantined.status == 0, "\(quarantined.stderr)")
        #expect(quarantined.stdout.contains("1 new, 0 changed, 0 unchanged; 1 quarantined"))
        let lines = try String(contentsOfFile: refused, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2 && lines[1].hasPrefix("\(file),3,") && lines[1].hasSuffix(",NOPE,2026-11-25,3"))

        #expect(try folio.run("import", "--roles", "csm,manager,vp", "--user", "marta.novak").status == 1)
        let roles = try folio.run("import", "--roles", "csm,manager,vp", "--user", "helena.vasquez")
        #expect(roles.status == 0 && roles.stdout == "who may import: csm, manager, vp\n")
        let again = folio.write("payments.csv", "account_id,as_of,days_overdue\nACC-0001,2026-11-26,0\n")
        #expect(try folio.run("import", again, "--user", "chen.wei").status == 0)
    }

    @Test func theBuiltInMappingsAreListedShownAndSuggested() throws {
        let folio = Folio()
        defer { folio.remove() }
        let maps = try folio.run("import", "--maps")
        #expect(maps.status == 0)
        for name in ["salesforce-report-accounts", "salesforce-report-contacts", "salesforce-report-opportunities",
                     "salesforce-dataloader-accounts", "salesforce-dataloader-contacts", "hubspot-companies", "hubspot-contacts",
                     "zendesk-tickets", "delighted-nps", "mixpanel-events", "amplitude-events", "segment-tracks", "usage-daily"] {
            #expect(maps.stdout.contains("\n\(name) (") || maps.stdout.hasPrefix("\(name) ("), "\(name)")
        }
        let shown = try folio.run("import", "--show-map", "zendesk-tickets")
        #expect(shown.status == 0 && shown.stdout.contains("  Urgent: critical\n"))
        #expect(try folio.run("import", "--show-map", "zendesk").status == 2)
        let export = folio.write("report1763634530123.csv", "\"Account ID\",\"Account Name\",\"Account Owner\",\"Annual Revenue\",\"Plan Tier\"\n\"0015g00000XyZab\",\"Nordlicht\",\"Priya Shah\",\"310000000\",\"Gold\"\n")
        let draft = try folio.run("import", "--suggest-map", export)
        #expect(draft.status == 0)
        #expect(draft.stdout.contains("\nextends: salesforce-report-accounts\n"))
        #expect(draft.stdout.contains("  Plan Tier: tier   # a guess from its name: check it\n"))
        #expect(try folio.run("import").status == 2)
    }

    static let exports = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Exports")

    /// A CS-ops person's first hour: the team, then a Salesforce report as exported, with the
    /// built-in mapping; a draft for a Windows re-save; a report with a bad row refused where it is.
    @Test func aSalesforceReportImportsAsExported() throws {
        let folio = Folio()
        defer { folio.remove() }
        let users = try folio.run("import", Self.exports.appendingPathComponent("users-northwind.csv").path, "--user", "dana.reyes")
        #expect(users.status == 0, "\(users.stderr)")
        let report = Self.exports.appendingPathComponent("salesforce-report-accounts/report1763634530123.csv").path
        let imported = try folio.run("import", "--map", "salesforce-report-accounts", report, "--user", "dana.reyes")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("\(report): 4 accounts rows; 4 new, 0 changed, 0 unchanged"), "\(imported.stdout)")
        #expect(imported.stdout.contains("skipped the Salesforce report footer from line 7"), "\(imported.stdout)")
        let book = try folio.run("accounts", "--json", "--user", "dana.reyes")
        #expect(book.status == 0 && book.stdout.contains("Smith & Sons, Plumbing"), "\(book.stderr)")

        let german = try folio.run("import", "--suggest-map", Self.exports.appendingPathComponent("salesforce-report-accounts/report-de-excel.csv").path)
        #expect(german.status == 0, "\(german.stderr)")
        #expect(german.stdout.contains("\nextends: salesforce-report-accounts\nencoding: windows-1252"), "\(german.stdout)")

        let text = try String(contentsOfFile: report, encoding: .utf8).replacingOccurrences(of: "\"3/1/2024\"", with: "\"3/1/24 9am\"")
        let spoiled = folio.write("report1763634530124.csv", text)
        let refused = try folio.run("import", "--map", "salesforce-report-accounts", spoiled, "--user", "dana.reyes")
        #expect(refused.status == 65)
        #expect(refused.stderr == """
            \(spoiled):2:10: contract_start (from "Contract Start Date"): "3/1/24 9am" is not a valid date; expected YYYY-MM-DD (a time may follow) or the en-US short date
            import refused: nothing was written

            """, "\(refused.stderr)")
    }
}
