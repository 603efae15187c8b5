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
    case bookLoaded([BookEntry], scoresAsOf: Day?)
    case accountLoaded(AccountPage)
    case loadFailed(accountID: String?, message: String)
    /// Something else changed the database: load again.
    case dataChanged
}

/// Work the reducer asks for; the loop runs it and feeds the result back as an action.
public enum Effect: Sendable, Hashable {
    case loadBook
    case loadAccount(id: String)
    /// Repaint every cell (after Ctrl-L).
    case redraw
}
