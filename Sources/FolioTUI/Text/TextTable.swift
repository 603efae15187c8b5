/// A plain-text table for non-curses output (`folio book --plain`, reports): columns
/// measured by display width and every cell sanitized, so names in CJK, emoji, RTL or
/// carrying escape sequences keep the columns aligned and cannot drive the terminal.
///
/// When `render(maxWidth:)` is given a width (DESIGN §1.2: drop low-priority columns
/// before truncating names):
/// 1. columns with a lower priority than the flexible column are dropped, lowest first,
///    until the table fits with each column at its natural width (capped at its `maxWidth`);
/// 2. if it still does not fit, the flexible column shrinks (with an ellipsis) down to
///    its `minWidth`;
/// 3. then any column is dropped, lowest priority first (ties: the rightmost);
/// 4. as a last resort the lines are cut.
public struct TextTable: Sendable {
    public struct Column: Sendable {
        public var header: String
        public var alignment: TextAlignment
        public var minWidth: Int
        public var maxWidth: Int?
        /// Higher survives longer when the table must narrow.
        public var priority: Int
        /// The column that gives up width (with an ellipsis) before columns are dropped
        /// past the natural fit; typically the account name.
        public var isFlexible: Bool

        public init(
            _ header: String,
            alignment: TextAlignment = .left,
            minWidth: Int = 1,
            maxWidth: Int? = nil,
            priority: Int = 0,
            isFlexible: Bool = false
        ) {
            self.header = header
            self.alignment = alignment
            self.minWidth = max(1, minWidth)
            self.maxWidth = maxWidth.map { max(max(1, minWidth), $0) }
            self.priority = priority
            self.isFlexible = isFlexible
        }
    }

    public var columns: [Column]
    public private(set) var rows: [[String]] = []
    /// Between two columns.
    public var separator: String = "  "
    /// Draw a rule under the header.
    public var showsRule: Bool = false

    public init(columns: [Column]) {
        self.columns = columns
    }

    /// Adds a row; missing trailing cells are blank, extra cells are ignored.
    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as lines, without trailing spaces. `glyphs` supplies the ellipsis and rule.
    public func render(maxWidth: Int? = nil, glyphs: Glyphs = .unicode) -> [String] {
        let headers = columns.map { TerminalText.sanitize($0.header) }
        let cells = rows.map { row in
            columns.indices.map { index in index < row.count ? TerminalText.sanitize(row[index]) : "" }
        }
        var widths = columns.indices.map { index -> Int in
            let column = columns[index]
            var natural = DisplayWidth.of(headers[index])
            for row in cells { natural = max(natural, DisplayWidth.of(row[index])) }
            natural = max(natural, column.minWidth)
            if let cap = column.maxWidth { natural = min(natural, cap) }
            return natural
        }
        var kept = Array(columns.indices)
        let separatorWidth = DisplayWidth.of(separator)
        func total() -> Int {
            kept.reduce(0) { $0 + widths[$1] } + separatorWidth * max(0, kept.count - 1)
        }
        let flexiblePriority = columns.first(where: \.isFlexible)?.priority
        func dropLowestPriority(beforeShrinking: Bool) -> Bool {
            let candidates = kept.filter { index in
                guard beforeShrinking else { return true }
                guard let flexiblePriority else { return true }
                return !columns[index].isFlexible && columns[index].priority < flexiblePriority
            }
            // The lowest priority goes first; among equals, the rightmost.
            guard kept.count > 1, let victim = candidates.min(by: {
                columns[$0].priority != columns[$1].priority ? columns[$0].priority < columns[$1].priority : $0 > $1
            }) else { return false }
            kept.removeAll { $0 == victim }
            return true
        }

        if let maxWidth {
            while total() > maxWidth, dropLowestPriority(beforeShrinking: true) {}
            if total() > maxWidth, let flexible = kept.first(where: { columns[$0].isFlexible }) {
                widths[flexible] = max(columns[flexible].minWidth, widths[flexible] - (total() - maxWidth))
            }
            while total() > maxWidth, dropLowestPriority(beforeShrinking: false) {}
        }

        func line(_ values: [String]) -> String {
            var text = kept.map { index in
                TerminalText.fit(values[index], toWidth: widths[index], alignment: columns[index].alignment, ellipsis: glyphs.ellipsis)
            }.joined(separator: separator).trimmingTrailingSpaces()
            if let maxWidth, DisplayWidth.of(text) > maxWidth {
                text = TerminalText.truncate(text, toWidth: maxWidth, ellipsis: glyphs.ellipsis)
            }
            return text
        }

        var output = [line(headers)]
        if showsRule {
            output.append(String(repeating: glyphs.horizontalLine, count: min(total(), maxWidth ?? .max)))
        }
        for row in cells { output.append(line(row)) }
        return output
    }
}
