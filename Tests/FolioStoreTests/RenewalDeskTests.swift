import Dispatch
import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// People moving renewals: permission, compare-and-set, audit, and what each stage does.
@Suite("Renewal moves")
struct RenewalDeskTests {
    static let day = Day(iso: "2026-10-02")!

    /// Rocket (ana's, 1-year term) with a renewal opened 60 days out.
    func opened() throws -> (SmallBook, Int64) {
        let book = try SmallBook(accounts: [RenewalStepTests.rocket])
        try book.tick(Self.day.iso, steps: [RenewalStep()])
        return (book, try #require(try book.opportunities("R1").first?.id))
    }

    func move(_ book: SmallBook, _ id: Int64, _ stage: RenewalOpportunity.Stage, by login: String, now: Int64 = 1_790_000_000,
              expecting: RenewalOpportunity.Stage? = nil) throws -> RenewalDesk.Moved {
        try RenewalDesk(database: book.db).move(id: id, to: stage, by: try book.user(login), asOf: Self.day, now: now, expecting: expecting)
    }

    func refusal(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch let failure as RenewalDesk.Failure {
            return failure.description
        } catch {
            return "unexpected: \(error)"
        }
    }

    @Test func closedWonRollsTheRenewalDateByTheTerm() throws {
        let (book, id) = try opened()
        let moved = try move(book, id, .closedWon, by: "ana")
        #expect(moved.after.stage == .closedWon)
        #expect(moved.after.closedOn == Self.day)
        #expect(moved.renewalRolled?.from == Day(iso: "2026-12-01") && moved.renewalRolled?.to == Day(iso: "2027-12-01"))
        #expect(try book.account("R1").renewalDate == Day(iso: "2027-12-01"))
        // The next term's renewal opens 90 days before the new date, and its term starts at
        // the renewal just won, not at the contract start (which would make it two years).
        try book.tick("2027-09-05", steps: [RenewalStep()])
        let next = try #require(try book.opportunities("R1").last)
        #expect(next.closeDate == Day(iso: "2027-12-01") && next.isOpen)
        let again = try RenewalDesk(database: book.db).move(id: next.id!, to: .closedWon, by: try book.user("ana"),
                                                            asOf: Day(iso: "2027-11-20")!, now: 1_800_000_000)
        #expect(again.renewalRolled?.to == Day(iso: "2028-12-01"))
    }

    @Test func churnedLeavesTheActiveBook() throws {
        let (book, id) = try opened()
        let ana = try book.user("ana")
        #expect(try book.db.read { try Book.entries(for: ana, asOf: Self.day, in: $0) }.map(\.account.id) == ["R1"])
        let moved = try move(book, id, .churned, by: "ana")
        #expect(moved.accountChurned)
        #expect(try book.account("R1").status == .churned)
        #expect(try book.db.read { try Book.entries(for: ana, asOf: Self.day, in: $0) }.isEmpty)
        // The daily run no longer sees it, and opens nothing for it.
        let summary = try book.tick("2026-10-03", steps: [RenewalStep()])
        #expect(summary.accounts == 0 && summary.renewalsOpened == 0)
    }

    @Test(arguments: [("ana", true), ("kenji", false), ("max", true), ("vera", true), ("sam", false)])
    func whoMayMoveIt(_ login: String, _ allowed: Bool) throws {
        let (book, id) = try opened()
        let refused = refusal { try move(book, id, .committed, by: login) }
        #expect((refused == nil) == allowed)
        #expect(try book.opportunities("R1").first?.stage == (allowed ? .committed : .sixtyDaysOut))
    }

    @Test func anotherCSMIsToldWhoMay() throws {
        let (book, id) = try opened()
        #expect(refusal { try move(book, id, .closedWon, by: "kenji") }
                == "kenji may not move renewal \(id) (R1 Rocket): only its owner ana, their managers (max, vera) or a VP may")
        #expect(refusal { try move(book, id, .committed, by: "sam") }?.contains("read-only for AEs") == true)
        #expect(refusal { try move(book, 999, .committed, by: "ana") } == "no renewal opportunity 999; `folio renewals` lists them with their ids")
        #expect(try book.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit_entry WHERE action != 'import'") } == 0)
    }

    /// What the second person saw is gone: the compare-and-set refuses, saying who moved it.
    @Test func compareAndSetRefusesAStaleMove() throws {
        let (book, id) = try opened()
        _ = try move(book, id, .committed, by: "ana", now: 1_790_000_000) // 2026-09-21 14:13 UTC
        let stale = refusal { try move(book, id, .closedWon, by: "max", expecting: .sixtyDaysOut) }
        #expect(stale == "renewal \(id) (R1 Rocket) was already moved to committed by ana at 2026-09-21 14:13 UTC")
        #expect(try book.opportunities("R1").first?.stage == .committed)
        // Moving what is already closed says so too.
        _ = try move(book, id, .closedWon, by: "max")
        #expect(refusal { try move(book, id, .churned, by: "ana") }?.contains("was already moved to closed won by max") == true)
    }

