import FolioDomain
import FolioStore

extension ScreenKind {
    public static let dashboard = ScreenKind("dashboard", title: "the dashboard (7)")
}

extension CommandName {
    public static let report = CommandName("report")
}

/// The dashboard (view 7, `:report FROM [TO]`): the period asked for, its figures once
/// loaded, and the first line shown (it scrolls as a page, there is nothing to select).
public struct DashboardScreen: RootScreen {
    public static let kind = ScreenKind.dashboard

    /// nil: the default, the 90 days up to the as-of day.
    public var chosen: ReportPeriod?
    public var dashboard: ProgrammeDashboard?
    /// The first line shown (as the last frame left it).
    public var scroll = 0

    public init() {}

    /// The period shown: the one chosen with `:report`, else the default.
    public func period(asOf: Day) -> ReportPeriod { chosen ?? .standard(asOf: asOf) }

    // MARK: Screen

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        DashboardView.draw(self, app: app, into: &canvas, rect: rect)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        ScreenTitle("Dashboard of \(app.viewer.bookName)", right: shown.linesText(glyphs: app.glyphs))
    }

    public mutating func settle(_ shown: Viewport) { scroll = shown.scroll }

    public mutating func move(by rows: Int) {
        scroll = max(0, scroll &+ max(min(rows, 1_000_000), -1_000_000))
    }

    /// `7` or `:report` keeps the period shown; `:report FROM [TO]` sets it. A bad date is
    /// said and nothing changes.
    public mutating func show(argument: String?, in app: inout AppState) -> [Effect]? {
        let asOf = app.viewer.asOf
        if let argument, !argument.split(separator: " ").isEmpty {
            switch ReportPeriodArgument.period(argument, asOf: asOf) {
            case .failure(let problem):
                app.flash = Flash(problem.message, kind: .error)
                return nil
            case .success(let period):
                if period != self.period(asOf: asOf) {
                    dashboard = nil
                    scroll = 0
                }
                chosen = period
            }
        }
        return reload(app)
    }

    public func reload(_ app: AppState) -> [Effect] { [Self.load(period(asOf: app.viewer.asOf), book: app.bookOwner)] }

    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] {
        // A load for a period since replaced is dropped.
        guard let dashboard = loaded as? ProgrammeDashboard, dashboard.period == period(asOf: app.viewer.asOf) else { return [] }
        self.dashboard = dashboard
        return []
    }

    /// The period chosen stays; its figures were another book's.
    public mutating func forgetBook() { dashboard = nil }

    /// Nothing to open here.
    public func hidesHint(_ name: CommandName, isRoot: Bool) -> Bool {
        name == .open || name == .filter || (name == .back && isRoot)
    }

    // MARK: Reading

    /// The programme's figures for a period.
    static func load(_ period: ReportPeriod, book: String?) -> Effect {
        .load(ScreenLoad(ScreenID(kind), request: "\(period.from) to \(period.to)", book: book) { store in
            try store.database.read { db in
                try ProgrammeDashboard.load(for: store.reader, period: period, asOf: store.asOf, bands: store.bands, in: db)
            }
        })
    }
}
