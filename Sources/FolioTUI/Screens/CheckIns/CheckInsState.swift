import FolioDomain
import FolioStore

/// Check-ins owed by the book, with the coverage rate.
public struct CheckInsState: Sendable {
    public var board: CheckInBoard?
    public var cursor = ListCursor()
    public init() {}

    public var lines: [CheckInBoard.Line] {
        (board?.lines ?? []).filter { $0.standing != .upcoming && $0.standing != .done }
    }

    public mutating func load(_ board: CheckInBoard, height: Int) {
        let selected = selectedLine.map { ($0.checkIn.accountID, $0.checkIn.due) }
        self.board = board
        if let selected, let index = lines.firstIndex(where: { ($0.checkIn.accountID, $0.checkIn.due) == selected }) { cursor.selection = index }
        cursor.keepVisible(count: lines.count, height: height)
    }

    public var selectedLine: CheckInBoard.Line? {
        let lines = self.lines
        return lines.indices.contains(cursor.selection) ? lines[cursor.selection] : nil
    }
}
