import FolioDomain
import FolioStore

/// The team: CSM rows, then the escalations; one selection runs through both.
public struct TeamState: Sendable {
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

    public mutating func load(_ board: TeamBoard, height: Int) {
        let selectedKey = selectedItem.map(Self.key)
        self.board = board
        marks.keep(board.escalations.compactMap(\.alert.id))
        if let selectedKey, let index = items.firstIndex(where: { Self.key($0) == selectedKey }) { cursor.selection = index }
        cursor.keepVisible(count: items.count, height: height)
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
}
