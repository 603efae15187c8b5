import FolioDomain
import FolioStore

extension ScreenKind {
    public static let book = ScreenKind("book", title: "the book (1)")
}

extension CommandName {
    public static let book = CommandName("book")
    public static let filter = CommandName("filter")
    public static let nextMatch = CommandName("next-match")
    public static let previousMatch = CommandName("previous-match")
    public static let sort = CommandName("sort")
}

/// The book (view 1): every entry loaded, which of them the filter shows in which order,
/// the selection and the first row the last frame showed. `/` filters it and `o` sorts
/// it from any screen.
public struct BookScreen: RootScreen, FilterableScreen {
    public static let kind = ScreenKind.book

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
    /// The first row shown (as the last frame left it).
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

    // MARK: Screen

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        BookView.draw(self, app: app, into: &canvas, rect: rect)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        let g = app.glyphs
        var right = ""
        if isLoaded {
            if !isComplete {
                // Until the rest arrives, a filter or sort works on the rows already here.
                right = "\(total) accounts, loading\(g.underWay)"
            } else {
                right = rows.count == entries.count ? "\(entries.count) accounts" : "\(rows.count) of \(entries.count) accounts"
            }
            right += " \(g.dot) sort: \(sort.rawValue) "
            if !filterText.isEmpty, app.mode != .filter { right = "filter: \(filterText) \(g.dot) " + right }
        }
        return ScreenTitle("Book of \(app.viewer.bookName)", right: right)
    }

    public mutating func settle(_ shown: Viewport) { scroll = shown.scroll }

    public mutating func move(by delta: Int) {
        let count = rows.count
        guard count > 0 else { return }
        selection = delta > 0 ? min(count - 1, selection &+ min(delta, count)) : max(0, selection &+ max(delta, -count))
    }

    public mutating func run(_ name: CommandName, argument: String?, in app: inout AppState) -> [Effect]? {
        switch name {
        case .filter:
            app.screens.show(id)
            app.mode = .filter
        case .nextMatch, .previousMatch:
            guard app.screens.topID == id else { return [] }
            guard !filterText.isEmpty else {
                app.flash = Flash("no filter yet: press / and type")
                return []
            }
            guard !rows.isEmpty else {
                app.flash = Flash("no account matches \"\(TerminalText.sanitize(filterText))\"")
                return []
            }
            let step = name == .nextMatch ? 1 : rows.count - 1
            selection = (selection + step) % rows.count
        case .sort:
            sort(by: argument, in: &app)
        case .open:
            // Enter opens the selected account (as anywhere); on an empty table, it says why.
            guard selectedEntry == nil else { return nil }
            app.flash = Flash(entries.isEmpty ? "the book is empty" : "no account matches the filter")
        default:
            return nil
        }
        return []
    }

    /// `o` cycles through the orders where it is pressed; `:sort NAME` sorts and shows the book.
    private mutating func sort(by argument: String?, in app: inout AppState) {
        guard let argument else {
            let next = BookSort.allCases[(BookSort.allCases.firstIndex(of: sort)! + 1) % BookSort.allCases.count]
            setSort(next)
            app.flash = Flash("sorted by \(next.rawValue)")
            return
        }
        guard let order = BookSort.allCases.first(where: { $0.rawValue.hasPrefix(argument.lowercased()) }), !argument.isEmpty else {
            let names = BookSort.allCases.map(\.rawValue).joined(separator: ", ")
            app.flash = Flash("cannot sort by \(TerminalText.sanitize(argument)); try \(names)", kind: .error)
            return
        }
        app.screens.show(id)
        setSort(order)
        app.flash = Flash("sorted by \(order.rawValue)")
    }

    /// The book is read already (and again after every change): showing it reads nothing.
    public mutating func show(argument: String?, in app: inout AppState) -> [Effect]? { [] }

    public func reload(_ app: AppState) -> [Effect] { [Self.whole(book: app.bookOwner)] }

    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] {
        switch loaded {
        case let first as FirstRows:
            // A whole book that arrived first wins over its first page.
            guard !isComplete else { return [] }
            start(first.entries, total: first.total, scoresAsOf: first.scoresAsOf)
            return isComplete ? [] : [Self.whole(book: app.bookOwner)]
        case let book as LoadedBook:
            load(book)
        default:
            break
        }
        return []
    }

    public var filterTerms: String { "band:red tier:ent stage:renewal" }

    /// A key of the `/` line: the matches from the top (the frame keeps the selection in sight).
    public mutating func filter(by text: String) {
        filterText = text
        scroll = 0
    }

    /// Esc clears the filter.
    public mutating func back(in app: inout AppState) -> Bool {
        guard !filterText.isEmpty else { return false }
        filterText = ""
        return true
    }

    /// Esc's hint shows while there is a filter to clear.
    public func hidesHint(_ name: CommandName, isRoot: Bool) -> Bool { name == .back && filterText.isEmpty }

    public var selectedAccount: AccountRef? {
        selectedEntry.map { AccountRef(id: $0.account.id, name: $0.account.name) }
    }

    // MARK: Reading

    /// The book's first rows in the default order, and how many accounts it has.
    struct FirstRows: Sendable {
        var entries: [BookEntry]
        var total: Int
        var scoresAsOf: Day?
    }

    /// The first `rows` of the book and its size: all the first frame waits for.
    static func firstRows(_ rows: Int, book: String?) -> Effect {
        .load(ScreenLoad(ScreenID(kind), request: "first \(rows)", book: book, inBackground: false) { store in
            let (page, scoresAsOf) = try store.database.read { db in
                (try Book.firstPage(for: store.reader, asOf: store.asOf, bands: store.bands, limit: rows, in: db),
                 try AccountDetail.latestScoreDay(asOf: store.asOf, in: db))
            }
            return FirstRows(entries: page.entries, total: page.total, scoresAsOf: scoresAsOf)
        })
    }

    /// The whole book: a second or two for 100,000 accounts, so it is read in the
    /// background while the interface stays live.
    static func whole(book: String?) -> Effect {
        .load(ScreenLoad(ScreenID(kind), book: book) { store in
            let (entries, scoresAsOf) = try store.database.read { db in
                (try Book.entries(for: store.reader, asOf: store.asOf, bands: store.bands, in: db),
                 try AccountDetail.latestScoreDay(asOf: store.asOf, in: db))
            }
            return LoadedBook(entries, scoresAsOf: scoresAsOf, owner: book)
        })
    }
}

extension AppState {
    /// The book's state (always kept).
    public var book: BookScreen {
        get { self[BookScreen.self] }
        set { self[BookScreen.self] = newValue }
    }
}


/// A whole book, ready to show: the filter's index is built where the book was loaded
/// (off the loop's thread), so taking in 100,000 accounts does not hold up a frame.
public struct LoadedBook: Sendable {
    public var entries: [BookEntry]
    /// The newest score's day.
    public var scoresAsOf: Day?
    /// Whose book it is (a login); nil: the viewer's own.
    public var owner: String?
    let searchIndex: BookSearchIndex

    public init(_ entries: [BookEntry], scoresAsOf: Day?, owner: String? = nil) {
        self.entries = entries
        self.scoresAsOf = scoresAsOf
        self.owner = owner
        searchIndex = BookSearchIndex(entries)
    }
}
