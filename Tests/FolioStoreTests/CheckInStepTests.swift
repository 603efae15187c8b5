import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// Calendar check-ins planned and judged by the daily run (DESIGN §2.4).
@Suite("Check-in step")
struct CheckInStepTests {
    /// Started 2026-09-01: onboarding due 10-01, 10-31 and 11-30; QBR preparation from 12-01.
    static let young = "Y1,Young,smb,ana,,9000,2026-09-01,2027-09-01"
    static var steps: [any TickStep] { [CheckInStep()] }

    func plan(_ c: [CheckIn]) -> [String] { c.map { "\($0.kind.rawValue) \($0.due) \($0.state.rawValue)" } }

    @Test func plansWhatFallsDueWithinThirtyDays() throws {
        let book = try SmallBook(accounts: [Self.young])
        let summary = try book.tick("2026-09-20", steps: Self.steps)
        #expect(plan(try book.checkIns("Y1")) == ["onboarding 2026-10-01 due"])
        #expect(summary.checkInsPlanned == 1)
        try book.tick("2026-11-15", steps: Self.steps)
        // Day 60 (10-31) fell between two runs 56 days apart: its window had closed before the
        // second, so it was never planned; day 30, planned by the first, is judged missed.
        #expect(plan(try book.checkIns("Y1")) == ["onboarding 2026-10-01 missed", "onboarding 2026-11-30 due", "qbr-prep 2026-12-01 due"])
    }

