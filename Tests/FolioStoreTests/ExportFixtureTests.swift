import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// Every built-in mapping imports its fixture (a file as the source tool writes it, see
/// `Tests/Fixtures/Exports/*/README.md`) as it is, and again without changing anything.
@Suite("Exports from real tools")
struct ExportFixtureTests {
    static let exports = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Exports")

    static func fixture(_ path: String) -> String { exports.appendingPathComponent(path).path }

    static func run(_ db: FolioDatabase, _ paths: [String], map: String? = nil, mapFile: String? = nil,
                    quarantine: Bool = false) throws -> ImportSummary {
        var options = PortfolioImporter.Options(mapping: try map.map { try ImportMapping.builtIn($0) } ?? mapFile.map { try ImportMapping.load(path: $0) },
                                                actor: "dana.reyes", at: 1_763_640_000)
        options.quarantine = quarantine
        return try PortfolioImporter(database: db).run(paths: paths, options: options)
    }

    /// The team (users.csv with CRM user ids as keys), then the HubSpot companies, with their
    /// time zones added by a partial update: the base of the support, survey and usage fixtures.
    static func hubspotBook(_ scratch: Scratch) throws -> FolioDatabase {
        let db = try scratch.database()
        // One run: users.csv is read in Folio's columns, the export with the mapping.
        let summary = try run(db, [fixture("hubspot-companies/hubspot-crm-exports-all-companies-2026-11-20.csv"), fixture("users-northwind.csv")],
                              map: "hubspot-companies")
        #expect(summary.files.map(\.kind) == [.users, .accounts])
        #expect(summary.files[0].notes.first == "read as users in Folio's own columns, as its name says (the mapping hubspot-companies is for accounts)")
        let zones = scratch.write("accounts.csv", "id,timezone\n9381204715,Europe/Berlin\n9381204716,America/Los_Angeles\n")
        _ = try run(db, [zones])
        return db
    }

    static func accounts(_ db: FolioDatabase) throws -> [Account] {
        try db.read { try Account.fetchAll($0, sql: "SELECT * FROM account ORDER BY id") }
    }

    // MARK: Salesforce

