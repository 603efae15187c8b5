/// Where each part of the frame goes, worked out from the state alone, so drawing and the
/// mouse agree: the tab bar (when the terminal is tall enough), the title with its
/// breadcrumb, a banner, the body, the status bar and the bottom line.
public struct Layout: Sendable, Hashable {
    /// The row of the tab bar; nil on a short terminal (the title then says where you are).
    public var tabRow: Int?
    public var titleRow: Int
    public var bannerRow: Int?
    public var body: Canvas.Rect
    public var statusRow: Int
    public var bottomRow: Int

    /// Below this height the tab bar gives its row to the body.
    public static let tabBarMinimumHeight = 16

    public init(_ state: AppState) {
        let size = state.size
        var row = 0
        if size.height >= Self.tabBarMinimumHeight {
            tabRow = 0
            row = 1
        }
        titleRow = row
        row += 1
        if state.viewer.banner != nil {
            bannerRow = row
            row += 1
        }
        body = Canvas.Rect(column: 0, row: row, width: size.width, height: max(0, size.height - 2 - row))
        statusRow = size.height - 2
        bottomRow = size.height - 1
    }
}

/// The tab bar: every view the viewer has with its key, the one on show bracketed (so it
/// reads without colour). Narrow terminals keep the keys and only the current view's name.
public enum TabBar {
    public struct Tab: Sendable, Hashable {
        public var key: String
        public var title: String
        public var kind: ScreenKind
        public var isCurrent: Bool
        /// As drawn: "[1 Book]", " 2 Alerts ", or " 2 " on a narrow terminal.
        public var text: String
        /// The columns it takes on the bar.
        public var columns: Range<Int>
    }

    public static func tabs(_ state: AppState) -> [Tab] {
        let current = state.screens.ids.first?.kind
        let entries = state.tabs.compactMap { view -> (String, String, ScreenKind)? in
            guard let key = state.keymap.viewCommand(view)?.keys.first?.displayName(glyphs: state.glyphs) else { return nil }
            return (key, view.tabTitle, view.kind)
        }
        // The widest that fits: "Folio" and every name; every name; "Folio" and the keys
        // with the current view's name; the keys and that name alone.
        let styles: [(brand: Bool, names: Bool)] = [(true, true), (false, true), (true, false), (false, false)]
        for (index, style) in styles.enumerated() {
            var column = style.brand ? 1 + DisplayWidth.of(brand) + 1 : 0
            var out: [Tab] = []
            for (key, title, kind) in entries {
                let isCurrent = kind == current
                let label = style.names || isCurrent ? "\(key) \(title)" : key
                let text = isCurrent ? "[\(label)]" : " \(label) "
                let width = DisplayWidth.of(text)
                out.append(Tab(key: key, title: title, kind: kind, isCurrent: isCurrent, text: text, columns: column..<(column + width)))
                column += width
            }
            if column <= state.size.width || index == styles.count - 1 { return out }
        }
        return []
    }

    static let brand = "Folio"

    static func draw(_ state: AppState, row: Int, into canvas: inout Canvas) {
        canvas.fill(row: row, role: .title)
        let tabs = tabs(state)
        if tabs.first.map({ $0.columns.lowerBound > 0 }) ?? true {
            canvas.put(text: " " + brand, at: .init(column: 0, row: row), role: .title, isBold: true)
        }
        for tab in tabs {
            canvas.put(text: tab.text, at: .init(column: tab.columns.lowerBound, row: row), role: tab.isCurrent ? .selection : .title,
                       isBold: tab.isCurrent)
        }
    }
}
