/// A run of text in one style: views build lines of spans, then draw them.
public struct Span: Sendable, Hashable {
    public var text: String
    public var role: StyleRole
    public var isBold: Bool

    public init(_ text: String, _ role: StyleRole = .normal, bold: Bool = false) {
        self.text = text
        self.role = role
        self.isBold = bold
    }
}

/// One line of styled text.
public typealias StyledLine = [Span]

extension Canvas {
    /// Draws spans one after another on a row, clipped at `maxWidth` cells; returns the
    /// column after the last cell written.
    @discardableResult
    public mutating func put(line: StyledLine, at point: Point, maxWidth: Int? = nil) -> Int {
        let limit = point.column + (maxWidth ?? (width - point.column))
        var column = point.column
        for span in line {
            guard column < limit else { break }
            column = put(text: span.text, at: Point(column: column, row: point.row), role: span.role,
                         maxWidth: limit - column, isBold: span.isBold)
        }
        return column
    }
}

extension StyledLine {
    /// The plain text of a line (for tests and width checks).
    public var plainText: String { map(\.text).joined() }
}