    @Test func salesforceAccountReport() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try Self.run(db, [Self.fixture("users-northwind.csv")])
        let report = Self.fixture("salesforce-report-accounts/report1763634530123.csv")
        let summary = try Self.run(db, [report], map: "salesforce-report-accounts")
        #expect(summary.files[0].rows == 4)
        #expect(summary.files[0].notes.contains { $0.hasPrefix("skipped the Salesforce report footer from line 7") })
        let accounts = try Self.accounts(db)
        #expect(accounts.map(\.id) == ["0015g00000XyZab", "0015g00000XyZac", "0015g00000XyZad", "0015g00000XyZae"])
        #expect(accounts.map(\.owner) == ["priya.shah", "lukas.berg", "lukas.berg", "priya.shah"])
        #expect(accounts.map(\.tier) == [.enterprise, .midMarket, .smb, .smb])
        // ARR, never Annual Revenue (310,000,000 is Nordlicht's own revenue).
        #expect(accounts.map(\.arr) == [Money(units: 420_000), Money(cents: 8_750_050), Money(units: 6400), Money(units: 12_000)])
        #expect(accounts[0].contractStart == Day(iso: "2024-03-01") && accounts[0].renewalDate == Day(iso: "2027-03-01"))
        #expect(accounts[1].name == "Ōkawa Design 株式会社" && accounts[2].name == "Smith & Sons, Plumbing")
        #expect(accounts[2].seats == nil && accounts[0].seats == 350)
        #expect(accounts[3].timezone == "Europe/Paris")
        let again = try Self.run(db, [report], map: "salesforce-report-accounts")
        #expect(again.files[0].added == 0 && again.files[0].changed == 0 && again.files[0].unchanged == 4)
    }

    @Test func salesforceReportReSavedByGermanExcelWithTheOrgsOwnFields() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try Self.run(db, [Self.fixture("users-northwind.csv")])
        let summary = try Self.run(db, [Self.fixture("salesforce-report-accounts/report-de-excel.csv")],
                                   mapFile: Self.fixture("salesforce-report-accounts/northwind-accounts.yaml"))
        #expect(summary.files[0].rows == 3)
        let accounts = try Self.accounts(db)
        #expect(accounts.map(\.name) == ["Nordlicht Logistik GmbH", "Ökawa Design GmbH", "Café Lumière, SARL"])
        #expect(accounts.map(\.arr) == [Money(units: 420_000), Money(cents: 8_750_050), Money(units: 12_000)])
        #expect(accounts.map(\.tier) == [.enterprise, .smb, .smb])
        #expect(accounts[1].contractStart == Day(iso: "2025-11-15"))
        let plans = try db.read { try AccountAttributes.values(named: "plan", in: $0) }
        #expect(plans["0015g00000XyZac"]?.text == "Team Monthly")
        let methods = try db.read { try AccountAttributes.values(named: "payment_method", in: $0) }
        #expect(methods["0015g00000XyZae"]?.text == "SEPA Direct Debit")
        #expect(try db.read { try AccountAttributes.names(in: $0) } == ["payment_method", "plan"])
        let okawa = try db.read { try AccountAttributes.attributes(ofAccount: "0015g00000XyZac", in: $0) }
        #expect(okawa["plan"] == AccountAttributes.Value(text: "Team Monthly", number: nil))
    }

    @Test func dataLoaderAccountsUpdateTheReportsAccountsByTheir18CharacterIds() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try Self.run(db, [Self.fixture("users-northwind.csv")])
        _ = try Self.run(db, [Self.fixture("salesforce-report-accounts/report1763634530123.csv")], map: "salesforce-report-accounts")
        let summary = try Self.run(db, [Self.fixture("salesforce-dataloader-accounts/extract.csv")], map: "salesforce-dataloader-accounts")
        #expect(summary.files[0].added == 1 && summary.files[0].changed == 1 && summary.files[0].unchanged == 1)
        let accounts = try Self.accounts(db)
        #expect(accounts.count == 5)
        let nordlicht = try #require(accounts.first { $0.id == "0015g00000XyZab" })
        #expect(nordlicht.arr == Money(units: 441_000) && nordlicht.seats == 380)
        let brightwater = try #require(accounts.first { $0.id == "0015g00000XyZafAAF" })
        #expect(brightwater.owner == "lukas.berg") // OwnerId, through the user's CRM id
        #expect(brightwater.arr == Money(units: 64_000) && brightwater.tier == .midMarket)
        // The audit keeps what changed, before and after.
        let audit = try db.read { try Row.fetchOne($0, sql: "SELECT subject, before, after FROM audit_entry WHERE action = 'import.change'") }
        #expect(audit?["subject"] == "account 0015g00000XyZab")
        #expect(audit?["before"] == #"{"arr":"420000","seats":350}"#)
        #expect(audit?["after"] == #"{"arr":"441000","seats":380}"#)
    }

    @Test func contactsFromTheReportThenFromDataLoader() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try Self.run(db, [Self.fixture("users-northwind.csv")])
        _ = try Self.run(db, [Self.fixture("salesforce-report-accounts/report1763634530123.csv")], map: "salesforce-report-accounts")
        _ = try Self.run(db, [Self.fixture("salesforce-dataloader-accounts/extract.csv")], map: "salesforce-dataloader-accounts")
        let report = try Self.run(db, [Self.fixture("salesforce-report-contacts/report1763634612456.csv")], map: "salesforce-report-contacts")
        #expect(report.files[0].added == 4)
        let contacts = try db.read { try Contact.fetchAll($0, sql: "SELECT * FROM contact ORDER BY id") }
        #expect(contacts.map(\.name) == ["Jana Köhler", "Tobias Wendt", "Haruto Okawa", "Élodie Bernard"])
        #expect(contacts.map(\.roles) == [[.sponsor], [.champion, .primary], [.sponsor], []])
        #expect(contacts.map(\.optOut) == [false, false, true, false])
        #expect(contacts[2].accountID == "0015g00000XyZac")
        let loader = try Self.run(db, [Self.fixture("salesforce-dataloader-contacts/extract.csv")], map: "salesforce-dataloader-contacts")
        #expect(loader.files[0].added == 1) // Amelia; Jana and Haruto are the report's contacts by their 18-character ids
        #expect(try db.count("contact") == 5)
        let amelia = try db.read { try Contact.fetchOne($0, sql: "SELECT * FROM contact WHERE id = '0035g00000Kq1aEAAR'") }
        #expect(amelia?.accountID == "0015g00000XyZafAAF")
    }

    @Test func renewalOpportunitiesFeedTheRenewals() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try Self.run(db, [Self.fixture("users-northwind.csv")])
        _ = try Self.run(db, [Self.fixture("salesforce-report-accounts/report1763634530123.csv")], map: "salesforce-report-accounts")
        let path = Self.fixture("salesforce-report-opportunities/report1763634700789.csv")
        let summary = try Self.run(db, [path], map: "salesforce-report-opportunities")
        #expect(summary.files[0].added == 3)
        let opportunities = try db.read { try RenewalOpportunity.fetchAll($0, sql: "SELECT * FROM renewal_opportunity ORDER BY crm_id") }
        #expect(opportunities.map(\.crmID) == ["0065g00000Rn7xA", "0065g00000Rn7xB", "0065g00000Rn7xC"])
        #expect(opportunities.map(\.stage) == [.ninetyDaysOut, .closedWon, .ninetyDaysOut])
        #expect(opportunities[0].amount == Money(units: 441_000) && opportunities[0].closeDate == Day(iso: "2027-03-01"))
        #expect(opportunities[1].closedOn == Day(iso: "2026-11-15"))
        #expect(opportunities[2].owner == "priya.shah")
        let stages = try db.read { try String.fetchAll($0, sql: "SELECT crm_stage FROM renewal_opportunity ORDER BY crm_id") }
        #expect(stages == ["Negotiation/Review", "Closed Won", "Prospecting"])
        #expect(try Self.run(db, [path], map: "salesforce-report-opportunities").files[0].unchanged == 3)
    }

    @Test func dataLoaderUsersBecomeFolioUsersKeyedByTheirIds() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        let summary = try Self.run(db, [Self.fixture("salesforce-dataloader-users/extract.csv")], map: "salesforce-dataloader-users")
        #expect(summary.files[0].added == 3)
        let users = try db.read { try User.fetchAll($0, sql: "SELECT * FROM user ORDER BY login") }
        #expect(users.map(\.login) == ["dreyes", "lberg", "pshah"])
        #expect(users.map(\.role) == [.csm, .csm, .csm])
        #expect(users.first { $0.login == "pshah" }?.managerLogin == "dreyes")
        let keys = try db.read { try String.fetchAll($0, sql: "SELECT key FROM external_key WHERE kind = 'user' ORDER BY key") }
        #expect(keys == ["0055g00000AbCdE", "0055g00000AbCdF", "0055g00000AbCdH"])
    }

    // MARK: HubSpot

    @Test func hubspotCompaniesAndContacts() throws {
        let scratch = Scratch()
        let db = try Self.hubspotBook(scratch)
        let accounts = try Self.accounts(db)
        #expect(accounts.map(\.id) == ["9381204715", "9381204716", "9381204717"])
        #expect(accounts.map(\.arr) == [Money(units: 420_000), Money(units: 36_000), Money(units: 7200)])
        #expect(accounts.map(\.tier) == [.enterprise, .midMarket, .smb])
        #expect(accounts.map(\.owner) == ["priya.shah", "lukas.berg", "lukas.berg"])
        #expect(accounts[0].timezone == "Europe/Berlin" && accounts[0].name == "Nordlicht Logistik GmbH") // the partial update kept the name
        let contacts = try Self.run(db, [Self.fixture("hubspot-contacts/hubspot-crm-exports-all-contacts-2026-11-20.csv")], map: "hubspot-contacts")
        #expect(contacts.files[0].added == 3)
        let marcus = try db.read { try Contact.fetchOne($0, sql: "SELECT * FROM contact WHERE id = '51243002'") }
        #expect(marcus?.accountID == "9381204716") // the first of its associated companies
        #expect(marcus?.roles == [.champion, .primary])
        #expect(marcus?.name == "Marcus Lee")
    }

    // MARK: Zendesk and Delighted

    @Test func zendeskTicketsFindTheirAccountsByOrganisationOrDomain() throws {
        let scratch = Scratch()
        let db = try Self.hubspotBook(scratch)
        let summary = try Self.run(db, [Self.fixture("zendesk-tickets/export-2026-11-20-0915-3c5e1a7b92.csv")], map: "zendesk-tickets")
        #expect(summary.files[0].added == 4)
        let cases = try db.read { try SupportCase.fetchAll($0, sql: "SELECT * FROM support_case ORDER BY id") }
        #expect(cases.map(\.accountID) == ["9381204715", "9381204716", "9381204715", "9381204717"])
        #expect(cases.map(\.priority) == [.critical, .low, .high, .medium])
        #expect(cases[0].opened == Day(iso: "2026-10-05") && cases[0].closed == Day(iso: "2026-10-07"))
        #expect(cases[1].opened == Day(iso: "2026-10-20")) // 18:02 in Los Angeles, the account's own day
        #expect(cases[2].closed == nil)
    }

    @Test func delightedRespondentsAreFoundByEmailAndAStrangerIsRefused() throws {
        let scratch = Scratch()
        let db = try Self.hubspotBook(scratch)
        _ = try Self.run(db, [Self.fixture("hubspot-contacts/hubspot-crm-exports-all-contacts-2026-11-20.csv")], map: "hubspot-contacts")
        let path = Self.fixture("delighted-nps/delighted-survey-responses-2026-11-20.csv")
        let before = try db.dump()
        do {
            _ = try Self.run(db, [path], map: "delighted-nps")
            Issue.record("expected the stranger's row to refuse the import")
        } catch let failed as ImportFailed {
            #expect(failed.problems.map(\.description) == [
                "\(path):6:8: account_id (from \"Company\"): no account \"Unknown Prospect Inc\" (tried account ids (a Salesforce id in its 15- or 18-character form), account keys and names); import that account first (or in the same run), or add \"Unknown Prospect Inc\" to its keys (the accounts column keys, or map a column to keys)",
            ])
        }
        #expect(try db.dump() == before)
        let summary = try Self.run(db, [path], map: "delighted-nps", quarantine: true)
        #expect(summary.files[0].added == 3 && summary.quarantined.count == 1)
        #expect(summary.quarantined[0].line == 6 && summary.quarantined[0].fields[2] == "pat@unknown-prospect.example")
        let answers = try db.read { try NPSResponse.fetchAll($0, sql: "SELECT * FROM nps_response ORDER BY date") }
        #expect(answers.map(\.contactID) == ["51243001", "51243002", "51243003"])
        #expect(answers.map(\.score) == [9, 4, 10])
        #expect(answers[1].comment == "Reports are slow and the export is clunky,\nwe are evaluating alternatives.")
        #expect(answers[1].date == Day(iso: "2026-10-28"))
    }

    // MARK: Product analytics

    struct Week: Equatable, CustomStringConvertible {
        var account: String, week: String, users: Int, logins: Int?, actions: Int, features: Int?, partial: Bool
        var description: String { "\(account) \(week): \(users) users, \(logins.map(String.init) ?? "-") logins, \(actions) actions, \(features.map(String.init) ?? "-") features\(partial ? ", partial" : "")" }
    }

    static func weeks(_ db: FolioDatabase) throws -> [Week] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM usage ORDER BY account_id, week").map {
                Week(account: $0["account_id"], week: $0["week"], users: $0["active_users"], logins: $0["logins"],
                     actions: $0["key_actions"], features: $0["features_used"], partial: $0["partial"])
            }
        }
    }

    /// The README's hand-counted weeks.
    static let eventWeeks = [
        Week(account: "9381204715", week: "2026-11-02", users: 2, logins: 2, actions: 2, features: 1, partial: false),
        Week(account: "9381204715", week: "2026-11-09", users: 3, logins: 2, actions: 1, features: 1, partial: false),
        Week(account: "9381204715", week: "2026-11-16", users: 1, logins: 0, actions: 1, features: 0, partial: true),
        Week(account: "9381204716", week: "2026-11-02", users: 2, logins: 1, actions: 1, features: 0, partial: false),
        Week(account: "9381204716", week: "2026-11-09", users: 0, logins: 0, actions: 0, features: 0, partial: false),
        Week(account: "9381204716", week: "2026-11-16", users: 1, logins: 1, actions: 0, features: 0, partial: true),
    ]

    @Test(arguments: [("mixpanel-events", "export-2026-11-02-to-2026-11-18.jsonl"),
                      ("amplitude-events", "312871_2026-11-02_0#0.json"),
                      ("segment-tracks", "segment-logs-2026-11-18.jsonl")])
    func analyticsEventsRollUpIntoHandCountedWeeks(_ folder: String, _ file: String) throws {
        let scratch = Scratch()
        let db = try Self.hubspotBook(scratch)
        let path = Self.fixture("\(folder)/\(file)")
        let mapping = Self.fixture("\(folder)/northwind-events.yaml")
        let summary = try Self.run(db, [path], mapFile: mapping)
        #expect(try Self.weeks(db) == Self.eventWeeks, "\(folder)")
        #expect(summary.files[0].notes.contains { $0.hasPrefix("skipped 1 event of 1 account Folio does not know (\"trial-signup.example\" (1))") }, "\(summary.files[0].notes)")
        let available = try db.read { try Int.fetchOne($0, sql: "SELECT DISTINCT features_available FROM usage") }
        #expect(available == 6)
        // The same events again count once.
        _ = try Self.run(db, [path], mapFile: mapping)
        #expect(try Self.weeks(db) == Self.eventWeeks, "\(folder), imported twice")
    }

    @Test func dailyUsageRollsUpIntoWeeks() throws {
        let scratch = Scratch()
        let db = try Self.hubspotBook(scratch)
        let path = Self.fixture("usage-daily/daily_usage_2026-11-11.csv")
        let summary = try Self.run(db, [path], map: "usage-daily")
        #expect(summary.files[0].notes.contains { $0.contains("2 partial") })
        let expected = [
            Week(account: "9381204715", week: "2026-11-02", users: 26, logins: 231, actions: 910, features: 4, partial: false),
            Week(account: "9381204715", week: "2026-11-09", users: 29, logins: 114, actions: 540, features: 4, partial: true),
            Week(account: "9381204716", week: "2026-11-02", users: 5, logins: 35, actions: 60, features: 2, partial: false),
            Week(account: "9381204716", week: "2026-11-09", users: 5, logins: 21, actions: 36, features: 2, partial: true),
        ]
        #expect(try Self.weeks(db) == expected)
        _ = try Self.run(db, [path], map: "usage-daily")
        #expect(try Self.weeks(db) == expected)
    }

    // MARK: Every built-in

    @Test func everyBuiltInMappingLoadsAndHasAFixture() throws {
        for name in BuiltInMappings.names {
            let mapping = try ImportMapping.builtIn(name)
            #expect(mapping.kind != nil, "\(name)")
            #expect(!mapping.summary.isEmpty, "\(name)")
            let readme = Self.exports.appendingPathComponent("\(name)/README.md").path
            #expect(FileManager.default.fileExists(atPath: readme), "\(name) has no fixture README")
        }
    }

    @Test func aReportIsRecognisedByItsHeaders() throws {
        let draft = try MappingSuggestion.draft(for: Self.fixture("salesforce-report-accounts/report1763634530123.csv"))
        #expect(draft.contains("\nextends: salesforce-report-accounts\n"))
        for header in ["Account ID", "Billing Country", "Annual Revenue", "Industry", "Last Activity", "Type"] {
            #expect(draft.contains("  \(header):") || draft.contains("#   \(header):") || draft.contains("  # \(header):"), "\(header) missing in\n\(draft)")
        }
        #expect(draft.contains("#   Annual Revenue: ignored by salesforce-report-accounts (the customer company's own revenue, not ARR)"))
        let loaded = try ImportMapping.parse(yaml: draft, name: "draft.yaml", depth: 0)
        #expect(loaded.kind == .accounts)
    }

    @Test func everyFixtureIsRecognisedAsTheExportItIs() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.exports.path).filter { BuiltInMappings.names.contains($0) }
        #expect(folders.count == BuiltInMappings.names.count)
        for folder in folders {
            let files = try FileManager.default.contentsOfDirectory(atPath: Self.exports.appendingPathComponent(folder).path)
                .filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".yaml") }
            #expect(!files.isEmpty, "\(folder)")
            for file in files {
                let draft = try MappingSuggestion.draft(for: Self.fixture("\(folder)/\(file)"))
                #expect(draft.contains("\nextends: \(folder)\n"), "\(folder)/\(file):\n\(draft)")
                #expect(throws: Never.self, "\(folder)/\(file)") { try ImportMapping.parse(yaml: draft, name: "draft.yaml", depth: 0) }
            }
        }
        // German Excel's re-save is Windows-1252: the draft says so, and reads it.
        let german = try MappingSuggestion.draft(for: Self.fixture("salesforce-report-accounts/report-de-excel.csv"))
        #expect(german.contains("\nencoding: windows-1252   # the file is not UTF-8 (invalid UTF-8 (byte 0xD6) at line 3): a re-save by Excel on Windows\n"))
        #expect(try ImportMapping.parse(yaml: german, name: "draft.yaml", depth: 0).encoding == "windows-1252")
        // Its numbers have a decimal comma and its dates are day first with points: the draft names a locale that reads them.
        #expect(german.contains("\nlocale: de-DE   # numbers like \"87.500,50\" (line 3, Subscription ARR) have a decimal comma and dates like \"01.03.2024\""))
        #expect(try ImportMapping.parse(yaml: german, name: "draft.yaml", depth: 0).locale == "de-DE")
        // The US report's dates are the built-in mapping's own: no locale line.
        #expect(!(try MappingSuggestion.draft(for: Self.fixture("salesforce-report-accounts/report1763634530123.csv"))).contains("\nlocale:"))
    }

    // MARK: Exports gone wrong

    /// A fixture spoiled the way real files go wrong (a line cut short, a typo in a header,
    /// a value the tool never writes): where and why, exactly, and nothing written.
    struct Spoiled: Sendable, CustomTestStringConvertible {
        var fixture: String
        var mapping: String
        var onHubSpotBook = true
        var edits: [Int: @Sendable (String) -> String]
        var problems: [String]
        var testDescription: String { fixture }
    }

    static let spoiled: [Spoiled] = [
        Spoiled(fixture: "salesforce-report-accounts/report1763634530123.csv", mapping: "salesforce-report-accounts", onHubSpotBook: false, edits: [
            3: { _ in #""0015g00000XyZac","Ōkawa Design 株式会社","Lukas Berg","Customer - Direct","Japan""# },
            4: { $0.replacingOccurrences(of: #""7/4/2026""#, with: #""13/4/2026""#).replacingOccurrences(of: #""6400""#, with: #""n/a""#) },
        ], problems: [
            "report1763634530123.csv:3:6: expected 14 fields as in the header, found 5",
            #"report1763634530123.csv:4:8: arr: "n/a" is not a number (unexpected "n")"#,
            #"report1763634530123.csv:4:10: contract_start (from "Contract Start Date"): "13/4/2026" is not a valid date; expected YYYY-MM-DD (a time may follow) or the en-US short date"#,
        ]),
        Spoiled(fixture: "hubspot-companies/hubspot-crm-exports-all-companies-2026-11-20.csv", mapping: "hubspot-companies", onHubSpotBook: false, edits: [
            1: { $0.replacingOccurrences(of: "Company owner", with: "Company ownr") },
        ], problems: (2...4).map { line in
            #"hubspot-crm-exports-all-companies-2026-11-20.csv:\#(line):18: owner: a new account needs it, and the file has no owner column; the mapping reads it from "company owner": did you mean the file's "Company ownr"?"#
        }),
        Spoiled(fixture: "zendesk-tickets/export-2026-11-20-0915-3c5e1a7b92.csv", mapping: "zendesk-tickets", edits: [
            3: { $0.replacingOccurrences(of: ",Closed,Low,", with: ",Closed,Emergency,") },
        ], problems: [
            #"export-2026-11-20-0915-3c5e1a7b92.csv:3:14: priority: unknown value "Emergency"; expected one of low, medium, high, critical (the mapping's values: do not cover it)"#,
        ]),
        Spoiled(fixture: "delighted-nps/delighted-survey-responses-2026-11-20.csv", mapping: "delighted-nps", edits: [
            2: { $0.replacingOccurrences(of: ".example,9,", with: ".example,11,") },
            6: { $0.replacingOccurrences(of: "Unknown Prospect Inc", with: "Nordlicht Logistik GmbH") },
        ], problems: [
            "delighted-survey-responses-2026-11-20.csv:2:4: score: 11 is too large (at most 10)",
        ]),
        Spoiled(fixture: "mixpanel-events/export-2026-11-02-to-2026-11-18.jsonl", mapping: "mixpanel-events/northwind-events.yaml", edits: [
            2: { String($0.prefix(60)) },
        ], problems: [
            "export-2026-11-02-to-2026-11-18.jsonl:3:1: expected a key in quotes (in the event that starts on line 2: is that line cut short?)",
        ]),
        Spoiled(fixture: "mixpanel-events/export-2026-11-02-to-2026-11-18.jsonl", mapping: "mixpanel-events/northwind-events.yaml", edits: [
            3: { $0.replacingOccurrences(of: #""time":"#, with: #""tme":"#) },
            4: { $0.replacingOccurrences(of: #""time":1"#, with: #""time":"yesterday","x":1"#) },
        ], problems: [
            #"export-2026-11-02-to-2026-11-18.jsonl:3:7: timestamp (from "properties.time"): is empty; a value is required"#,
            #"export-2026-11-02-to-2026-11-18.jsonl:4:7: timestamp (from "properties.time"): "yesterday" is not a valid date; expected YYYY-MM-DD (a time may follow)"#,
        ]),
        Spoiled(fixture: "usage-daily/daily_usage_2026-11-11.csv", mapping: "usage-daily", edits: [
            2: { $0.replacingOccurrences(of: "2026-11-02,20", with: "2026-11-31,20") },
            3: { $0.replacingOccurrences(of: ",5,7,", with: ",-5,7,") },
        ], problems: [
            #"daily_usage_2026-11-11.csv:2:2: date: "2026-11-31" is not a valid date; expected YYYY-MM-DD (a time may follow)"#,
            #"daily_usage_2026-11-11.csv:3:3: active_users (from "Active Users"): -5 is negative; expected a whole number ≥ 0"#,
        ]),
    ]

    @Test(arguments: spoiled)
    func spoiledExportsAreRefusedWhereAndWhy(_ case: Spoiled) throws {
        let scratch = Scratch()
        let db: FolioDatabase
        if `case`.onHubSpotBook {
            db = try Self.hubspotBook(scratch)
        } else {
            db = try scratch.database()
            _ = try Self.run(db, [Self.fixture("users-northwind.csv")])
        }
        var lines = try String(contentsOfFile: Self.fixture(`case`.fixture), encoding: .utf8).components(separatedBy: "\n")
        for (line, edit) in `case`.edits {
            let before = lines[line - 1]
            lines[line - 1] = edit(before)
            #expect(lines[line - 1] != before, "the edit of line \(line) changed nothing")
        }
        let path = scratch.write((`case`.fixture as NSString).lastPathComponent, lines.joined(separator: "\n"))
        let before = try db.dump()
        let builtIn = BuiltInMappings.names.contains(`case`.mapping)
        let problems = failures(scratch) {
            try Self.run(db, [path], map: builtIn ? `case`.mapping : nil, mapFile: builtIn ? nil : Self.fixture(`case`.mapping))
        }
        #expect(problems == `case`.problems)
        #expect(try db.dump() == before)
    }
}
