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
