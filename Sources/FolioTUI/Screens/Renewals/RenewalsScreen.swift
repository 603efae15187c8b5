import FolioDomain
import FolioStore

extension ScreenKind {
    public static let renewals = ScreenKind("renewals", title: "the renewals view (4)")
}

extension CommandName {
    public static let renewals = CommandName("renewals")
}

/// Renewals (view 4): the pipeline and the open renewals; the selection is on an open
/// renewal (`m` moves it); `/` filters the open renewals.
public struct RenewalsScreen: RootScreen, ListScreen, FilterableScreen {
    public static let kind = ScreenKind.renewals

    public private(set) var board: RenewalBoard?
    public var cursor = ListCursor()
    public private(set) var filterText = ""
    /// The open renewals the filter lets through: the rows.
    public private(set) var open: [RenewalBoard.Line] = []

    public init() {}

    public mutating func load(_ board: RenewalBoard) {
        let selected = selectedLine?.opportunity.id
        self.board = board
        refilter()
        if let selected, let index = open.firstIndex(where: { $0.opportunity.id == selected }) { cursor.selection = index }
        cursor.clamp(count: open.count)
    }

    public var selectedLine: RenewalBoard.Line? {
        open.indices.contains(cursor.selection) ? open[cursor.selection] : nil
    }

    public static let filterKeys = ["owner", "band", "stage"]
    public var filterKeys: [String] { Self.filterKeys }

    public mutating func filter(by text: String) {
        filterText = text
        refilter()
        cursor = ListCursor()
    }

    private mutating func refilter() {
        let all = board?.open ?? []
        let filter = ListFilter(filterText, keys: Self.filterKeys)
        open = filter.isEmpty ? all : all.filter { line in
            let o = line.opportunity
            return filter.matches(text: SearchText.fold("\(line.accountName) \(o.accountID) \(line.ownerName) \(line.nextAction)")) { key in
                switch key {
                case "owner": [o.owner, line.ownerName]
                case "band": [line.band ?? "none"]
                case "stage": [o.stage.rawValue]
                default: []
                }
            }
        }
        cursor.clamp(count: open.count)
    }

    /// Esc clears the filter first.
    public mutating func back(in app: inout AppState) -> Bool {
        guard !filterText.isEmpty else { return false }
        filter(by: "")
        return true
    }

    // MARK: Screen

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        RenewalsView.draw(self, app: app, into: &canvas, rect: rect)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        let filter = filterText.isEmpty || app.mode.isTyping ? "" : "filter: \(filterText) \(app.glyphs.dot) "
        return ScreenTitle("Renewals of \(app.viewer.bookName)", right: board.map { "\(filter)\($0.open.count) open " } ?? "")
    }

    public var rowCount: Int { open.count }

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
