import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

@Suite("Mapping files")
struct MappingTests {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    /// A Salesforce account report as it is exported ("Details Only", UTF-8): BOM, every value
    /// quoted, full-name owners, picklist labels, US dates, custom fields by their labels,
    /// columns Folio does not use, and the report's footer.
    static let salesforceExport = "\u{FEFF}" + [
        #""Account ID","Account Name","Account Owner","Type","Annual Revenue","Subscription ARR","Billing Country","Industry","Contract Start","Next Renewal","Licensed Seats","Account Executive","Time Zone","Success Tier","Plan","Payment Method""#,
        #""0015g00000XyZab","Nordlicht Logistik GmbH","Ana Lima","Customer - Direct","310000000","420000","Germany","Logistics","3/1/2024","3/1/2027","350","Sam Okafor","Europe/Berlin","Strategic","Enterprise Annual","Invoice""#,
        #""0015g00000XyZac","Ōkawa Design 株式会社","Kenji Watanabe","Customer - Direct","12000000","87500.50","Japan","Design","11/15/2025","11/15/2026","60","","Asia/Tokyo","Growth","Team Monthly","Credit Card""#,
        #""0015g00000XyZad","Smith & Sons, Plumbing","Kenji Watanabe","Customer - Channel","2500000","6400","United States","Trades","7/4/2026","7/4/2027","","","","Starter","","""#,
        "",
        #""Grand Totals (3 records)""#,
        "",
        #""Confidential Information - Do Not Distribute""#,
        #""Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.""#,
    ].joined(separator: "\n") + "\n"

    @Test func theSalesforceMappingImportsAnExportAsItIs() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)([scratch.write("users.csv", Portfolio.users + "\n")])
        let mapping = try ImportMapping.load(path: Self.sampleData.appendingPathComponent("mappings/salesforce-accounts.yaml").path)
        #expect(mapping.kind == .accounts)
        let export = scratch.write("report1700000000.csv", Self.salesforceExport)
        let summary = try importer(db, mapping: mapping)([export])
        #expect(summary.files.first?.rows == 3)
        let accounts = try db.read { try Account.fetchAll($0, sql: "SELECT * FROM account ORDER BY id") }
        #expect(accounts.map(\.id) == ["0015g00000XyZab", "0015g00000XyZac", "0015g00000XyZad"])
        #expect(accounts.map(\.tier) == [.enterprise, .midMarket, .smb])
        #expect(accounts.map(\.owner) == ["ana", "kenji", "kenji"])
        #expect(accounts[0].ae == "sam")
        #expect(accounts[0].renewalDate == Day(iso: "2027-03-01"))
        // ARR from the subscription field: never the company's Annual Revenue.
        #expect(accounts.map(\.arr) == [Money(units: 420_000), Money(cents: 8_750_050), Money(units: 6400)])
        #expect(accounts[1].name == "Ōkawa Design 株式会社")
        #expect(accounts[2].name == "Smith & Sons, Plumbing")
        #expect(accounts[2].seats == nil)
        #expect(accounts.allSatisfy { $0.status == .active })
        let plans = try db.read { try AccountAttributes.values(named: "plan", in: $0) }
        #expect(plans["0015g00000XyZab"]?.text == "Enterprise Annual" && plans["0015g00000XyZad"] == nil)
        // Importing the same export again changes nothing.
        let again = try importer(db, mapping: mapping)([export])
        #expect(again.files.first?.added == 0 && again.files.first?.unchanged == 3)
    }

    @Test func anUnmappedPicklistValueIsReportedWhereItIs() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)([scratch.write("users.csv", Portfolio.users + "\n")])
        let mapping = try ImportMapping.load(path: Self.sampleData.appendingPathComponent("mappings/salesforce-accounts.yaml").path)
        let export = scratch.write("report.csv", Self.salesforceExport.replacingOccurrences(of: "\"Starter\"", with: "\"Startup\""))
        #expect(failures(scratch) { try importer(db, mapping: mapping)([export]) }
                == ["report.csv:4:14: tier (from \"Success Tier\"): unknown value \"Startup\"; expected one of enterprise, mid-market, smb (the mapping's values: do not cover it)"])
    }

    @Test(arguments: [
        ("columns: [a, b", "bad.yaml:2:1: YAML syntax: did not find expected ',' or ']'"),
        ("kind: planets\n", "bad.yaml:1:7: unknown kind \"planets\""),
        ("columns:\n  Foo: bar\n", "bad.yaml:2:8: column \"Foo\" maps to \"bar\", which is not a Folio column"),
        ("colums:\n  Foo: id\n", "bad.yaml:1:1: unknown key \"colums\""),
        ("dates:\n  renewal_date: YYYY/QQ/DD\n", "bad.yaml:2:17: renewal_date: date pattern \"YYYY/QQ/DD\""),
    ])
    func badMappingFilesSayWhereAndWhat(_ text: String, _ expectedPrefix: String) throws {
        let scratch = Scratch()
        let path = scratch.write("bad.yaml", text)
        do {
            _ = try ImportMapping.load(path: path)
            Issue.record("expected a failure for \(text)")
        } catch {
            let message = error.description.replacingOccurrences(of: scratch.url.path + "/", with: "")
            #expect(message.hasPrefix(expectedPrefix), "\(message)")
        }
    }
}
