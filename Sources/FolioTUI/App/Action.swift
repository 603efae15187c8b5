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

/// Someone whose book is on screen.
public struct Person: Sendable, Hashable {
    public var login: String
    public var name: String
    public var role: String

    public init(login: String, name: String, role: String) {
        self.login = login
        self.name = name
        self.role = role
    }
}

/// What a change did, in words for the flash. Made only from the store's answer, so the
/// screen never says "done" before the transaction committed.
public struct ChangeResult: Sendable, Hashable {
    public var message: String
    public var isError: Bool
    /// Problems by form field, when the store refused the values (the form stays open).
    public var problems: [String: String]

    /// A view to show once it is done (an enterprise sequence's draft opens the outbox).
    public var then: CommandName?

    public init(message: String, isError: Bool = false, problems: [String: String] = [:], then: CommandName? = nil) {
        self.message = message
        self.isError = isError
        self.problems = problems
        self.then = then
    }
}

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
    /// The first `rows` of the book and its size: all the first frame waits for.
    case loadBookStart(rows: Int)
    /// The whole book: a second or two for 100,000 accounts, so it runs in the background
    /// while the interface stays live.
    case loadBook
    case loadAccount(id: String)
    case loadAlerts
    case loadCheckIns
    case loadRenewals
    case loadTeam
    case loadOutbox
    /// Renders a sequence (the suggested one when nil) for the account, for its confirmation.
    case prepareRecovery(accountID: String, sequence: String?)
    /// The programme's figures for a period (the dashboard, view 7).
    case loadDashboard(ReportPeriod)
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
        switch self {
        case .loadBook, .loadAlerts, .loadCheckIns, .loadRenewals, .loadTeam, .loadOutbox, .loadDashboard: return true
        default: return false
        }
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
        [.loadBookStart(rows: max(100, 2 * state.bookPageHeight))]
    }
}
