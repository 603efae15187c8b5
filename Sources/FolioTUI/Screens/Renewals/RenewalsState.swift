import FolioDomain
import FolioStore

/// The renewal pipeline and the open renewals; the selection is on an open renewal.
public struct RenewalsState: Sendable {
    public var board: RenewalBoard?
    public var cursor = ListCursor()
    public init() {}

    public mutating func load(_ board: RenewalBoard, height: Int) {
        let selected = selectedLine?.opportunity.id
        self.board = board
        if let selected, let index = board.open.firstIndex(where: { $0.opportunity.id == selected }) { cursor.selection = index }
        cursor.keepVisible(count: board.open.count, height: height)
    }

    public var selectedLine: RenewalBoard.Line? {
        guard let open = board?.open, open.indices.contains(cursor.selection) else { return nil }
        return open[cursor.selection]
    }
}
