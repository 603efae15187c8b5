import FolioDomain
import FolioStore

/// The book's table: every entry loaded, which of them the filter shows in which order,
/// the selection and the first visible row.
public struct BookState: Sendable {
    public private(set) var entries: [BookEntry] = []
    /// What the filter searches, built once per load.
    private var searchIndex = BookSearchIndex()
    /// Every entry's index in the current sort, computed once per load or sort change.
    private var order: [Int] = []
    /// Indices into `entries` of the rows shown, in display order.
    public private(set) var rows: [Int] = []
    public private(set) var sort: BookSort = .attention
    public var filterText: String = "" { didSet { if filterText != oldValue { refresh() } } }
    /// Index into `rows`.
    public var selection: Int = 0
    /// The first row shown.
    public var scroll: Int = 0
    public var isLoaded = false
    /// False while only the book's first rows are here (`start`); the rest is loading.
    public private(set) var isComplete = false
    /// How many accounts the whole book has (known before they are all loaded).
    public private(set) var total = 0
    /// The newest score's day, for the status bar's "scores N days old".
    public var scoresAsOf: Day?
    /// Some account of the book has an open alert (the table gives alerts a column then).
    public private(set) var hasAlerts = false

    public init() {}

    /// The whole book: the selection stays on the same account.
    public mutating func load(_ book: LoadedBook) {
        replace(with: book.entries, total: book.entries.count, scoresAsOf: book.scoresAsOf, index: book.searchIndex)
    }

    /// The book's first rows in the default order, while the rest loads; `total` is the
    /// whole book's size.
    public mutating func start(_ entries: [BookEntry], total: Int, scoresAsOf: Day?) {
        replace(with: entries, total: max(total, entries.count), scoresAsOf: scoresAsOf, index: BookSearchIndex(entries))
    }

    private mutating func replace(with entries: [BookEntry], total: Int, scoresAsOf: Day?, index: BookSearchIndex) {
        let selectedID = selectedEntry?.account.id
        self.entries = entries
        hasAlerts = entries.contains { $0.openAlerts > 0 }
        self.total = total
        self.scoresAsOf = scoresAsOf
        searchIndex = index
        order = sort.order(entries)
        isLoaded = true
        isComplete = entries.count >= total
        refresh()
        if let selectedID, let row = rows.firstIndex(where: { self.entries[$0].account.id == selectedID }) { selection = row }
    }

    public mutating func setSort(_ sort: BookSort) {
        self.sort = sort
        order = sort.order(entries)
        refresh()
        selection = 0
        scroll = 0
    }

    /// Re-applies sort and filter, keeping the selection in range.
    mutating func refresh() {
        rows = searchIndex.rows(matching: BookFilter(filterText), in: order)
        selection = min(selection, max(0, rows.count - 1))
        scroll = min(scroll, selection)
    }

    public var selectedEntry: BookEntry? {
        rows.indices.contains(selection) ? entries[rows[selection]] : nil
    }
}

/// A whole book, ready to show: the filter's index is built where the book was loaded
/// (off the loop's thread), so taking in 100,000 accounts does not hold up a frame.
public struct LoadedBook: Sendable {
    public var entries: [BookEntry]
    /// The newest score's day.
    public var scoresAsOf: Day?
    /// Whose book it is (a login); nil: whoever's is on screen.
    public var owner: String?
    let searchIndex: BookSearchIndex

    public init(_ entries: [BookEntry], scoresAsOf: Day?, owner: String? = nil) {
        self.entries = entries
        self.scoresAsOf = scoresAsOf
        self.owner = owner
        searchIndex = BookSearchIndex(entries)
    }
}
