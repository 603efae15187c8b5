import FolioDomain
import FolioStore

extension ScreenKind {
    public static let renewals = ScreenKind("renewals", title: "the renewals view (4)")
}

extension CommandName {
    public static let renewals = CommandName("renewals")
}

/// Renewals (view 4): the pipeline and the open renewals; the selection is on an open
/// renewal (`m` moves it).
public struct RenewalsScreen: RootScreen, ListScreen {
    public static let kind = ScreenKind.renewals

    public var board: RenewalBoard?
    public var cursor = ListCursor()

    public init() {}

    public mutating func load(_ board: RenewalBoard) {
        let selected = selectedLine?.opportunity.id
        self.board = board
        if let selected, let index = board.open.firstIndex(where: { $0.opportunity.id == selected }) { cursor.selection = index }
        cursor.clamp(count: board.open.count)
    }

    public var selectedLine: RenewalBoard.Line? {
        guard let open = board?.open, open.indices.contains(cursor.selection) else { return nil }
        return open[cursor.selection]
    }

    // MARK: Screen

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        RenewalsView.draw(self, app: app, into: &canvas, rect: rect)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        ScreenTitle("Renewals of \(app.viewer.bookName)", right: board.map { "\($0.open.count) open " } ?? "")
    }

    public var rowCount: Int { board?.open.count ?? 0 }

    public func reload(_ app: AppState) -> [Effect] { [Self.load(book: app.bookOwner)] }

    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] {
        if let board = loaded as? RenewalBoard { load(board) }
        return []
    }

    public var selectedAccount: AccountRef? {
        selectedLine.map { AccountRef(id: $0.opportunity.accountID, name: $0.accountName) }
    }

    public var selectedRenewal: (opportunity: RenewalOpportunity, accountName: String)? {
        selectedLine.map { ($0.opportunity, $0.accountName) }
    }

    // MARK: Reading

    static func load(book: String?) -> Effect {
        .load(ScreenLoad(ScreenID(kind), book: book) { store in
            try store.database.read { db in try RenewalBoard.load(for: store.reader, asOf: store.asOf, bands: store.bands, in: db) }
        })
    }
}
