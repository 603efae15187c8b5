import FolioDomain
import FolioStore

// The dashboard (7, `:report FROM [TO]`): choosing its period, loading it, scrolling it.

/// `7` or `:report` keeps the period shown; `:report FROM [TO]` sets it. A bad date is said
/// and nothing changes.
func showDashboard(_ argument: String?, in state: inout AppState) -> [Effect] {
    let asOf = state.viewer.asOf
    if let argument, !argument.split(separator: " ").isEmpty {
        switch ReportPeriodArgument.period(argument, asOf: asOf) {
        case .failure(let problem):
            state.flash = Flash(problem.message, kind: .error)
            return []
        case .success(let period):
            if period != state.dashboard.period(asOf: asOf) {
                state.dashboard.dashboard = nil
                state.dashboard.scroll = 0
            }
            state.dashboard.chosen = period
        }
    }
    state.stack = [.dashboard]
    return [.loadDashboard(state.dashboard.period(asOf: asOf))]
}

func dashboardLoaded(_ dashboard: ProgrammeDashboard, in state: inout AppState) {
    // A load for a period since replaced is dropped.
    guard dashboard.period == state.dashboard.period(asOf: state.viewer.asOf) else { return }
    state.dashboard.dashboard = dashboard
    clampDashboardScroll(&state)
}

func scrollDashboard(by delta: Int, in state: inout AppState) {
    state.dashboard.scroll = max(0, state.dashboard.scroll &+ max(min(delta, 1_000_000), -1_000_000))
    clampDashboardScroll(&state)
}

func clampDashboardScroll(_ state: inout AppState) {
    let count = DashboardView.lines(state).count
    state.dashboard.scroll = max(0, min(state.dashboard.scroll, count - DashboardView.pageHeight(state)))
}
