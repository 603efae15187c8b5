import FolioDomain
import FolioStore

extension ScreenKind {
    public static let alerts = ScreenKind("alerts", title: "the alerts view (2)")
}

extension CommandName {
    public static let alerts = CommandName("alerts")
}

/// The alerts inbox (view 2): the alerts routed to the viewer, worst first then the
/// nearest deadline (as `AlertDesk.list` orders them), the selection and the marked ones.
public struct AlertsScreen: RootScreen, ListScreen {
    public static let kind = ScreenKind.alerts

    public private(set) var listings: [AlertListing] = []
    /// The moment the SLA countdowns are judged at (from the load).
    public private(set) var now: Int64 = 0
    public var cursor = ListCursor()
    public var marks = Marks<Int64>()
    public private(set) var isLoaded = false

    public init() {}

    /// New listings; the selection stays on the same alert and marks on alerts still here.
    public mutating func load(_ listings: [AlertListing], now: Int64) {
        let selected = selectedListing?.alert.id
        self.listings = listings
        self.now = now
        isLoaded = true
        marks.keep(listings.compactMap(\.alert.id))
        if let selected, let index = listings.firstIndex(where: { $0.alert.id == selected }) { cursor.selection = index }
        cursor.clamp(count: listings.count)
    }

    public var selectedListing: AlertListing? {
        listings.indices.contains(cursor.selection) ? listings[cursor.selection] : nil
    }

    /// What an action applies to: the marked alerts, else the selected one.
    public var targets: [AlertListing] {
        marks.isEmpty ? (selectedListing.map { [$0] } ?? []) : listings.filter { marks.contains($0.alert.id ?? -1) }
    }

    // MARK: Screen

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        AlertsView.draw(self, app: app, into: &canvas, rect: rect)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        ScreenTitle("Alerts of \(app.viewer.bookName)", right: isLoaded ? "\(listings.count) alerts " : "")
    }

    public var rowCount: Int { listings.count }

    /// Space marks or unmarks the selected alert and moves to the next.
    public mutating func run(_ name: CommandName, argument: String?, in app: inout AppState) -> [Effect]? {
        guard name == .mark else { return nil }
        guard let id = selectedListing?.alert.id else { return [] }
        marks.toggle(id)
        cursor.move(by: 1, count: listings.count)
        app.flash = marks.isEmpty ? nil : Flash("\(marks.count) marked: a, s or x acts on all of them")
        return []
    }

    public func reload(_ app: AppState) -> [Effect] { [Self.load(book: app.bookOwner)] }

    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] {
        if let loaded = loaded as? Loaded { load(loaded.listings, now: loaded.now) }
        return []
    }

    public var selectedAccount: AccountRef? {
        selectedListing.map { AccountRef(id: $0.alert.accountID, name: $0.accountName) }
    }

    public func alertTargets(for command: CommandName) -> [AlertTarget] {
        targets.map { AlertTarget($0.alert, accountName: $0.accountName) }
    }

    public mutating func clearMarks() { marks.clear() }

    /// The SLA countdowns move on: read them again.
    public func tick(_ app: AppState) -> [Effect] { reload(app) }

    // MARK: Reading

    /// The inbox, with the moment its countdowns are judged at.
    struct Loaded: Sendable {
        var listings: [AlertListing]
        var now: Int64
    }

    /// The inbox: alerts routed to the person, and any on accounts they own.
    static func load(book: String?) -> Effect {
        .load(ScreenLoad(ScreenID(kind), book: book) { store in
            let listings = try store.database.read { db in try AlertDesk.list(for: store.reader, scope: .mine, in: db) }
            return Loaded(listings: listings, now: store.now)
        })
    }
}
