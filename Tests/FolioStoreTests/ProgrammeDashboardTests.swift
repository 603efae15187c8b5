import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// The dashboard's figures read from the store are those of the report's functions over
/// `ProgrammeData.load`, with the open renewals at risk by month, in the user's scope.
@Suite struct ProgrammeDashboardTests {
    static let period = ProgrammeDataTests.period

    @Test func theFiguresAreTheReportsForTheUsersScope() throws {
        let (scratch, database) = try ProgrammeDataTests().scripted()
        defer { withExtendedLifetime(scratch) {} }
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO renewal_opportunity (account_id, amount_cents, close_date, stage, owner, opened_on, closed_on, moved_by, moved_at)
                VALUES ('A1', 500000, '2026-12-20', 'at risk', 'ana', '2026-09-21', NULL, 'folio', 0)
                """)
        }
        let bands = ["Red", "Yellow", "Green"]
        for login in ["vera", "ana", "kenji"] {
            let (dashboard, history) = try database.read { db in
                let user = try Book.user(login, in: db)!
                return (try ProgrammeDashboard.load(for: user, period: Self.period, asOf: Self.period.to, bands: bands, in: db),
                        try ProgrammeData.load(for: user, period: Self.period, asOf: Self.period.to, in: db))
            }
            #expect(dashboard.comparison == ControlComparison(history, period: Self.period, asOf: Self.period.to), "\(login)")
            #expect(dashboard.speed == ResponseSpeed(history, period: Self.period, asOf: Self.period.to), "\(login)")
            #expect(dashboard.distribution == HealthDistribution(history.scores, period: Self.period, bands: bands), "\(login)")
            // A1 is ana's: vera sees it too, kenji does not.
            #expect(dashboard.atRisk.months.map(\.month.iso) == (login == "kenji" ? [] : ["2026-12-01"]), "\(login)")
            #expect(dashboard.atRisk.total == Money(units: login == "kenji" ? 0 : 5_000), "\(login)")
        }
    }
}
