import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// The book query against a generated portfolio scored over several weeks, checked line
/// by line against the plain per-account reading of the same rules, and its first page
/// against the start of the whole book.
@Suite("Book")
struct BookTests {
    static let asOf = Day(iso: "2026-11-23")!

    static func portfolio() throws -> (Scratch, FolioDatabase) {
        let scratch = Scratch()
        let generator = PortfolioGenerator(accounts: 300, weeks: 12, seed: 21, asOf: asOf)
        let summary = try PortfolioCSVExporter.export(generator, to: scratch.path("csv"))
        let db = try scratch.database()
        _ = try importer(db)(summary.files)
        let run = DailyPipeline()
        for week in (0..<3).reversed() { try run.run(asOf: asOf.adding(days: -7 * week), in: db, now: 1) }
        // Accounts the latest run did not score: one scored last week only, one never.
        try db.write { db in
            let first = try String.fetchAll(db, sql: "SELECT id FROM account ORDER BY id LIMIT 2")
            try db.removeSnapshots(of: first, on: asOf.iso)
            try db.removeSnapshots(of: [first[0]])
        }
        return (scratch, db)
    }

    /// Each line as the rules define it, one account at a time.
    static func expectedLine(_ account: Account, bands: [String], in db: Database) throws -> BookEntry {
        let snapshot = try SnapshotStore.latest(for: account.id, asOf: asOf, in: db)
        let lastActivity = try String.fetchOne(db, sql: "SELECT MAX(date) FROM activity WHERE account_id = ? AND date <= ?",
                                               arguments: [account.id, asOf.iso]).flatMap { Day(iso: $0) }
        let nps = try Int.fetchOne(db, sql: """
            SELECT c.score FROM nps_response c JOIN contact k ON k.id = c.contact_id
            WHERE k.account_id = ? AND c.date <= ? ORDER BY c.date DESC LIMIT 1
            """, arguments: [account.id, asOf.iso])
        let owner = try String.fetchOne(db, sql: "SELECT name FROM user WHERE login = ?", arguments: [account.owner])!
        let stage = LifecycleStage.of(account, asOf: asOf, isGreen: snapshot?.band.map { $0 == bands.last },
                                      latestNPS: nps.map(Double.init))
        var line = BookEntry(account: account, ownerName: owner, lastActivity: lastActivity, stage: stage, score: snapshot?.score,
                             band: snapshot?.band, lowConfidence: snapshot?.lowConfidence ?? false)
        let open = try String.fetchAll(db, sql: "SELECT severity FROM alert WHERE account_id = ? AND state != 'resolved' AND shadow = 0",
                                       arguments: [account.id]).compactMap(Alert.Severity.init(rawValue:))
        line.openAlerts = open.count
        line.worstSeverity = open.max()
        return line
    }

    @Test func everyLineAgreesWithThePerAccountRulesInAttentionOrder() throws {
        let (scratch, db) = try Self.portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let bands = BandSet.redYellowGreen.bands.map(\.name)
        try db.read { db in
            let vp = try #require(try Book.users(in: db).first { $0.role == .vp })
            let entries = try Book.entries(for: vp, asOf: Self.asOf, bands: bands, in: db)
            let accounts = try Account.fetchAll(db, sql: "SELECT * FROM account WHERE status = 'active'")
            #expect(entries.count == accounts.count)
            let expected = Dictionary(uniqueKeysWithValues: try accounts.map { ($0.id, try Self.expectedLine($0, bands: bands, in: db)) })
            for entry in entries {
                var line = entry
                line.history = []
                #expect(line == expected[entry.account.id], "\(entry.account.id)")
                #expect(entry.history.count == Book.historyWeeks)
            }
            #expect(entries.contains { $0.score == nil }, "the never-scored account is in the book")
            #expect(entries.contains { $0.stage == .advocate }, "the portfolio has advocates, so NPS was read")
            #expect(entries.contains { $0.worstSeverity != nil }, "the portfolio has open alerts")
            // Attention order: the worst open alert, then band rank, then stake, then id.
            let rank = { (e: BookEntry) in e.band.flatMap { bands.firstIndex(of: $0) }.map(Double.init) ?? 0.5 }
            let alert = { (e: BookEntry) in e.worstSeverity.map { [Alert.Severity.red, .orange, .amber, .info].firstIndex(of: $0)! } ?? 4 }
            for (a, b) in zip(entries, entries.dropFirst()) {
                let stakeA = AttentionOrder.stake(a.account.arr, a.account.daysToRenewal(asOf: Self.asOf))
                let stakeB = AttentionOrder.stake(b.account.arr, b.account.daysToRenewal(asOf: Self.asOf))
                #expect((alert(a), rank(a), -stakeA, a.account.id) < (alert(b), rank(b), -stakeB, b.account.id))
            }
        }
    }

    @Test func theFirstPageIsTheStartOfTheWholeBook() throws {
        let (scratch, db) = try Self.portfolio()
        defer { withExtendedLifetime(scratch) {} }
        try db.read { db in
            for user in try Book.users(in: db) where [.vp, .manager, .csm, .ae].contains(user.role) {
                let whole = try Book.entries(for: user, asOf: Self.asOf, in: db)
                for limit in [0, 1, 31, 500] {
                    let page = try Book.firstPage(for: user, asOf: Self.asOf, limit: limit, in: db)
                    #expect(page.total == whole.count, "\(user.login)")
                    #expect(page.entries == Array(whole.prefix(limit)), "\(user.login), \(limit) rows")
                }
            }
        }
    }
}