    @Test(arguments: [
        // activity date, day of the run, state
        ("2026-09-24", "2026-10-01", "done"),     // the first day of the window (7 days before)
        ("2026-10-15", "2026-10-16", "done"),     // the last day (14 after)
        ("2026-09-23", "2026-10-10", "due"),      // a day too early, the window still open
        ("2026-09-23", "2026-10-20", "missed"),   // …and once it has closed
        ("2026-10-16", "2026-10-20", "missed"),   // a day too late
    ])
    func doneInsideTheWindowMissedOutside(_ date: String, _ day: String, _ state: String) throws {
        let book = try SmallBook(accounts: [Self.young], activities: ["X1,Y1,call,\(date),ana"])
        try book.tick("2026-09-20", steps: Self.steps)
        let summary = try book.tick(day, steps: Self.steps)
        let c = try #require(try book.checkIns("Y1").first)
        #expect(c.state.rawValue == state)
        #expect(c.activityID == (state == "done" ? "X1" : nil))
        if state == "done" { #expect(summary.checkInsDone == 1 && summary.line.contains("1 check-in done")) }
        if state == "missed" { #expect(summary.checkInsMissed == 1) }
    }

    @Test(arguments: [("email", "missed"), ("note", "missed"), ("meeting", "done"), ("qbr", "done"), ("check-in", "done")])
    func onlyCheckInsCallsMeetingsAndQBRsCount(_ type: String, _ state: String) throws {
        let book = try SmallBook(accounts: [Self.young], activities: ["X1,Y1,\(type),2026-10-01,ana"])
        try book.tick("2026-09-20", steps: Self.steps)
        try book.tick("2026-10-20", steps: Self.steps)
        #expect(try book.checkIns("Y1").first?.state.rawValue == state)
    }

    @Test func aCheckInLoggedLateTurnsAMissedOneDone() throws {
        let book = try SmallBook(accounts: [Self.young])
        try book.tick("2026-09-20", steps: Self.steps)
        try book.tick("2026-10-20", steps: Self.steps)
        #expect(try book.checkIns("Y1").first?.state == .missed)
        try book.log(["LATE,Y1,call,2026-10-03,ana"])
        let summary = try book.tick("2026-10-27", steps: Self.steps)
        #expect(summary.checkInsDone == 1)
        #expect(try book.checkIns("Y1").first?.activityID == "LATE")
    }

    @Test func theSameDayTwiceChangesNothing() throws {
        let book = try SmallBook(accounts: [Self.young, "A1,Acme,enterprise,ana,sam,250000,2024-01-15,2027-01-15"],
                                 activities: ["X1,Y1,call,2026-10-02,ana"])
        try book.tick("2026-09-20", steps: Self.steps)
        try book.tick("2026-11-23", steps: Self.steps)
        let before = try book.db.dump()
        let again = try book.tick("2026-11-23", steps: Self.steps)
        #expect(again.checkInsPlanned == 0 && again.checkInsDone == 0 && again.checkInsMissed == 0)
        #expect(try book.db.dump() == before)
    }

    @Test func churnedAccountsAreLeftAlone() throws {
        let book = try SmallBook(accounts: [Self.young])
        try book.tick("2026-09-20", steps: Self.steps)
        _ = try importer(book.db)([book.scratch.write("accounts.csv", "id,name,tier,owner,arr,contract_start,renewal_date,status\nY1,Young,smb,ana,9000,2026-09-01,2027-09-01,churned\n")])
        let summary = try book.tick("2026-10-20", steps: Self.steps)
        #expect(summary.checkInsPlanned == 0 && summary.checkInsMissed == 0)
        #expect(try book.checkIns("Y1").map(\.state) == [.due])
    }
}

/// `folio checkins`: what a user's scope owes, and coverage.
@Suite("Check-in board")
struct CheckInBoardTests {
    static let bands = ["Red", "Yellow", "Green"]

    @Test func anEmptyBookHasNoLinesAndNoRate() throws {
        let book = try SmallBook(accounts: [CheckInStepTests.young])
        try book.tick("2026-11-23", steps: [CheckInStep()])
        let max = try book.user("max")
        let board = try book.db.read { try CheckInBoard.load(for: max, scope: .mine, asOf: Day(iso: "2026-11-23")!, bands: Self.bands, in: $0) }
        #expect(board.lines.isEmpty)
        #expect(board.coverage.overall.accounts == 0 && board.coverage.overall.rate == nil && !board.coverage.overall.isFlagged)
    }

    @Test func aTinyBookWithItsHintsAndCoverage() throws {
        let book = try SmallBook(accounts: [CheckInStepTests.young, "K1,Kite,mid-market,kenji,,7000,2024-03-01,2027-03-01"],
                                 activities: ["X1,Y1,call,2026-11-20,ana", "X2,K1,email,2026-11-20,kenji"])
        for day in ["2026-09-20", "2026-10-20", "2026-11-23"] { try book.tick(day, steps: [CheckInStep()]) }
        let asOf = Day(iso: "2026-11-23")!
        let anaUser = try book.user("ana")
        let ana = try book.db.read { try CheckInBoard.load(for: anaUser, asOf: asOf, bands: Self.bands, in: $0) }
        // Day 30 (10-01) was missed long ago: history, not listed. Day 60 was missed lately; day 90
        // is due today (the 11-20 call came before its window opened); the QBR preparation comes next.
        #expect(ana.lines.map { "\($0.standing.rawValue) \($0.title)" }
                == ["missed onboarding day 60", "due onboarding day 90", "upcoming QBR preparation (2026-Q4)"])
        #expect(ana.lines.first?.hint == CheckInHints.early)
        #expect(ana.coverage.overall.covered == 1 && ana.coverage.overall.accounts == 1 && !ana.coverage.overall.isFlagged)
        // The manager sees both books: kenji only emailed, so Kite is not covered (an email is not a check-in).
        let maxUser = try book.user("max")
        let team = try book.db.read { try CheckInBoard.load(for: maxUser, asOf: asOf, bands: Self.bands, in: $0) }
        #expect(team.coverage.byOwner.map(\.owner) == ["ana", "kenji"])
        #expect(team.coverage.byOwner[1].rate.rate == 0 && team.coverage.byOwner[1].rate.isFlagged)
        #expect(team.coverage.overall.rate == 0.5 && team.coverage.overall.isFlagged)
        #expect(team.lines.contains { $0.checkIn.accountID == "K1" })
        // A CSM asking for more sees their own book.
        let all = try book.db.read { try CheckInBoard.load(for: anaUser, scope: .all, asOf: asOf, bands: Self.bands, in: $0) }
        #expect(all.coverage.overall.accounts == 1)
    }
}
