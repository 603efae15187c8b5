import FolioDomain
import FolioStore

extension ScreenKind {
    public static let team = ScreenKind("team", title: "the team view (5)")
}

extension CommandName {
    public static let team = CommandName("team")
}

/// The team (view 5, managers and VPs): CSM rows, then the escalations; one selection
/// runs through both. Enter on a CSM opens their book, on an escalation its account.
public struct TeamScreen: RootScreen, ListScreen {
    public static let kind = ScreenKind.team

    public var board: TeamBoard?
    public var cursor = ListCursor()
    public var marks = Marks<Int64>()

    public init() {}

    /// A selectable row of the team view.
    public enum Item: Sendable {
        case csm(TeamBoard.Line)
        case escalation(AlertListing)
    }

    public var items: [Item] {
        guard let board else { return [] }
        return board.rows.map(Item.csm) + board.escalations.map(Item.escalation)
    }

    public mutating func load(_ board: TeamBoard) {
        let selectedKey = selectedItem.map(Self.key)
        self.board = board
        marks.keep(board.escalations.compactMap(\.alert.id))
        if let selectedKey, let index = items.firstIndex(where: { Self.key($0) == selectedKey }) { cursor.selection = index }
        cursor.clamp(count: items.count)
    }

    static func key(_ item: Item) -> String {
        switch item {
        case .csm(let row): "csm:" + row.login
        case .escalation(let listing): "alert:\(listing.alert.id ?? 0)"
        }
    }

    public var selectedItem: Item? {
        let items = self.items
        return items.indices.contains(cursor.selection) ? items[cursor.selection] : nil
    }

    /// The marked escalations, else the selected one.
    public var targets: [AlertListing] {
        let escalations = board?.escalations ?? []
        if !marks.isEmpty { return escalations.filter { marks.contains($0.alert.id ?? -1) } }
        if case .escalation(let listing) = selectedItem { return [listing] }
        return []
    }

    // MARK: Screen

    public static func refusal(for viewer: Viewer) -> String? { InterfaceAccess.refusalOfTeamView(viewer) }

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        TeamView.draw(self, app: app, into: &canvas, rect: rect)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        let g = app.glyphs
        return ScreenTitle("Team of \(app.viewer.name)",
                           right: board.map { "\($0.rows.count) CSMs \(g.dot) \($0.escalations.count) escalations " } ?? "")
    }

    public var rowCount: Int { items.count }

    public mutating func run(_ name: CommandName, argument: String?, in app: inout AppState) -> [Effect]? {
        switch name {
        case .open:
            // A CSM's line opens their book; an escalation, its account (as anywhere).
            guard case .csm(let row) = selectedItem else { return nil }
            return viewAs(row.login, in: &app)
        case .mark:
            guard case .escalation(let listing) = selectedItem, let id = listing.alert.id else {
                app.flash = Flash("Space marks escalations (alerts), not CSM lines")
                return []
            }
            marks.toggle(id)
            cursor.move(by: 1, count: items.count)
            app.flash = marks.isEmpty ? nil : Flash("\(marks.count) marked: a, s or x acts on all of them")
            return []
        default:
            return nil
        }
    }

    public func reload(_ app: AppState) -> [Effect] { [Self.load(book: app.bookOwner)] }

    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] {
        if let board = loaded as? TeamBoard { load(board) }
        return []
    }

    public var selectedAccount: AccountRef? {
        guard case .escalation(let listing) = selectedItem else { return nil }
        return AccountRef(id: listing.alert.accountID, name: listing.accountName)
    }

    public func alertTargets(for command: CommandName) -> [AlertTarget] {
        targets.map { AlertTarget($0.alert, accountName: $0.accountName) }
    }

    public mutating func clearMarks() { marks.clear() }

    /// The escalations' countdowns move on: read them again.
    public func tick(_ app: AppState) -> [Effect] { reload(app) }

    // MARK: Reading

    /// The viewer's team (whoever's book is open: the team is the manager's own).
    static func load(book: String?) -> Effect {
        .load(ScreenLoad(ScreenID(kind), book: book) { store in
            try store.database.read { db in
                try TeamBoard.load(for: store.user, asOf: store.asOf, now: store.now, bands: store.bands, in: db)
            }
        })
    }
}
