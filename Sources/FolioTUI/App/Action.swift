import FolioDomain
import FolioStore

/// Everything that can happen to the interface: keys, named commands, the frame drawn,
/// effect results, terminal events.
public enum Action: Sendable {
    /// A key press, dispatched through the keymap of the mode (or typed into an input line).
    case key(KeyPress)
    /// A command by name, as keys, the palette and tests run it.
    case run(CommandName, argument: String? = nil)
    case resized(ScreenSize)
    /// What the frame just drawn showed of the part that scrolls: where it settled.
    case drawn(Viewport)
    /// A screen's read came back, for the book of `book` (a login; nil: the viewer's own),
    /// with what the screen's `receive` takes.
    case loaded(ScreenID, book: String?, any Sendable)
    case loadFailed(ScreenID, book: String?, any Error)
    /// A sequence ready to start on an account, every step rendered: the confirmation's content.
    case recoveryPrepared(RecoveryPlan)
    /// The sequence could not be prepared (none configured, the account gone, the store's refusal).
    case recoveryFailed(any Error)
    /// `:as LOGIN` was allowed: the views now show that person's book (nil: your own again).
    case bookSwitched(Person?)
    /// `:as LOGIN` was refused, or could not be read.
    case bookRefused(BookRefusal)
    /// A change finished (committed and audited) or was refused: what happened, for the
    /// screen to say.
    case changeFinished(ChangeOutcome)
    /// Something else changed the database: load again.
    case dataChanged
    /// A while went by (the loop says so every half minute): SLA countdowns move on.
    case timePassed
}
