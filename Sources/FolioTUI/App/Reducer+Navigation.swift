import FolioDomain
import FolioStore

// Switching between the views (1–5, Tab, `:as`) and opening what is selected in them.

/// The views Tab cycles through, in order; the team view only for managers and VPs.
func rootViews(_ state: AppState) -> [CommandName] {
    [.book, .alerts, .checkIns, .renewals] + (state.viewer.hasTeam ? [.team] : []) + [.outbox, .report]
}

func show(_ name: CommandName, in state: inout AppState) -> [Effect] {
    switch name {
    case .alerts:
        state.stack = [.alerts]
        return [.loadAlerts]
    case .checkIns:
        state.stack = [.checkIns]
        return [.loadCheckIns]
    case .renewals:
        state.stack = [.renewals]
        return [.loadRenewals]
    case .team:
        guard state.viewer.hasTeam else {
            state.flash = Flash("the team view is for managers and VPs; \(state.viewer.login) is a \(state.viewer.role)", kind: .error)
            return []
        }
        state.stack = [.team]
        return [.loadTeam]
    case .outbox:
        state.stack = [.outbox]
        return [.loadOutbox]
    case .report:
        return showDashboard(nil, in: &state)
    default:
        state.stack = [.book]
        return []
    }
}

func showNextView(in state: inout AppState) -> [Effect] {
    let views = rootViews(state)
    let current: CommandName = switch state.stack.first ?? .book {
    case .alerts: .alerts
    case .checkIns: .checkIns
    case .renewals: .renewals
    case .team: .team
    case .outbox: .outbox
    case .dashboard: .report
    default: .book
    }
    let index = views.firstIndex(of: current) ?? 0
    return show(views[(index + 1) % views.count], in: &state)
}

/// `:as LOGIN` (or `:as` for your own book): the store checks who may open whose book.
func viewAs(_ login: String?, in state: inout AppState) -> [Effect] {
    let login = login.flatMap { $0.isEmpty ? nil : $0 }
    guard state.viewer.hasTeam || login == nil || login == state.viewer.login else {
        state.flash = Flash("only managers (their team's) and VPs (anyone's) open another person's book", kind: .error)
        return []
    }
    if login == nil || login == state.viewer.login {
        guard state.viewer.bookOf != nil else {
            state.flash = Flash("this is your own book; :as LOGIN opens a CSM's")
            return []
        }
        return [.switchBook(login: nil)]
    }
    return [.switchBook(login: login)]
}

func switchBook(to person: Person?, in state: inout AppState) -> [Effect] {
    state.viewer.bookOf = person
    state.book = BookState()
    state.alerts = AlertsState()
    state.checkIns = CheckInsState()
    state.renewals = RenewalsState()
    state.team = TeamState()
    state.outbox = OutboxState()
    state.dashboard.dashboard = nil
    state.stack = [.book]
    state.mode = .normal
    state.flash = Flash(person.map { "showing the book of \($0.name) (\($0.login)); :as returns to yours" } ?? "your own book again")
    return Effect.start(state)
}

/// Enter on a list view: the account of the selected line; on the team view a CSM's line
/// opens their book.
func openSelected(in state: inout AppState) -> [Effect] {
    if case .team = state.screen, case .csm(let row) = state.team.selectedItem {
        return viewAs(row.login, in: &state)
    }
    guard let (id, name) = accountInContext(state) else {
        if case .account = state.screen { return [] }
        state.flash = Flash("nothing selected")
        return []
    }
    if case .account(let screen) = state.screen, screen.accountID == id { return [] }
    state.stack.append(.account(AccountScreen(accountID: id, name: name)))
    return [.loadAccount(id: id)]
}

/// The account the selection is about, on any screen (for Enter and `l`).
func accountInContext(_ state: AppState) -> (id: String, name: String)? {
    switch state.screen {
    case .book:
        return state.book.selectedEntry.map { ($0.account.id, $0.account.name) }
    case .alerts:
        return state.alerts.selectedListing.map { ($0.alert.accountID, $0.accountName) }
    case .checkIns:
        return state.checkIns.selectedLine.map { ($0.checkIn.accountID, $0.accountName) }
    case .renewals:
        return state.renewals.selectedLine.map { ($0.opportunity.accountID, $0.accountName) }
    case .team:
        if case .escalation(let listing) = state.team.selectedItem { return (listing.alert.accountID, listing.accountName) }
        return nil
    case .outbox:
        return state.outbox.selectedListing.map { ($0.message.accountID, $0.accountName) }
    case .account(let screen):
        return (screen.accountID, screen.name)
    case .dashboard:
        return nil
    }
}
