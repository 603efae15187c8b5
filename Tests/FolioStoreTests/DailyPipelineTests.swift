import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// The daily run defined once: its steps, their order, and one configuration for all of them.
@Suite("Daily pipeline")
struct DailyPipelineTests {
    @Test func theStepsInTheirOrder() throws {
        #expect(DailyPipeline().steps.map(\.name) == ["score", "alerts", "check-ins", "renewals", "outcomes", "history"])
        let library = try SequenceLoaderTests.shipped()
        #expect(DailyPipeline(sequences: library).steps.map(\.name) == ["score", "alerts", "check-ins", "renewals", "outcomes", "sequences", "history"])
    }

    /// The demo's replay runs the pipeline on the sample data's alert settings, with the
    /// demo's larger control group; a sample-data folder without them gets the defaults.
    @Test func theDemoRunsThePipelineOnItsConfiguredPolicy() throws {
        let sampleData = DemoStoriesTests.sampleData
        var expected = try AlertPolicyLoader.load(path: sampleData.appendingPathComponent("alerts.yaml").path)
        expected.holdoutShare = DemoPortfolio.demoHoldoutShare
        #expect(try DemoPortfolio.demoPolicy(in: sampleData) == expected)
        let scratch = Scratch()
        let bare = URL(fileURLWithPath: scratch.path("bare"))
        try FileManager.default.createDirectory(at: bare, withIntermediateDirectories: true)
        var standard = AlertPolicy.standard
        standard.holdoutShare = DemoPortfolio.demoHoldoutShare
        #expect(try DemoPortfolio.demoPolicy(in: bare) == standard)
        let custom = "health:\n  thresholds: {amber: 75, orange: 55, red: 40}\n"
        try custom.write(to: bare.appendingPathComponent("alerts.yaml"), atomically: true, encoding: .utf8)
        #expect(try DemoPortfolio.demoPolicy(in: bare).healthThresholds.map(\.below) == [75, 55, 40])
    }

    /// Every step runs on the configured policy (the demo's replay once gave the sequence step the default one).
    @Test func everyStepGetsTheConfiguredPolicy() throws {
        let policy = AlertPolicy(runHour: 9, holdoutShare: 0)
        let pipeline = DailyPipeline(policy: policy, sequences: try SequenceLoaderTests.shipped(), raiseExisting: true)
        let alerts = try #require(pipeline.steps.compactMap { $0 as? AlertStep }.first)
        let sequences = try #require(pipeline.steps.compactMap { $0 as? SequenceStep }.first)
        #expect(alerts.policy == policy && alerts.raiseExisting)
        #expect(sequences.policy == policy)
        let history = try #require(pipeline.steps.compactMap { $0 as? HistoryStep }.first)
        #expect(history.thresholds == policy.healthThresholds.map(\.below))
    }

    @Test func aDayRunTwiceChangesNothing() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        let pipeline = DailyPipeline(policy: AlertPolicy(holdoutShare: 0), sequences: try SequenceLoaderTests.shipped(), raiseExisting: true)
        let first = try pipeline.run(asOf: DailyRunTests.asOf, in: db, now: 1)
        #expect(first.accounts == 3 && first.alertsRaised >= 2)
        let before = try db.dump()
        let again = try pipeline.run(asOf: DailyRunTests.asOf, in: db, now: 2)
        #expect(again.alertsRaised == 0 && again.changed == 0 && again.sequencesStarted == 0)
        #expect(try db.dump() == before)
    }
}
