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
    /// The alerts inbox, with the moment its SLA countdowns are judged at.
    case alertsLoaded([AlertListing], now: Int64)
    case checkInsLoaded(CheckInBoard)
    case renewalsLoaded(RenewalBoard)
    case teamLoaded(TeamBoard)
    /// The outbox of the book, with the moment "due" is judged at.
    case outboxLoaded([OutboxListing], now: Int64)
    /// A sequence ready to start on an account, every step rendered: the confirmation's content.
    case recoveryPrepared(RecoveryPlan)
    case dashboardLoaded(ProgrammeDashboard)
    /// `:as LOGIN` was allowed: the views now show that person's book (nil: your own again).
    case bookSwitched(Person?)
    /// A change finished (committed and audited) or was refused: what to say.
    case changeFinished(ChangeResult)
    /// Something else changed the database: load again.
    case dataChanged
    /// A while went by (the loop says so every half minute): SLA countdowns move on.
    case timePassed
}
