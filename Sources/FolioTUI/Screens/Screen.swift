import FolioDomain
import FolioStore

/// A screen of the interface, as lazygit's contexts: the conforming value is the
/// screen's state; it draws itself, says where it scrolled, answers the commands it has,
/// says what to load and takes what comes back. The reducer and the frame reach a screen
/// only through this, so a new view is a folder (its screen, its view) and the row of the
/// command table that opens it.
///
/// While a screen runs a command or takes a load it is out of `app` (the stack holds it
/// again afterwards): it changes itself through `self` and the rest through `app`.
public protocol Screen: Sendable {
    /// Where commands work, and how a flash names the screen.
    static var kind: ScreenKind { get }

    /// Which one it is: the kind, plus what tells two of a kind apart (an account's id).
    var id: ScreenID { get }

    /// Draws itself into `rect` and says which of its rows (or lines) it showed: the view
    /// works out what is visible while it draws (bubbletea's rule), never the reducer.
    func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport

    /// The title line: what follows "Folio · ", and the figures at the right. `shown` is
    /// what the body just drew.
    func title(_ app: AppState, shown: Viewport) -> ScreenTitle

    /// Keeps where the last frame scrolled to, so the next frame starts there.
    mutating func settle(_ shown: Viewport)

    /// Moves the selection by rows (or scrolls by lines when there is none); drawing keeps
    /// it in sight.
    mutating func move(by rows: Int)

    /// Runs a command the screen has something to do with; nil leaves it to the interface.
    mutating func run(_ name: CommandName, argument: String?, in app: inout AppState) -> [Effect]?

    /// What to read to show it up to date (after a change, `R`, another session's write).
    func reload(_ app: AppState) -> [Effect]

    /// What a read it asked for brought back.
    mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect]

    /// A read it asked for failed: what to say (the flash says it; a page may show it too).
    mutating func loadFailed(_ error: any Error, in app: inout AppState)

    /// Esc and ← before they go back a screen: true when the screen used them itself.
    mutating func back(in app: inout AppState) -> Bool

    /// Hints the bottom line leaves out here (`isRoot`: nothing under it to go back to).
    func hidesHint(_ name: CommandName, isRoot: Bool) -> Bool

    /// The account the selection is about (Enter, `l`, `r`).
    var selectedAccount: AccountRef? { get }

    /// The alerts a command (`a`, `s`, `x`) acts on: the marked ones, else the selected one.
    func alertTargets(for command: CommandName) -> [AlertTarget]

    /// The renewal `m` moves.
    var selectedRenewal: (opportunity: RenewalOpportunity, accountName: String)? { get }

    /// A change went through: what was marked for it is done.
    mutating func clearMarks()

    /// Time moved on (every half minute): what to read again for countdowns to stay true.
    func tick(_ app: AppState) -> [Effect]
}

/// A view Tab cycles through and a key brings to the front (the book, the alerts…): kept
/// while other views are on screen, so coming back shows it at once, then up to date.
public protocol RootScreen: Screen {
    init()

    /// Why this viewer may not open it; nil when they may.
    static func refusal(for viewer: Viewer) -> String?

    /// Comes to the front by its key (with the palette's argument): what to read, or nil
    /// when the argument was refused (the flash says why) and nothing changes.
    mutating func show(argument: String?, in app: inout AppState) -> [Effect]?

    /// Another person's book is open (`:as`): forget what was read for the last one.
    mutating func forgetBook()
}

extension Screen {
    public var id: ScreenID { ScreenID(Self.kind) }
    public var kind: ScreenKind { Self.kind }
    public mutating func settle(_ shown: Viewport) {}
    public mutating func move(by rows: Int) {}
    public mutating func run(_ name: CommandName, argument: String?, in app: inout AppState) -> [Effect]? { nil }
    public func reload(_ app: AppState) -> [Effect] { [] }
    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] { [] }
    public mutating func loadFailed(_ error: any Error, in app: inout AppState) {
        app.flash = Flash("could not load the \(Self.kind.rawValue): \(error)", kind: .error)
    }
    public mutating func back(in app: inout AppState) -> Bool { false }
    /// Outside the book the filter is the book's: its hint gives way to the view's own keys.
    public func hidesHint(_ name: CommandName, isRoot: Bool) -> Bool { name == .filter || (name == .back && isRoot) }
    public var selectedAccount: AccountRef? { nil }
    public func alertTargets(for command: CommandName) -> [AlertTarget] { [] }
    public var selectedRenewal: (opportunity: RenewalOpportunity, accountName: String)? { nil }
    public mutating func clearMarks() {}
    public func tick(_ app: AppState) -> [Effect] { [] }
}

extension RootScreen {
    public static func refusal(for viewer: Viewer) -> String? { nil }
    public mutating func show(argument: String?, in app: inout AppState) -> [Effect]? { reload(app) }
    public mutating func forgetBook() { self = Self() }
}

/// A kind of screen: where a command works, and how a flash names it. Each screen
/// declares its own (`extension ScreenKind { static let alerts = … }`).
public struct ScreenKind: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// How a flash names the screen: "the alerts view (2)".
    public let title: String

    public init(_ rawValue: String, title: String) {
        self.rawValue = rawValue
        self.title = title
    }

    public static func == (a: ScreenKind, b: ScreenKind) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public var description: String { rawValue }
}

/// One screen: its kind, and what tells two of a kind apart (an account's id).
public struct ScreenID: Hashable, Sendable, CustomStringConvertible {
    public var kind: ScreenKind
    public var key: String?

    public init(_ kind: ScreenKind, key: String? = nil) {
        self.kind = kind
        self.key = key
    }

    public var description: String { key.map { "\(kind.rawValue) \($0)" } ?? kind.rawValue }
}

/// What a frame showed of a screen's rows (or lines), worked out while drawing; the
/// reducer keeps it so the next frame starts where this one was and Page Down moves by
/// what the person saw.
public struct Viewport: Sendable, Hashable {
    /// Whose it is: a screen, or nil for the help.
    public var screen: ScreenID?
    /// The first row (or line) shown.
    public var scroll: Int
    /// Rows (or lines) there was room for.
    public var height: Int
    /// Rows (or lines) there are.
    public var count: Int

    public init(screen: ScreenID?, scroll: Int, height: Int, count: Int) {
        self.screen = screen
        self.scroll = scroll
        self.height = height
        self.count = count
    }

    /// How far Page Down goes: a screenful less a row, so one row stays in sight.
    public var page: Int { max(1, height - 1) }

    /// "lines 3–20 of 57 " when it does not all fit, else "".
    func linesText(glyphs g: Glyphs) -> String {
        guard count > height else { return "" }
        return "lines \(scroll + 1)\(g.dash)\(min(count, scroll + height)) of \(count) "
    }
}

/// The title line of a screen: after "Folio · ", and the figures at the right.
public struct ScreenTitle: Sendable, Hashable {
    public var left: String
    public var right: String

    public init(_ left: String, right: String = "") {
        self.left = left
        self.right = right
    }
}

/// An account a selection is about: its id, and the name forms and titles show.
public struct AccountRef: Sendable, Hashable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
