import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// The stories of SampleData/STORIES.md, checked on the demo database `folio demo` builds
/// (the real builder: the demo book imported, 26 weeks replayed through the daily run with
/// the real scoring and alert rules): each story account lands in the band its story says
/// and raises exactly the alerts it says, on the days it says.
@Suite("The demo's stories")
struct DemoStoriesTests {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    /// What the demo shows for one told account.
    struct Seen: Sendable {
        var account: Account?
        var bandToday: String?
        var alerts: [Alert]
        var heldOut: Bool?
    }

    /// The demo, built once for the suite in a folder of its own (removed once read).
    static let demo: Result<[String: Seen], any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-demo-stories-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.db").path
        try DemoPortfolio.build(at: path, from: sampleData, force: true, actor: "test",
                                at: Moment(startOf: DemoPortfolio.asOf).seconds + 8 * 3_600)
        return try FolioDatabase(path: path, readonly: true).read { db in
            var seen: [String: Seen] = [:]
            for id in DemoStory.all.map(\.accountID) {
                seen[id] = Seen(
                    account: try Account.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]),
                    bandToday: try SnapshotStore.latestScores(of: [id], asOf: DemoPortfolio.asOf, in: db)[id]
                        .flatMap { $0.date == DemoPortfolio.asOf ? $0.band : nil },
                    alerts: try Alert.fetchAll(db, sql: "SELECT * FROM alert WHERE account_id = ? ORDER BY id", arguments: [id]),
                    heldOut: try Bool.fetchOne(db, sql: "SELECT held_out FROM control_group WHERE account_id = ?", arguments: [id]))
            }
            return seen
        }
    }

    @Test(arguments: DemoStory.all)
    func theStoryAccountLandsInItsBandAndRaisesItsAlerts(story: DemoStory) throws {
        let seen = try #require(try Self.demo.get()[story.accountID])
        let found = try #require(seen.account, "story \(story.number): no account \(story.accountID)")
        #expect(found.name == story.name && found.owner == story.owner && found.tier == story.tier)
        #expect(seen.heldOut == false, "story \(story.number): a told account is never in the control group")
        if let expected = story.band {
            #expect(found.status == .active)
            #expect(seen.bandToday == expected, "story \(story.number) (\(story.key)): \(story.accountID) is \(seen.bandToday ?? "unscored") today")
        } else {
            #expect(found.status == .churned, "story \(story.number): \(story.accountID) has left the book")
            #expect(seen.bandToday == nil)
        }
        let raised = seen.alerts.map { alert in
            DemoStory.ExpectedAlert(alert.kind, alert.severity, on: alert.raisedOn.iso, recovers: alert.outcome == .recovered)
        }
        #expect(raised == story.alerts, "story \(story.number) (\(story.key)) on \(story.accountID): raised \(raised)")
        #expect(seen.alerts.allSatisfy { !$0.shadow })
    }

    /// The escalation of story 5 is never picked up: it is the overdue alert the manager sees.
    @Test func anUnansweredStoryGoesOverdueToTheManager() throws {
        let demo = try Self.demo.get()
        for story in DemoStory.all where story.unanswered {
            let alerts = try #require(demo[story.accountID]).alerts.filter { $0.state != .resolved }
            #expect(!alerts.isEmpty)
            #expect(alerts.allSatisfy { $0.state == .open && $0.acknowledgedAt == nil })
        }
    }
}

extension DemoStory: CustomTestStringConvertible {
    public var testDescription: String { "\(number). \(key) (\(accountID))" }
}
