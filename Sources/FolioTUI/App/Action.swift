import FolioDomain
import FolioStore

/// Everything that can happen to the interface: keys, named commands, effect results,
/// terminal events.
public enum Action: Sendable {
    /// A key press, dispatched through the keymap (or typed into an input line).
    case key(KeyPress)
    /// A command by name, as keys, the palette and tests run it.
    case run(CommandName, argument: String? = nil)
    case resized(ScreenSize)
    /// The first rows of the book in its default order, and how many accounts it has.
    case bookStarted([BookEntry], total: Int, scoresAsOf: Day?)
    /// The whole book.
    case bookLoaded(LoadedBook)
    case accountLoaded(AccountPage)
    case loadFailed(accountID: String?, message: String)
    /// Something else changed the database: load again.
    case dataChanged
}

/// Work the reducer asks for; the loop runs it and feeds the result back as an action.
public enum Effect: Sendable, Hashable {
    /// The first `rows` of the book and its size: all the first frame waits for.
    case loadBookStart(rows: Int)
    /// The whole book: a second or two for 100,000 accounts, so it runs in the background
    /// while the interface stays live.
    case loadBook
    case loadAccount(id: String)
    /// Repaint every cell (after Ctrl-L).
    case redraw

    /// Run off the loop's thread; the result comes back as an action when it is ready.
    public var runsInBackground: Bool { self == .loadBook }

    /// What the interface asks for when it opens: a screenful or two of the book (the
    /// rest follows in the background when the book is bigger).
    public static func start(_ state: AppState) -> [Effect] {
        [.loadBookStart(rows: max(100, 2 * state.bookPageHeight))]
    }
}
