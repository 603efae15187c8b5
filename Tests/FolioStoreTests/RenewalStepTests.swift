import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// The daily run's renewal opportunities, on a tiny book (DESIGN §2.5).
@Suite("Renewal step")
struct RenewalStepTests {
    /// Renews 2026-12-01: 91 days out on 2026-09-01, 90 on 09-02, 60 on 10-02.
    static let rocket = "R1,Rocket,enterprise,ana,sam,120000,2025-12-01,2026-12-01"
    static var steps: [any TickStep] { [RenewalStep()] }

    @Test func opensAtNinetyDaysNotAtNinetyOne() throws {
        let book = try SmallBook(accounts: [Self.rocket])
        let before = try book.tick("2026-09-01", steps: Self.steps)
        #expect(before.renewalsOpened == 0)
        #expect(try book.opportunities("R1").isEmpty)
        let at = try book.tick("2026-09-02", steps: Self.steps)
        #expect(at.renewalsOpened == 1)
        #expect(at.line.contains("1 renewal opened"))
        let o = try #require(try book.opportunities("R1").first)
        #expect(o.stage == .ninetyDaysOut)
        #expect(o.amount == Money(cents: 120_000_00))
        #expect(o.closeDate == Day(iso: "2026-12-01"))
        #expect(o.owner == "ana")
        #expect(o.openedOn == Day(iso: "2026-09-02"))
    }

    @Test func movesToSixtyDaysOutAtSixtyDays() throws {
        let book = try SmallBook(accounts: [Self.rocket])
        try book.tick("2026-09-02", steps: Self.steps)
        try book.tick("2026-10-01", steps: Self.steps)
        #expect(try book.opportunities("R1").map(\.stage) == [.ninetyDaysOut])
        let moved = try book.tick("2026-10-02", steps: Self.steps)
        #expect(moved.renewalsMoved == 1)
        let o = try #require(try book.opportunities("R1").first)
        #expect(o.stage == .sixtyDaysOut)
        #expect(o.movedBy == "folio")
        #expect(o.movedAt == Moment(startOf: Day(iso: "2026-10-02")!))
    }

    /// The lowest band of the profile is Red: at risk while it lasts, back when it recovers.
    @Test func atRiskWhileRedAndBackWhenItRecovers() throws {
        let book = try SmallBook(accounts: [Self.rocket])
        try book.tick("2026-09-10", bands: ["R1": "Red"], steps: Self.steps)
        #expect(try book.opportunities("R1").map(\.stage) == [.atRisk]) // opened at risk
        try book.tick("2026-09-20", bands: ["R1": "Yellow"], steps: Self.steps)
        #expect(try book.opportunities("R1").map(\.stage) == [.ninetyDaysOut])
        try book.tick("2026-10-05", bands: ["R1": "Red"], steps: Self.steps)
        #expect(try book.opportunities("R1").map(\.stage) == [.atRisk])
        try book.tick("2026-10-12", bands: ["R1": "Green"], steps: Self.steps)
        #expect(try book.opportunities("R1").map(\.stage) == [.sixtyDaysOut])
        // Without a score (no data), it is not Red.
        try book.tick("2026-10-19", steps: Self.steps)
        #expect(try book.opportunities("R1").map(\.stage) == [.sixtyDaysOut])
        #expect(try book.opportunities("R1").count == 1) // never a second one while one is open
    }

    @Test func thePersonsStageIsKeptWhileRed() throws {
        let book = try SmallBook(accounts: [Self.rocket])
        try book.tick("2026-10-02", steps: Self.steps)
        let id = try #require(try book.opportunities("R1").first?.id)
        _ = try RenewalDesk(database: book.db).move(id: id, to: .committed, by: try book.user("ana"), asOf: Day(iso: "2026-10-03")!, now: 5)
        try book.tick("2026-10-10", bands: ["R1": "Red"], steps: Self.steps)
        #expect(try book.opportunities("R1").map(\.stage) == [.committed])
    }

    @Test func theSameDayTwiceChangesNothing() throws {
        let book = try SmallBook(accounts: [Self.rocket, "R2,Radar,smb,kenji,,9000,2024-03-01,2026-10-20"])
        try book.tick("2026-10-02", bands: ["R2": "Red"], steps: Self.steps)
        let before = try book.db.dump()
        let again = try book.tick("2026-10-02", bands: ["R2": "Red"], steps: Self.steps)
        #expect(again.renewalsOpened == 0 && again.renewalsMoved == 0)
        #expect(try book.db.dump() == before)
    }

    @Test func anAccountMarkedChurnedTakesItsOpenRenewalWithIt() throws {
        let book = try SmallBook(accounts: [Self.rocket])
        try book.tick("2026-10-02", steps: Self.steps)
        _ = try importer(book.db)([book.scratch.write("accounts.csv", """
            id,name,tier,owner,ae,arr,contract_start,renewal_date,status
            R1,Rocket,enterprise,ana,sam,120000,2025-12-01,2026-12-01,churned

            """)])
        let summary = try book.tick("2026-10-09", steps: Self.steps)
        #expect(summary.renewalsMoved == 1)
        let o = try #require(try book.opportunities("R1").first)
        #expect(o.stage == .churned)
        #expect(o.closedOn == Day(iso: "2026-10-09"))
    }

    @Test func anOpenRenewalFollowsACorrectedRenewalDate() throws {
        let book = try SmallBook(accounts: [Self.rocket])
        try book.tick("2026-10-02", steps: Self.steps)
        _ = try importer(book.db)([book.scratch.write("accounts.csv", """
            id,name,tier,owner,ae,arr,contract_start,renewal_date
            R1,Rocket,enterprise,kenji,sam,150000,2025-12-01,2026-12-20

            """)])
        try book.tick("2026-10-03", steps: Self.steps)
        let o = try #require(try book.opportunities("R1").first)
        #expect(o.closeDate == Day(iso: "2026-12-20") && o.amount == Money(cents: 150_000_00) && o.owner == "kenji")
        #expect(o.stage == .ninetyDaysOut) // 78 days out again
    }

    /// With the real scoring step: the day's band comes from the snapshots scored that day.
    @Test func usesTheDaysScoresFromTheScoringStep() throws {
        let book = try SmallBook(accounts: [Self.rocket])
        let summary = try DailyPipeline().run(asOf: Day(iso: "2026-10-02")!, in: book.db, now: 1)
        #expect(summary.renewalsOpened == 1)
        let snapshot = try #require(try book.db.read { try SnapshotStore.latest(for: "R1", asOf: Day(iso: "2026-10-02")!, in: $0) })
        let expected: RenewalOpportunity.Stage = snapshot.band == "Red" ? .atRisk : .sixtyDaysOut
        #expect(try book.opportunities("R1").map(\.stage) == [expected])
    }
}
