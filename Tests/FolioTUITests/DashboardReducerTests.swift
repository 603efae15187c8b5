import FolioDomain
import FolioStore
import Testing
@testable import FolioTUI

/// The dashboard through the reducer: `7` and `:report` ask for the period's figures, a bad
/// period is said and changes nothing, a stale load is dropped, j/k scroll within the page.
@Suite struct DashboardReducerTests {
    typealias F = InterfaceFixtures
    typealias D = DashboardFixtures

    func palette(_ text: String, in state: inout AppState) -> [Effect] {
        _ = reduce(&state, .key(.char(":")))
        for character in text { _ = reduce(&state, .key(.char(character))) }
        return reduce(&state, .key(.enter))
    }

    static let defaultPeriod = ReportPeriod(from: Day(iso: "2026-08-26")!, to: F.asOf)

    @Test func sevenShowsTheDefaultNinetyDays() {
        var state = F.state()
        #expect(reduce(&state, .key(.char("7"))) == [.loadDashboard(Self.defaultPeriod)])
        #expect(state.screen.kind == .dashboard && state.flash == nil)
        #expect(ReportPeriod.standard(asOf: F.asOf) == Self.defaultPeriod)
        // Nothing loaded yet: the view says so.
        #expect(InterfaceView.render(state).snapshot().contains("Loading the figures"))
    }

    @Test(arguments: [
        ("report 2026-06-01", ReportPeriod(from: Day(iso: "2026-06-01")!, to: F.asOf)),
        ("report 2026-06-01 2026-09-30", ReportPeriod(from: Day(iso: "2026-06-01")!, to: Day(iso: "2026-09-30")!)),
        ("report  2026-06-01   2026-06-01 ", ReportPeriod(from: Day(iso: "2026-06-01")!, to: Day(iso: "2026-06-01")!)),
        ("report", ReportPeriod.standard(asOf: F.asOf)),
    ])
    func thePaletteSetsThePeriod(typed: String, period: ReportPeriod) {
        var state = F.state()
        #expect(palette(typed, in: &state) == [.loadDashboard(period)])
        #expect(state.screen.kind == .dashboard && state.flash == nil)
        // The period stays: 7 again, or Tab round to it, asks for the same one.
        _ = reduce(&state, .key(.char("1")))
        #expect(reduce(&state, .key(.char("7"))) == [.loadDashboard(period)])
        #expect(reduce(&state, .dataChanged).contains(.loadDashboard(period)))
    }

    @Test(arguments: [
        ("report 2026-13-01", "\"2026-13-01\" is not a date; expected YYYY-MM-DD"),
        ("report june", "\"june\" is not a date"),
        ("report 2026-6-1", "\"2026-6-1\" is not a date"),
        ("report 2026-11-01 2026-06-01", "the period would start 2026-11-01 after it ends 2026-06-01"),
        ("report 2026-12-01", "2026-12-01 is after the as-of day 2026-11-23"),
        ("report 2026-06-01 2026-07-01 2026-08-01", "two days at most"),
    ])
    func aBadPeriodIsSaidAndChangesNothing(typed: String, problem: String) {
        var state = F.state()
        _ = reduce(&state, .run(.alerts))
        #expect(palette(typed, in: &state).isEmpty)
        #expect(state.screen.kind == .alerts)
        #expect(state.flash?.kind == .error && state.flash?.text.contains(problem) == true, "\(state.flash?.text ?? "no flash")")
        #expect(state.dashboard.chosen == nil)
    }

    @Test func aLoadForAnotherPeriodIsDropped() {
        var state = F.state()
        _ = palette("report 2026-06-01", in: &state)
        _ = reduce(&state, .dashboardLoaded(D.dashboard))
        #expect(state.dashboard.dashboard == nil)
        _ = palette("report 2026-09-01", in: &state)
        _ = reduce(&state, .dashboardLoaded(D.dashboard))
        #expect(state.dashboard.dashboard?.period == D.period)
        // A new period clears the old figures until its own arrive.
        _ = palette("report 2026-10-01", in: &state)
        #expect(state.dashboard.dashboard == nil)
    }

    @Test func jAndKScrollWithinThePage() {
        var state = D.state(width: 80, height: 24)
        state.drawFrame()
        let count = state.shown?.count ?? 0, page = state.shown?.height ?? 0
        #expect(count == DashboardView.lines(D.dashboard, width: 78, glyphs: .unicode).count)
        #expect(page == 24 - 5 && count > page)
        state.step(.run(.moveUp))
        #expect(state.dashboard.scroll == 0)
        state.step(.key(.char("j")))
        #expect(state.dashboard.scroll == 1)
        state.step(.key(.pageDown))
        state.step(.key(.pageDown))
        #expect(state.dashboard.scroll == count - page)
        state.step(.key(.char("g")))
        #expect(state.dashboard.scroll == 0)
        // Growing the terminal keeps the last line at the bottom, not past it.
        state.step(.run(.bottom))
        state.step(.resized(ScreenSize(width: 120, height: 35)))
        let grown = DashboardView.lines(D.dashboard, width: 118, glyphs: .unicode).count
        #expect(state.dashboard.scroll == max(0, grown - (35 - 5)))
    }

    @Test func enterAndActionsSayTheyDoNotApply() {
        var state = D.state(width: 80, height: 24)
        #expect(reduce(&state, .key(.enter)).isEmpty)
        #expect(state.flash?.text == "nothing selected")
        #expect(reduce(&state, .key(.char("a"))).isEmpty)
        #expect(state.flash?.kind == .error)
        #expect(state.screen.kind == .dashboard)
    }
}
