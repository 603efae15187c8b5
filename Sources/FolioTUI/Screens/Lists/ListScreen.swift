/// A screen that is a list with a selection (lazygit's list contexts): moving, and keeping
/// where the last frame scrolled to, come with its `ListCursor`.
public protocol ListScreen: Screen {
    var cursor: ListCursor { get set }
    /// The rows the selection moves through.
    var rowCount: Int { get }
}

extension ListScreen {
    public mutating func settle(_ shown: Viewport) { cursor.scroll = shown.scroll }
    public mutating func move(by rows: Int) { cursor.move(by: rows, count: rowCount) }
}
