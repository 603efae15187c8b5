/// Punctuation the interface's own text uses, with ASCII stand-ins for a non-UTF-8
/// locale (where curses would show anything else as `?`).
extension Glyphs {
    /// Between facts on one line: "csm · folio.db".
    public var dot: String { isUnicode ? "·" : "|" }
    /// From one value to another: "60 → 56".
    public var arrow: String { isUnicode ? "→" : "->" }
    /// A range or a missing value: "1–20", "–".
    public var dash: String { isUnicode ? "–" : "-" }
    /// A minus sign in a change: "−4".
    public var minus: String { isUnicode ? "−" : "-" }
    /// The × in a size: "80×24".
    public var times: String { isUnicode ? "×" : "x" }
    /// After something under way: "loading…" (the table's `ellipsis` is one cell, `~` in ASCII).
    public var underWay: String { isUnicode ? "…" : "..." }
}

extension Glyphs {
    /// A row marked with Space.
    public var marked: String { isUnicode ? "✓" : "*" }
}
