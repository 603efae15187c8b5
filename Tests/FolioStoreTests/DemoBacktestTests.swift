import Foundation
import FolioDomain
import Testing
@testable import FolioStore

/// Issue 15, item 10: the demo tells it honestly. Its churns follow the accounts' hidden
/// health with noise (`DemoBook`'s former customers, ACC-0025's story), so the stored scores
/// of its replay rank them well but not perfectly, and a profile fitted to them ranks the
/// held-out accounts at least as well as the default one.
@Suite("The demo's backtest")
struct DemoBacktestTests {
    @Test func theDemosScoreRanksItsChurnersImperfectlyAndAFitDoesNoWorse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-demo-backtest-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.db").path
        try DemoPortfolio.build(at: path, from: DemoStoriesTests.sampleData, force: true, actor: "test",
                                at: Moment(startOf: DemoPortfolio.asOf).seconds + 8 * 3_600)
        try FolioDatabase(path: path, readonly: true).read { db in
            let window = try ModelWindow.resolve(asOf: DemoPortfolio.asOf, horizonDays: 90, from: nil, to: nil, in: db)
            #expect(window.stored)
            let backtest = try Backtester.run(window: window, profile: .standard, rescore: false, measures: false, in: db)
            let churners = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT account_id) FROM account_outcome WHERE outcome = 'churned'")
            #expect(churners == DemoBook.formerCustomers + 1)
            let auc = try #require(backtest.quality.overall.auc).auc
            #expect(auc > 0.6 && auc < 0.97, "the demo's backtest AUC is \(auc)")
            let fit = try ProfileFitRun.run(window: window, base: .standard, in: db)
            let fitted = try #require(fit.fitted.heldOutNew).auc, old = try #require(fit.fitted.heldOutOld).auc
            #expect(fitted >= old, "held out: fitted \(fitted), default \(old)")
        }
    }
}
