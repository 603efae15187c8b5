import FolioDomain
import FolioStore

extension ScreenKind {
    public static let checkIns = ScreenKind("check-ins", title: "the check-ins view (3)")
}

extension CommandName {
    public static let checkIns = CommandName("check-ins")
}

/// Check-ins (view 3): those the book owes, with the coverage rate.
public struct CheckInsScreen: RootScreen, ListScreen {
    public static let kind = ScreenKind.checkIns

    public var board: CheckInBoard?
    public var cursor = ListCursor()

    public init() {}

    public var lines: [CheckInBoard.Line] {
        (board?.lines ?? []).filter { $0.standing != .upcoming && $0.standing != .done }
    }

    public mutating func load(_ board: CheckInBoard) {
        let selected = selectedLine.map { ($0.checkIn.accountID, $0.checkIn.due) }
        self.board = board
        if let selected, let index = lines.firstIndex(where: { ($0.checkIn.accountID, $0.checkIn.due) == selected }) { cursor.selection = index }
        cursor.clamp(count: lines.count)
    }

    public var selectedLine: CheckInBoard.Line? {
        let lines = self.lines
        return lines.indices.contains(cursor.selection) ? lines[cursor.selection] : nil
    }

    // MARK: Screen

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        CheckInsView.draw(self, app: app, into: &canvas, rect: rect)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        let g = app.glyphs
        return ScreenTitle("Check-ins of \(app.viewer.bookName)",
                           right: board.map { "\(lines.count) owed \(g.dot) \($0.coverage.overall.accounts) accounts " } ?? "")
    }

    public var rowCount: Int { lines.count }

    public func reload(_ app: AppState) -> [Effect] { [Self.load(book: app.bookOwner)] }

    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] {
        if let board = loaded as? CheckInBoard { load(board) }
        return []
    }

    public var selectedAccount: AccountRef? {
        selectedLine.map { AccountRef(id: $0.checkIn.accountID, name: $0.accountName) }
    }

    // MARK: Reading

    static func load(book: String?) -> Effect {
        .load(ScreenLoad(ScreenID(kind), book: book) { store in
            try store.database.read { db in try CheckInBoard.load(for: store.reader, asOf: store.asOf, bands: store.bands, in: db) }
        })
    }
}
