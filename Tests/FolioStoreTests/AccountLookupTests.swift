import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// `Account.find(id:in:)`: the account as imported, nil for an id there is none of, and a
/// stored value it cannot read refused with where it is rather than read as a default.
@Suite struct AccountLookupTests {
    func imported() throws -> (Scratch, FolioDatabase) {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        return (scratch, db)
    }

    @Test func findsTheAccountAsImportedAndNilForNone() throws {
        let (scratch, db) = try imported()
        defer { _ = scratch }
        let account = try #require(try db.read { try Account.find(id: "A2", in: $0) })
        #expect(account.name == "Café Lumière, SARL" && account.tier == .midMarket)
        #expect(account.renewalDate == Day(iso: "2026-12-01"))
        #expect(try db.read { try Account.find(id: "A9", in: $0) } == nil)
    }

    @Test(arguments: [
        ("tier", "'gold'", "account A1: tier \"gold\" cannot be read; expected one of enterprise, mid-market, smb"),
        ("status", "'paused'", "account A1: status \"paused\" cannot be read; expected one of active, churned"),
        ("renewal_date", "'2027-02-30'", "account A1: renewal_date \"2027-02-30\" cannot be read; expected a day, YYYY-MM-DD"),
    ])
    func aValueItCannotReadIsRefusedWithWhereItIs(column: String, value: String, message: String) throws {
        let (scratch, db) = try imported()
        defer { _ = scratch }
        // As another program (or a hand) might have left it: the schema's checks off for the write.
        try db.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE account SET \(column) = \(value) WHERE id = 'A1'")
        }
        #expect(throws: UnreadableValue.self) { try db.read { try Account.find(id: "A1", in: $0) } }
        do {
            _ = try db.read { try Account.find(id: "A1", in: $0) }
        } catch {
            #expect("\(error)" == message)
        }
    }
}
