import FolioDomain
import FolioStore

extension ScreenKind {
    public static let quiet = ScreenKind("quiet", title: "the quiet accounts (8)")
}

extension CommandName {
    public static let quiet = CommandName("quiet")
}

/// Quiet accounts (view 8): the book's accounts nobody has heard from in 30 days, the
/// longest silence first. Enter opens one.
public struct QuietScreen: RootScreen, ListScreen {
    public static let kind = ScreenKind.quiet

    var entries: [BookEntry]?
    public var cursor = ListCursor()

    public init() {}

    public var rowCount: Int { entries?.count ?? 0 }

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        let rows = entries ?? []
        enum Column: Hashable { case account, silent, owner }
        let columns = ListTable.layout([
            ListColumn(Column.account, "ACCOUNT", width: 20, priority: 10, grows: 40),
            ListColumn(.silent, "SILENT", width: 7, alignment: .right, priority: 9),
            ListColumn(.owner, "OWNER", width: 16, priority: 5, grows: nil),
        ], width: rect.width - ListTable.gutter(marking: false))
        ListTable.drawHeader(columns, at: rect.row, in: rect, marking: false, into: &canvas)
        let height = rect.height - 1
        let scroll = cursor.scroll(count: rows.count, height: height)
        if entries == nil { ListTable.drawMessage("Loading\(app.glyphs.underWay)", at: rect.row + 1, in: rect, into: &canvas) }
        for (offset, entry) in rows.dropFirst(scroll).prefix(max(0, height)).enumerated() {
            let days = entry.daysSinceActivity(asOf: app.viewer.asOf).map { "\($0)d" } ?? "never"
            ListTable.drawRow(columns, at: rect.row + 1 + offset, in: rect, isSelected: scroll + offset == cursor.selection,
                              isMarked: false, marking: false, glyphs: app.glyphs, into: &canvas) { column in
                switch column {
                case .account: (entry.account.name, .normal)
                case .silent: (days, .overdue)
                case .owner: (entry.ownerName, .dim)
                }
            }
        }
        return Viewport(screen: id, scroll: scroll, height: max(1, height), count: rows.count)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        ScreenTitle("Quiet accounts of \(app.viewer.bookName)", right: entries.map { "\($0.count) quiet " } ?? "")
    }

    public func reload(_ app: AppState) -> [Effect] {
        [.load(ScreenLoad(ScreenID(Self.kind), book: app.bookOwner) { store in
            let book = try store.database.read { db in try Book.entries(for: store.reader, asOf: store.asOf, bands: store.bands, in: db) }
            let silence = { (entry: BookEntry) in entry.daysSinceActivity(asOf: store.asOf) ?? Int.max }
            return book.filter { silence($0) >= 30 }.sorted { silence($0) > silence($1) }
        })]
    }

    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] {
        if let entries = loaded as? [BookEntry] { self.entries = entries; cursor.clamp(count: entries.count) }
        return []
    }

    public var selectedAccount: AccountRef? {
        entries.flatMap { $0.indices.contains(cursor.selection) ? $0[cursor.selection] : nil }
            .map { AccountRef(id: $0.account.id, name: $0.account.name) }
    }
}
