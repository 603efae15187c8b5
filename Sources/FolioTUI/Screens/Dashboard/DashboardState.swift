import FolioDomain
import FolioStore

/// The dashboard (view 7): the period asked for, its figures once loaded, and the first
/// line shown (it scrolls as a page, there is nothing to select).
public struct DashboardState: Sendable {
    /// nil: the default, the 90 days up to the as-of day.
    public var chosen: ReportPeriod?
    public var dashboard: ProgrammeDashboard?
    public var scroll = 0

    public init() {}

    /// The period shown: the one chosen with `:report`, else the default.
    public func period(asOf: Day) -> ReportPeriod { chosen ?? .standard(asOf: asOf) }
}
