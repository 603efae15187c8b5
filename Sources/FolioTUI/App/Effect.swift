import FolioDomain
import FolioStore

/// A person's change to an outbox email.
public enum OutboxChange: Sendable, Hashable {
    case approve
    case cancel
}

/// A person's change to alerts, as the interface asks for it.
public enum AlertChange: Sendable, Hashable {
    case acknowledge
    case snooze(until: Day, reason: String)
    case resolve(outcome: Alert.Outcome, note: String)
}

/// Work the reducer asks for; the loop runs it and feeds the result back as an action.
public enum Effect: Sendable, Hashable {
    /// What a screen shows, read as the screen says (its `ScreenLoad`); the answer is a
    /// `.loaded` for that screen, or a `.loadFailed`.
    case load(ScreenLoad)
    /// Renders a sequence (the suggested one when nil) for the account, for its confirmation.
    case prepareRecovery(accountID: String, sequence: String?)
    /// Whose book the views show: a login (allowed for a manager's team, or anyone for a
    /// VP), or nil for the user's own.
    case switchBook(login: String?)
    /// Writes, each in one transaction with its audit entry; the answer is a `.changeFinished`.
    case changeAlerts(ids: [Int64], AlertChange)
    case logActivity(accountID: String, ActivityDraft)
    case moveRenewal(id: Int64, to: RenewalOpportunity.Stage, expecting: RenewalOpportunity.Stage)
    case startRecovery(accountID: String, sequence: String)
    case changeOutbox(id: Int64, OutboxChange)
    /// Repaint every cell (after Ctrl-L).
    case redraw

    /// Run off the loop's thread; the result comes back as an action when it is ready.
    /// Reads of whole views go there; writes never do (their answer is what the screen says).
    public var runsInBackground: Bool {
        if case .load(let load) = self { return load.inBackground }
        return false
    }

    /// A write: its answer is a `.changeFinished`.
    public var isChange: Bool {
        switch self {
        case .changeAlerts, .logActivity, .moveRenewal, .startRecovery, .changeOutbox: return true
        default: return false
        }
    }

    /// What the interface asks for when it opens: a screenful or two of the book (the
    /// rest follows in the background when the book is bigger).
    public static func start(_ state: AppState) -> [Effect] {
        [BookScreen.firstRows(max(100, 2 * state.size.height), book: state.bookOwner)]
    }
}

/// A screen's read: which screen it is for and whose book, what exactly, and the read
/// itself, written by the screen (no SQL: it calls the store's named queries). Two loads
/// are the same when they ask the same of the same screen for the same book.
public struct ScreenLoad: Sendable, Hashable, CustomStringConvertible {
    public var screen: ScreenID
    /// What exactly ("first 100", a period); nil: everything the screen shows.
    public var request: String?
    /// Whose book (a login); nil: the viewer's own.
    public var book: String?
    /// Off the loop's thread (whole views); an account page or the book's first rows
    /// are waited for.
    public var inBackground: Bool
    /// The read, answered with what the screen's `receive` takes.
    let read: @Sendable (StoreReader) throws -> any Sendable

    public init(_ screen: ScreenID, request: String? = nil, book: String?, inBackground: Bool = true,
                read: @escaping @Sendable (StoreReader) throws -> any Sendable) {
        self.screen = screen
        self.request = request
        self.book = book
        self.inBackground = inBackground
        self.read = read
    }

    public func run(_ reader: StoreReader) throws -> any Sendable { try read(reader) }

    public static func == (a: ScreenLoad, b: ScreenLoad) -> Bool {
        a.screen == b.screen && a.request == b.request && a.book == b.book && a.inBackground == b.inBackground
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(screen)
        hasher.combine(request)
        hasher.combine(book)
    }

    public var description: String {
        "load \(screen)" + (request.map { " (\($0))" } ?? "") + (book.map { " of \($0)" } ?? "")
    }
}

/// What a screen's read works with: the database, whose book, the day and the moment.
public struct StoreReader: Sendable {
    public let database: FolioDatabase
    /// The person using the interface.
    public let user: User
    /// Whose book is on screen (the user, or another after `:as`).
    public let reader: User
    public let asOf: Day
    public let profile: HealthProfile
    /// Band names, worst first.
    public let bands: [String]
    /// The moment SLA countdowns and "due" are judged at.
    public let now: Int64
}
