import Foundation
import FolioDomain
import GRDB
@testable import FolioStore

/// A tiny book for the check-in and renewal tests: the fixture portfolio's people, and
/// accounts written for each test (`id,name,tier,owner,ae,arr,contract_start,renewal_date` rows).
struct SmallBook {
    let scratch = Scratch()
    let db: FolioDatabase

    init(accounts: [String], activities: [String] = []) throws {
        db = try scratch.database()
        var files = [scratch.write("users.csv", Portfolio.users + "\n"),
                     scratch.write("accounts.csv", "id,name,tier,owner,ae,arr,contract_start,renewal_date\n" + accounts.joined(separator: "\n") + "\n")]
        if !activities.isEmpty {
            files.append(scratch.write("activities.csv", "id,account_id,type,date,author\n" + activities.joined(separator: "\n") + "\n"))
        }
        _ = try importer(db)(files)
    }

    /// Adds activities (`id,account_id,type,date,author` rows) as an import would.
    func log(_ activities: [String]) throws {
        _ = try importer(db)([scratch.write("activities-more.csv", "id,account_id,type,date,author\n" + activities.joined(separator: "\n") + "\n")])
    }

    func user(_ login: String) throws -> User {
        try db.read { try Book.user(login, in: $0)! }
    }

    /// Runs the given steps for a day (scores from `bands`, account id → band, in place of scoring).
    @discardableResult
    func tick(_ day: String, bands: [String: String] = [:], steps: [any TickStep]) throws -> TickSummary {
        try DailyRun(profile: .standard, steps: [FixedBands(bands: bands)] + steps).run(asOf: Day(iso: day)!, in: db, now: 1)
    }

    func checkIns(_ account: String) throws -> [CheckIn] {
        try db.read { try CheckIn.fetchAll($0, sql: "SELECT * FROM checkin WHERE account_id = ? ORDER BY due, kind", arguments: [account]) }
    }

    func opportunities(_ account: String) throws -> [RenewalOpportunity] {
        try db.read { try RenewalOpportunity.fetchAll($0, sql: "SELECT * FROM renewal_opportunity WHERE account_id = ? ORDER BY id", arguments: [account]) }
    }

    func account(_ id: String) throws -> Account {
        try db.read { try Account.fetchOne($0, sql: "SELECT * FROM account WHERE id = ?", arguments: [id])! }
    }
}

/// Stands in for scoring: gives each account the band the test says (none otherwise).
struct FixedBands: TickStep {
    let name = "fixed bands"
    let bands: [String: String]

    func run(_ context: inout TickContext) throws {
        context.snapshots = context.accounts.map { a in
            HealthSnapshot(accountID: a.id, date: context.asOf, score: nil, band: bands[a.id], lowConfidence: false, measures: [])
        }
    }
}
