import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// The daily run defined once: its steps, their order, and one configuration for all of them.
@Suite("Daily pipeline")
struct DailyPipelineTests {
    @Test func theStepsInTheirOrder() throws {
        #expect(DailyPipeline().steps.map(\.name) == ["score", "alerts", "check-ins", "renewals", "outcomes"])
        let library = try SequenceLoaderTests.shipped()
        #expect(DailyPipeline(sequences: library).steps.map(\.name) == ["score", "alerts", "check-ins", "renewals", "outcomes", "sequences"])
    }

    /// Every step runs on the configured policy (the demo's replay once gave the sequence step the default one).
    @Test func everyStepGetsTheConfiguredPolicy() throws {
        let policy = AlertPolicy(runHour: 9, holdoutShare: 0)
        let pipeline = DailyPipeline(policy: policy, sequences: try SequenceLoaderTests.shipped(), raiseExisting: true)
        let alerts = try #require(pipeline.steps.compactMap { $0 as? AlertStep }.first)
        let sequences = try #require(pipeline.steps.compactMap { $0 as? SequenceStep }.first)
        #expect(alerts.policy == policy && alerts.raiseExisting)
        #expect(sequences.policy == policy)
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
