import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

@Suite("Mapping files")
struct MappingTests {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    /// A Salesforce account report as it is exported: BOM, CRLF, quoted everything,
    /// full-name owners, picklist labels, US dates, columns Folio does not use.
    static let salesforceExport = "\u{FEFF}" + [
        #""Account ID","Account Name","Account Owner","Type","Annual Revenue","Billing Country","Industry","Contract_Start_Date__c","Renewal_Date__c","Licensed_Seats__c","Account_Executive__c","Time_Zone__c""#,
        #""0015g00000XyZabAAB","Nordlicht Logistik GmbH","Ana Lima","Enterprise","420000","Germany","Logistics","03/01/2024","03/01/2027","350","Sam Okafor","Europe/Berlin""#,
        #""0015g00000XyZacAAB","Ōkawa Design 株式会社","Kenji Watanabe","Mid-Market","87500.50","Japan","Design","11/15/2025","11/15/2026","60","","Asia/Tokyo""#,
        #""0015g00000XyZadAAB","Smith & Sons, Plumbing","Kenji Watanabe","SMB","6400","United States","Trades","07/04/2026","07/04/2027","","","""#,
    ].joined(separator: "\r\n") + "\r\n"

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
        #expect(accounts.map(\.id) == ["0015g00000XyZabAAB", "0015g00000XyZacAAB", "0015g00000XyZadAAB"])
        #expect(accounts.map(\.tier) == [.enterprise, .midMarket, .smb])
        #expect(accounts.map(\.owner) == ["ana", "kenji", "kenji"])
        #expect(accounts[0].ae == "sam")
        #expect(accounts[0].renewalDate == Day(iso: "2027-03-01"))
        #expect(accounts[1].arr == Money(cents: 8_750_050))
        #expect(accounts[1].name == "Ōkawa Design 株式会社")
        #expect(accounts[2].name == "Smith & Sons, Plumbing")
        #expect(accounts[2].seats == nil)
        #expect(accounts.allSatisfy { $0.status == .active })
        // Importing the same export again changes nothing.
        let again = try importer(db, mapping: mapping)([export])
        #expect(again.files.first?.added == 0)
    }

    @Test func anUnmappedPicklistValueIsReportedWhereItIs() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)([scratch.write("users.csv", Portfolio.users + "\n")])
        let mapping = try ImportMapping.load(path: Self.sampleData.appendingPathComponent("mappings/salesforce-accounts.yaml").path)
        let export = scratch.write("report.csv", Self.salesforceExport.replacingOccurrences(of: "\"SMB\"", with: "\"Startup\""))
        #expect(failures(scratch) { try importer(db, mapping: mapping)([export]) }
                == ["report.csv:4:4: tier: unknown value \"Startup\"; expected one of enterprise, mid-market, smb"])
    }

    @Test(arguments: [
        ("columns: [a, b", "bad.yaml:2:1: YAML syntax: did not find expected ',' or ']'"),
        ("kind: planets\n", "bad.yaml:1:7: unknown kind \"planets\""),
        ("columns:\n  Foo: bar\n", "bad.yaml:2:8: column \"Foo\" maps to \"bar\", which is not a Folio column"),
        ("colums:\n  Foo: id\n", "bad.yaml:1:1: unknown key \"colums\""),
        ("dates:\n  renewal_date: YYYY/MM/DD\n", "bad.yaml:2:3: date format \"YYYY/MM/DD\" for renewal_date"),
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
