/// A list the `/` line filters as you type (the book, alerts, check-ins, renewals, the
/// outbox, the team): it keeps the text, and shows only the rows that match it
/// (`ListFilter`: qualifiers it knows and free words, accents folded).
public protocol FilterableScreen: Screen {
    /// What was typed.
    var filterText: String { get }
    /// The qualifiers it knows, for the line's help and its refusal of others ("owner", "sev").
    var filterKeys: [String] { get }
    /// Filters by `text`, the matches from the top (every key of the line comes here).
    mutating func filter(by text: String)
    /// `n` / `N`: the selection to the next or previous row shown, round the end.
    mutating func stepMatch(by delta: Int)
    /// How many rows match, for the line to say.
    var matchCount: Int { get }
}

extension FilterableScreen {
    /// The terms it knows, for the line's help ("owner: tier: band:").
    public var filterTerms: String { filterKeys.map { "\($0):" }.joined(separator: " ") }

    /// What the line says about qualifiers this list does not have, if any were typed.
    var filterNote: String? { ListFilter(filterText, keys: filterKeys).unknownNote(keys: filterKeys) }
}

extension FilterableScreen where Self: ListScreen {
    public mutating func stepMatch(by delta: Int) {
        guard rowCount > 0 else { return }
        cursor.selection = ((cursor.selection + delta) % rowCount + rowCount) % rowCount
    }

    public var matchCount: Int { rowCount }
}
