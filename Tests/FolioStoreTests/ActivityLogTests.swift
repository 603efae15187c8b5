import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// `folio log`: an activity written by hand, validated, audited, completing check-ins.
@Suite("Logging activities")
struct ActivityLogTests {
    static let asOf = Day(iso: "2026-10-01")!

    func logged(_ book: SmallBook, by login: String, kind: Activity.Kind = .call, date: String = "2026-10-01",
                summary: String = "Day-30 call: on track", on account: String = "Y1") throws -> ActivityLog.Logged {
        try ActivityLog(database: book.db).record(ActivityDraft(kind: kind, date: Day(iso: date)!, summary: summary),
                                                  on: try book.account(account), by: try book.user(login), asOf: Self.asOf, now: 1_790_000_000)
    }

    @Test func writesTheActivityAuditsItAndCompletesTheCheckIn() throws {
        let book = try SmallBook(accounts: [CheckInStepTests.young])
        try book.tick("2026-09-20", steps: [CheckInStep()])
        let result = try logged(book, by: "ana")
        #expect(result.activity.author == "ana" && result.activity.kind == .call && result.activity.accountID == "Y1")
        #expect(result.activity.id.hasPrefix("log-"))
        #expect(result.completed.map { $0.title(contractStart: Day(iso: "2026-09-01")!) } == ["onboarding day 30"])
        #expect(try book.checkIns("Y1").first?.state == .done)
        #expect(try book.checkIns("Y1").first?.activityID == result.activity.id)
        let stored = try book.db.read { try Activity.fetchOne($0, sql: "SELECT * FROM activity WHERE id = ?", arguments: [result.activity.id]) }
        #expect(stored == result.activity)
        let audit = try book.db.read { try Row.fetchOne($0, sql: "SELECT * FROM audit_entry WHERE action = 'activity.log'") }
        #expect(audit?["actor"] as String? == "ana")
        #expect(audit?["at"] as Int64? == 1_790_000_000)
        #expect((audit?["after"] as String?)?.contains("\"summary\":\"Day-30 call: on track\"") == true)
        // The next run agrees: nothing left to decide.
        let summary = try book.tick("2026-10-01", steps: [CheckInStep()])
        #expect(summary.checkInsDone == 0)
    }

    @Test func anEmailDoesNotCompleteACheckIn() throws {
        let book = try SmallBook(accounts: [CheckInStepTests.young])
        try book.tick("2026-09-20", steps: [CheckInStep()])
        #expect(try logged(book, by: "ana", kind: .email).completed.isEmpty)
        #expect(try book.checkIns("Y1").first?.state == .due)
    }

    @Test func badDataIsRefusedAndNothingIsWritten() throws {
        let book = try SmallBook(accounts: [CheckInStepTests.young])
        let before = try book.db.dump()
        #expect(throws: ActivityLog.Failure.invalid([ActivityDraft.Problem(field: "--summary", message: "is empty; say in a few words what happened"),
                                                     ActivityDraft.Problem(field: "--date", message: "2026-10-02 is after the as-of day 2026-10-01; log an activity once it has happened")])) {
            try logged(book, by: "ana", date: "2026-10-02", summary: " ")
        }
        #expect(try book.db.dump() == before)
    }

    @Test(arguments: [("ana", true), ("kenji", false), ("max", true), ("vera", true), ("sam", true)])
    func whoMayLog(_ login: String, _ allowed: Bool) throws {
        // Acme is ana's, sold by sam.
        let book = try SmallBook(accounts: ["A1,Acme,enterprise,ana,sam,250000,2024-01-15,2027-01-15"])
        do {
            _ = try logged(book, by: login, on: "A1")
            #expect(allowed)
        } catch let failure as ActivityLog.Failure {
            #expect(!allowed)
            #expect(failure.description == "kenji may not log activities on A1 (Acme): it is in the book of ana; only its owner, their managers, its AE or a VP may")
        }
    }
}

/// The book's lifecycle stage uses the latest band and NPS.
@Suite("Book stage")
struct BookStageTests {
    @Test func theLatestBandAndNPSDecideAdvocate() throws {
        let book = try SmallBook(accounts: ["A1,Acme,enterprise,ana,sam,250000,2024-01-15,2027-06-15"])
        _ = try importer(book.db)([
            book.scratch.write("contacts.csv", "id,account_id,name,email,roles\nC1,A1,Jane Roe,jane@acme.test,sponsor\n"),
            book.scratch.write("nps.csv", "contact_id,date,score\nC1,2026-09-01,6\nC1,2026-11-01,10\n"),
        ])
        func snapshot(_ date: String, _ band: String) throws {
            try book.db.write { db in
                try db.storeSnapshot("A1", on: date, score: 80, band: band)
            }
        }
        let ana = try book.user("ana")
        func entry(_ day: String) throws -> BookEntry {
            try #require(try book.db.read { try Book.entries(for: ana, asOf: Day(iso: day)!, in: $0) }.first)
        }
        try snapshot("2026-10-15", "Green")
        #expect(try entry("2026-10-20").stage == .growth)         // Green, but the latest NPS then was 6
        try snapshot("2026-11-10", "Yellow")
        #expect(try entry("2026-11-12").stage == .growth)         // NPS 10 now, but no longer Green
        try snapshot("2026-11-20", "Green")
        let advocate = try entry("2026-11-23")
        #expect(advocate.stage == .advocate)
        #expect(advocate.nextAction(bands: ["Red", "Yellow", "Green"]) == NextAction.reference)
    }
}
