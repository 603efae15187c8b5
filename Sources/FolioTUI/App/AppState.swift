import FolioDomain
import FolioStore

/// Who is looking, at what: shown in the status bar.
public struct Viewer: Sendable, Hashable {
    public var login: String
    public var name: String
    public var role: String
    /// The database file's name (not its whole path: the status bar is short).
    public var database: String
    public var asOf: Day
    public var isReadonly: Bool
    /// A line over everything, e.g. that the demo opened as its manager.
    public var banner: String?
    /// Whose book the views show when it is not the viewer's own (`:as LOGIN`).
    public var bookOf: Person?

    public init(login: String, name: String, role: String, database: String, asOf: Day, isReadonly: Bool = false,
                banner: String? = nil) {
        self.login = login
        self.name = name
        self.role = role
        self.database = database
        self.asOf = asOf
        self.isReadonly = isReadonly
        self.banner = banner
    }

    /// Managers and VPs have a team view.
    public var hasTeam: Bool { role == "manager" || role == "vp" }

    /// Why the viewer may not change anything, or nil when they may.
    public var refusalToAct: String? {
        if isReadonly { return "read-only (--readonly): nothing can be changed in this session" }
        if role == "ae" { return "account executives see their accounts read-only: no acknowledging, snoozing, resolving, logging or moving" }
        return nil
    }

    /// The name the views' titles use: the viewer's, or the person whose book is open.
    public var bookName: String { bookOf?.name ?? name }
}

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

/// One screen on the view stack.
public enum Screen: Sendable {
    case book
    case alerts
    case checkIns
    case renewals
    case team
    case outbox
    case account(AccountScreen)
    case dashboard

    public var isBook: Bool { if case .book = self { return true } else { return false } }

    public var kind: ScreenKind {
        switch self {
        case .book: .book
        case .alerts: .alerts
        case .checkIns: .checkIns
        case .renewals: .renewals
        case .team: .team
        case .outbox: .outbox
        case .account: .account
        case .dashboard: .dashboard
        }
    }
}

public struct AccountScreen: Sendable {
    public var accountID: String
    public var name: String
    public var page: AccountPage?
    /// The first line shown.
    public var scroll: Int = 0
    public var error: String?

    public init(accountID: String, name: String) {
        self.accountID = accountID
        self.name = name
    }
}

/// What keys do right now.
public enum Mode: Sendable, Hashable {
    case normal
    /// Typing a `/` filter; the book filters as you type.
    case filter
    /// Typing a `:` command; `selection` is the highlighted completion.
    case command(input: String, selection: Int)
    /// The `?` screen, scrolled to a line.
    case help(scroll: Int)
    /// Filling in a form (snooze, resolve, log an activity, move a renewal).
    case form(Form)
    /// Answering a yes/no question; No is the default.
    case confirm(Confirmation)
}

/// A short message in the bottom line until the next key.
public struct Flash: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, error }
    public var text: String
    public var kind: Kind
    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// The whole interface state: a value, changed only by `reduce`.
public struct AppState: Sendable {
    public var size: ScreenSize
    public var glyphs: Glyphs
    public var viewer: Viewer
    public var keymap: Keymap
    /// Band names, worst first.
    public var bands: [String]
    public var policy: CheckInPolicy
    public var stack: [Screen] = [.book]
    public var book = BookState()
    public var alerts = AlertsState()
    public var checkIns = CheckInsState()
    public var renewals = RenewalsState()
    public var team = TeamState()
    public var outbox = OutboxState()
    public var dashboard = DashboardState()
    public var mode: Mode = .normal
    public var flash: Flash?
    /// Set by quit: the loop restores the terminal and exits.
    public var isQuitting = false

    public init(size: ScreenSize, glyphs: Glyphs, viewer: Viewer, keymap: Keymap = .standard,
                bands: [String] = ["Red", "Yellow", "Green"], policy: CheckInPolicy = .standard) {
        self.size = size
        self.glyphs = glyphs
        self.viewer = viewer
        self.keymap = viewer.isReadonly ? keymap.removingDestructive() : keymap
        self.bands = bands
        self.policy = policy
    }

    public var screen: Screen { stack.last ?? .book }

    /// The smallest terminal the interface draws in (DESIGN §1.2).
    public static let minimumSize = ScreenSize(width: 60, height: 12)

    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

    /// Rows of the book table that fit: the screen minus title, header, status and hint lines.
    public var bookPageHeight: Int { max(1, size.height - 4 - bannerHeight) }

    /// Lines of the account view that fit: the screen minus title, status and hint lines.
    public var accountPageHeight: Int { max(1, size.height - 3 - bannerHeight) }

    /// The banner's line, when there is one.
    public var bannerHeight: Int { viewer.banner == nil ? 0 : 1 }

    /// Rows of a list view's table that fit: the screen minus title, banner, the view's
    /// heading line, the table's header, status and hint lines.
    public var listPageHeight: Int { max(1, size.height - 5 - bannerHeight) }
}
