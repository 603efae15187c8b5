/// An in-memory grid of cells that views render into; the terminal backend copies it
/// to the screen. Tests assert on its text (`snapshot()`) and styles (`styleSnapshot()`),
/// as ratatui's TestBackend does.
public struct Canvas: Hashable, Sendable {
    /// A cell coordinate; column 0 is the left edge, row 0 the top.
    public struct Point: Hashable, Sendable {
        public var column: Int
        public var row: Int
        public init(column: Int, row: Int) {
            self.column = column
            self.row = row
        }
    }

    /// A rectangle of cells.
    public struct Rect: Hashable, Sendable {
        public var column: Int
        public var row: Int
        public var width: Int
        public var height: Int
        public init(column: Int, row: Int, width: Int, height: Int) {
            self.column = column
            self.row = row
            self.width = width
            self.height = height
        }
    }

    public let width: Int
    public let height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, role: StyleRole = .normal) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(role), count: self.width * self.height)
    }

    public init(size: ScreenSize, role: StyleRole = .normal) {
        self.init(width: size.width, height: size.height, role: role)
    }

    public var size: ScreenSize { ScreenSize(width: width, height: height) }

    /// The cell at a column and row; both must be inside the canvas.
    public subscript(column: Int, row: Int) -> Cell {
        precondition(contains(column: column, row: row), "cell (\(column), \(row)) outside a \(width)×\(height) canvas")
        return cells[row * width + column]
    }

    public func contains(column: Int, row: Int) -> Bool {
        column >= 0 && column < width && row >= 0 && row < height
    }

    // MARK: Writing

    /// Writes `text` from `point` on one row and returns the column after the last cell
    /// written, so calls can be chained along a row.
    ///
    /// The text is passed through `TerminalText.sanitize` (a no-op on text that is
    /// already clean), so nothing control-like can reach a cell. Text is clipped, not
    /// ellipsized, at the right edge or after `maxWidth` cells: use
    /// `TerminalText.truncate` first when an ellipsis is wanted. A wide grapheme that
    /// would straddle the limit becomes a space. Zero-width graphemes (a combining mark
    /// with nothing to combine with) are skipped. A negative column scrolls the text
    /// left: the part before column 0 is not drawn.
    @discardableResult
    public mutating func put(
        text: String,
        at point: Point,
        role: StyleRole = .normal,
        maxWidth: Int? = nil,
        isBold: Bool = false,
        isReversed: Bool = false
    ) -> Int {
        let row = point.row
        var column = point.column
        guard row >= 0, row < height else { return column }
        let limit = min(width, maxWidth.map { point.column + max(0, $0) } ?? width)
        let clean = TerminalText.sanitize(text)

        for character in clean {
            if column >= limit { break }
            let cellWidth = DisplayWidth.of(character)
            if cellWidth == 0 { continue }
            if column + cellWidth > limit {
                // A wide grapheme cut by the limit: keep the column count honest.
                if column >= 0 { setCell(.blank(role), isBold: isBold, isReversed: isReversed, column: column, row: row) }
                column += 1
                break
            }
            if column < 0 {
                if column + cellWidth > 0 {
                    // Left half scrolled off: the visible right half becomes a space.
                    setCell(.blank(role), isBold: isBold, isReversed: isReversed, column: 0, row: row)
                }
                column += cellWidth
                continue
            }
            let cell = Cell(grapheme: String(character), width: cellWidth, role: role, isBold: isBold, isReversed: isReversed)
            setCell(cell, isBold: isBold, isReversed: isReversed, column: column, row: row)
            column += cellWidth
        }
        return max(column, point.column)
    }

    /// Fills a rectangle (clipped to the canvas) with a narrow character in a role.
    public mutating func fill(_ rect: Rect, with character: Character = " ", role: StyleRole = .normal) {
        var glyph = TerminalText.sanitize(String(character))
        if DisplayWidth.of(glyph) != 1 { glyph = " " }
        let columns = max(0, rect.column)..<min(width, rect.column + max(0, rect.width))
        let rows = max(0, rect.row)..<min(height, rect.row + max(0, rect.height))
        for row in rows {
            for column in columns {
                setCell(Cell(grapheme: glyph, width: 1, role: role), isBold: false, isReversed: false, column: column, row: row)
            }
        }
    }

    /// Fills a whole row, e.g. the background of a status bar.
    public mutating func fill(row: Int, role: StyleRole) {
        fill(Rect(column: 0, row: row, width: width, height: 1), role: role)
    }

    /// Changes the role of every cell in a rectangle, keeping its text: how a
    /// selection bar is laid over a row that is already drawn.
    public mutating func restyle(_ rect: Rect, role: StyleRole) {
        let columns = max(0, rect.column)..<min(width, rect.column + max(0, rect.width))
        let rows = max(0, rect.row)..<min(height, rect.row + max(0, rect.height))
        for row in rows {
            for column in columns {
                cells[row * width + column].role = role
            }
        }
    }

    /// Blanks every cell.
    public mutating func clear(role: StyleRole = .normal) {
        for index in cells.indices { cells[index] = .blank(role) }
    }

    /// Stores a cell and repairs any wide grapheme it cuts in half, so the grid never
    /// holds an orphaned half (which would shift the rest of the row on screen).
    private mutating func setCell(_ cell: Cell, isBold: Bool, isReversed: Bool, column: Int, row: Int) {
        let base = row * width
        let old = cells[base + column]
        if old.isContinuation, column > 0 {
            cells[base + column - 1] = .blank(cells[base + column - 1].role)
        }
        if old.width == 2, cell.width != 2, column + 1 < width {
            cells[base + column + 1] = .blank(old.role)
        }
        cells[base + column] = cell
        if cell.width == 2 {
            let next = base + column + 1
            if cells[next].width == 2, column + 2 < width {
                cells[next + 1] = .blank(cells[next].role)
            }
            cells[next] = .continuation(cell.role, isBold: isBold, isReversed: isReversed)
        }
    }

    // MARK: Reading

    /// The exact text of a row, `width` cells wide (continuation cells contribute
    /// nothing, their wide grapheme already counts two).
    public func text(row: Int) -> String {
        precondition(row >= 0 && row < height, "row \(row) outside a canvas of height \(height)")
        var line = ""
        line.reserveCapacity(width)
        for cell in cells[(row * width)..<((row + 1) * width)] where !cell.isContinuation {
            line += cell.grapheme
        }
        return line
    }

    /// Every row's exact text.
    public var lines: [String] { (0..<height).map { text(row: $0) } }

    /// The rows with trailing spaces removed, joined by newlines: the readable form
    /// used for golden files.
    public func snapshot() -> String {
        lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
    }

    /// The rows with a `«role»` marker wherever the style changes (`«title+bold»`,
    /// `«selection+reverse»`), trailing unstyled blanks trimmed. For snapshot tests of
    /// what is styled how.
    public func styleSnapshot() -> String {
        var rows: [String] = []
        for row in 0..<height {
            let rowCells = cells[(row * width)..<((row + 1) * width)]
            var end = rowCells.endIndex
            while end > rowCells.startIndex {
                let cell = cells[end - 1]
                if cell.grapheme == " " && cell.role == .normal && !cell.isBold && !cell.isReversed { end -= 1 } else { break }
            }
            var line = ""
            var current: String? = nil
            for cell in rowCells[rowCells.startIndex..<end] where !cell.isContinuation {
                var marker = cell.role.rawValue
                if cell.isBold { marker += "+bold" }
                if cell.isReversed { marker += "+reverse" }
                if marker != current {
                    line += "«\(marker)»"
                    current = marker
                }
                line += cell.grapheme
            }
            rows.append(line)
        }
        return rows.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = Substring(self)
        while result.last == " " { result.removeLast() }
        return String(result)
    }
}
