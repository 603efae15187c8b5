import FolioDomain
import FolioStore

extension ScreenKind {
    public static let checkIns = ScreenKind("check-ins", title: "the check-ins view (3)")
}

extension CommandName {
    public static let checkIns = CommandName("check-ins")
}

/// Check-ins (view 3): those the book owes, with the coverage rate; `/` filters them.
public struct CheckInsScreen: RootScreen, ListScreen, FilterableScreen {
    public static let kind = ScreenKind.checkIns

    public private(set) var board: CheckInBoard?
    public var cursor = ListCursor()
    public private(set) var filterText = ""
    /// The owed check-ins the filter lets through: the rows.
    public private(set) var lines: [CheckInBoard.Line] = []
    /// How many are owed in all.
    public private(set) var owed = 0

    public init() {}

    public mutating func load(_ board: CheckInBoard) {
        let selected = selectedLine.map { ($0.checkIn.accountID, $0.checkIn.due) }
        self.board = board
        refilter()
        if let selected, let index = lines.firstIndex(where: { ($0.checkIn.accountID, $0.checkIn.due) == selected }) { cursor.selection = index }
        cursor.clamp(count: lines.count)
    }

    public static let filterKeys = ["owner", "tier", "stage", "state"]
    public var filterKeys: [String] { Self.filterKeys }

    public mutating func filter(by text: String) {
        filterText = text
        refilter()
        cursor = ListCursor()
    }

    private mutating func refilter() {
        let owedLines = (board?.lines ?? []).filter { $0.standing != .upcoming && $0.standing != .done }
        owed = owedLines.count
        let filter = ListFilter(filterText, keys: Self.filterKeys)
        lines = filter.isEmpty ? owedLines : owedLines.filter { line in
            filter.matches(text: SearchText.fold("\(line.accountName) \(line.checkIn.accountID) \(line.title) \(line.hint) \(line.ownerName)")) { key in
                switch key {
                case "owner": [line.owner, line.ownerName]
                case "tier": [line.tier.rawValue, line.tier.short]
                case "stage": [line.stage.rawValue]
                case "state": [line.standing.rawValue]
                default: []
                }
            }
        }
        cursor.clamp(count: lines.count)
    }

    /// Esc clears the filter first.
    public mutating func back(in app: inout AppState) -> Bool {
        guard !filterText.isEmpty else { return false }
        filter(by: "")
        return true
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
                           right: board.map { board in
                               let owedText = lines.count == owed ? "\(owed) owed" : "\(lines.count) of \(owed) owed"
                               let filter = filterText.isEmpty || app.mode.isTyping ? "" : "filter: \(filterText) \(g.dot) "
                               return "\(filter)\(owedText) \(g.dot) \(board.coverage.overall.accounts) accounts "
                           } ?? "")
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
