import Testing
@testable import FolioDomain

/// ARR at risk by renewal month: which open renewals count (the `at risk` stage, or the
/// account in the worst band) and how they add up by the month they close in.
@Suite struct ARRAtRiskTests {
    static func renewal(_ units: Int64, _ iso: String, _ stage: RenewalOpportunity.Stage, band: String?)
        -> (opportunity: RenewalOpportunity, band: String?) {
        (RenewalOpportunity(accountID: "A", amount: Money(units: units), closeDate: Day(iso: iso)!, stage: stage, owner: "ana"), band)
    }

    @Test(arguments: [
        (RenewalOpportunity.Stage.atRisk, "Green", true),
        (.ninetyDaysOut, "Red", true),
        (.sixtyDaysOut, "Red", true),
        (.committed, "Red", true),
        (.sixtyDaysOut, "Yellow", false),
        (.closedWon, "Red", false),
        (.churned, "Red", false),
    ])
    func whatCounts(stage: RenewalOpportunity.Stage, band: String, counts: Bool) {
        let risk = ARRAtRisk([Self.renewal(1_000, "2026-12-10", stage, band: band)], worstBand: "Red")
        #expect(risk.renewals == (counts ? 1 : 0))
        #expect(risk.total == Money(units: counts ? 1_000 : 0))
    }

    @Test func byCloseMonthSoonestFirst() {
        let risk = ARRAtRisk([
            Self.renewal(40_000, "2027-01-15", .ninetyDaysOut, band: "Red"),
            Self.renewal(25_000, "2026-12-31", .atRisk, band: "Red"),
            Self.renewal(10_000, "2026-12-01", .atRisk, band: nil),
            Self.renewal(99_000, "2026-12-05", .sixtyDaysOut, band: nil),
        ], worstBand: "Red")
        #expect(risk.months.map(\.month.iso) == ["2026-12-01", "2027-01-01"])
        #expect(risk.months.map(\.renewals) == [2, 1])
        #expect(risk.months.map(\.amount) == [Money(units: 35_000), Money(units: 40_000)])
        #expect(risk.total == Money(units: 75_000) && risk.renewals == 3)
        #expect(ARRAtRisk([], worstBand: nil).months.isEmpty)
    }
}
