import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// The team view's figures, from the shared pieces: book sizes, alerts, acknowledgement times, coverage.
@Suite("Team board and change watch")
struct TeamBoardTests {
    static let asOf = Day(iso: "2026-11-23")!

    @Test func aManagerSeesALinePerCSMAndTheAlertsRoutedToThem() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        _ = try AlertDeskTests.run.run(asOf: Self.asOf, in: db, now: Int64(Self.asOf.ordinal) * 86_400)
        let max = try db.read { try Book.user("max", in: $0)! }
        let now = Int64(Self.asOf.ordinal) * 86_400 + 20 * 3_600
        let board = try db.read { try TeamBoard.load(for: max, asOf: Self.asOf, now: now, bands: ["Red", "Yellow", "Green"], in: $0) }
        #expect(board.rows.map(\.login) == ["ana", "kenji"])
        let ana = try #require(board.rows.first { $0.login == "ana" })
        let kenji = try #require(board.rows.first { $0.login == "kenji" })
        #expect(ana.accounts == 1 && kenji.accounts == 2)
        #expect(ana.arr == Money(units: 250_000))
        let alerts = try db.read { try AlertDesk.list(for: max, scope: .team, in: $0) }
        #expect(ana.openAlerts + kenji.openAlerts == alerts.count)
        #expect(board.escalations.allSatisfy { $0.alert.recipients.contains("max") })
        // Overdue first.
        let overdue = board.escalations.map { $0.alert.isOverdue(at: now) }
        #expect(overdue == overdue.sorted { $0 && !$1 })
        #expect(ana.coverage?.accounts == 1)
    }

    @Test func theWatchNoticesAnotherConnectionsCommitOnce() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        let watch = try ChangeWatch(path: db.path)
        #expect(!watch.hasChanged())
        try db.write { try Settings.set("probe", to: "1", in: $0) }
        #expect(watch.hasChanged())
        #expect(!watch.hasChanged())
    }

    /// While a daily run writes its day in pieces, the watch holds its commits (and anyone
    /// else's) back; once the day lands it tells of them once, at a moment of its own.
    @Test func theWatchHoldsBackADailyRunsCommitsUntilItsDayLands() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        let watch = try ChangeWatch(path: db.path)
        try db.write { try Settings.set(WriteWindow.pendingDay, to: "2026-11-23", in: $0) }
        #expect(!watch.hasChanged())
        try db.write { try Settings.set("probe", to: "1", in: $0) }
        #expect(!watch.hasChanged())
        try db.write { try $0.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [WriteWindow.pendingDay]) }
        let deadline = Date().addingTimeInterval(20)
        var told = false
        while !told && Date() < deadline {
            told = watch.hasChanged()
            if !told { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(told)
        #expect(!watch.hasChanged())
    }
}
