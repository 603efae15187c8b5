/// A mouse report, as the terminal sends it with SGR mouse reporting (mode 1006): a
/// button pressed or let go, or the wheel turned, at a cell (counted from 0). The mouse
/// only ever does what keys do too: click selects, a double click opens, the wheel scrolls.
public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable { case left, middle, right }

    public enum Kind: Hashable, Sendable {
        case press(Button)
        case release
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var column: Int
    public var row: Int
    /// 2 for the second press of a double click (same button and cell, quickly after).
    public var clicks: Int

    public init(_ kind: Kind, column: Int, row: Int, clicks: Int = 1) {
        self.kind = kind
        self.column = column
        self.row = row
        self.clicks = clicks
    }
}