    /// Two databases on one file, as two processes: both move the same renewal at once.
    @Test func twoMovesAtOnceExactlyOneWins() throws {
        let (book, id) = try opened()
        let results = LockedResults()
        let path = book.db.path
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            do {
                let db = try FolioDatabase(path: path)
                let user = try db.read { try Book.user(k == 0 ? "ana" : "max", in: $0)! }
                _ = try RenewalDesk(database: db).move(id: id, to: k == 0 ? .closedWon : .churned, by: user, asOf: Self.day,
                                                       now: 1_790_000_000 + Int64(k), expecting: .sixtyDaysOut)
                results.add("won")
            } catch let failure as RenewalDesk.Failure {
                results.add(failure.description)
            } catch {
                results.add("unexpected: \(error)")
            }
        }
        let outcomes = results.all
        #expect(outcomes.filter { $0 == "won" }.count == 1)
        let loser = try #require(outcomes.first { $0 != "won" })
        #expect(loser.contains("was already moved to"))
        let stage = try #require(try book.opportunities("R1").first?.stage)
        #expect(stage == .closedWon || stage == .churned)
        #expect(try book.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit_entry WHERE action = 'renewal.move'") } == 1)
    }

    @Test func everyMoveIsAuditedWithTheRecordBeforeAndAfter() throws {
        let (book, id) = try opened()
        _ = try move(book, id, .closedWon, by: "max", now: 1_790_000_123)
        let rows = try book.db.read { try Row.fetchAll($0, sql: "SELECT * FROM audit_entry WHERE action != 'import' ORDER BY id") }
        #expect(rows.map { $0["action"] as String } == ["renewal.move", "account.renew"])
        #expect(rows.allSatisfy { $0["actor"] as String == "max" && $0["at"] as Int64 == 1_790_000_123 })
        #expect(rows[0]["subject"] as String == "renewal \(id) (R1 Rocket)")
        #expect((rows[0]["before"] as String).contains("\"stage\":\"60 days out\""))
        #expect((rows[0]["after"] as String).contains("\"stage\":\"closed won\""))
        #expect((rows[0]["after"] as String).contains("\"movedBy\":\"max\""))
        #expect((rows[1]["before"] as String).contains("\"renewalDate\":\"2026-12-01\""))
        #expect((rows[1]["after"] as String).contains("\"renewalDate\":\"2027-12-01\""))
    }

    @Test func thePipelineCountsTheRenewalRate() throws {
        let book = try SmallBook(accounts: [RenewalStepTests.rocket, "R2,Radar,smb,ana,,9000,2024-03-01,2026-10-20",
                                            "R3,Rover,smb,ana,,5000,2024-03-01,2026-11-20", "K1,Kite,smb,kenji,,7000,2024-03-01,2026-11-10"])
        try book.tick(Self.day.iso, bands: ["R3": "Red"], steps: [RenewalStep()])
        let ids = try ["R1", "R2"].map { try #require(try book.opportunities($0).first?.id) }
        _ = try move(book, ids[0], .closedWon, by: "ana")
        _ = try move(book, ids[1], .churned, by: "ana")
        let ana = try book.user("ana")
        let board = try book.db.read { try RenewalBoard.load(for: ana, asOf: Self.day, bands: ["Red", "Yellow", "Green"], in: $0) }
        #expect(board.pipeline.totals.count == 3) // not kenji's
        #expect(board.pipeline.totals.closedWon == 1 && board.pipeline.totals.closed == 2)
        #expect(board.pipeline.totals.renewalRate == 0.5)
        #expect(board.pipeline.totals.arrAtRisk == Money(cents: 5_000_00))
        #expect(board.open.map(\.opportunity.accountID) == ["R3"])
        #expect(board.open.first?.nextAction == NextAction.outreach)
        // A manager sees the team's, a VP everything, an AE only the accounts they sell to.
        let counts = try ["max", "vera", "sam"].map { login in
            let viewer = try book.user(login)
            return try book.db.read { try RenewalBoard.load(for: viewer, asOf: Self.day, bands: [], in: $0) }.pipeline.totals.count
        }
        #expect(counts == [4, 4, 1])
    }
}

/// Results gathered from threads.
final class LockedResults: @unchecked Sendable {
    private var items: [String] = []
    private let lock = NSLock()

    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
