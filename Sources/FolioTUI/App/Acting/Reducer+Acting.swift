import FolioDomain
import FolioStore

// Acting on alerts, accounts and renewals: what a key acts on, the forms it opens, and
// what the screen says once the store has answered.

/// One alert an action applies to, with the words a form shows for it.
struct AlertTarget {
    var id: Int64
    var state: Alert.State
    var label: String
}

func alertTargets(_ state: AppState) -> [AlertTarget] {
    let dot = state.glyphs.dot
    func target(_ alert: Alert, _ account: String) -> AlertTarget? {
        guard let id = alert.id else { return nil }
        return AlertTarget(id: id, state: alert.state, label: "#\(id) \(alert.severity.rawValue) \(alert.kind.title) \(dot) \(account)")
    }
    switch state.screen {
    case .alerts: return state.alerts.targets.compactMap { target($0.alert, $0.accountName) }
    case .team: return state.team.targets.compactMap { target($0.alert, $0.accountName) }
    case .account(let screen):
        return (screen.page?.detail.alerts ?? []).filter(\.isOpen).compactMap { target($0, screen.name) }
    default: return []
    }
}

func act(_ name: CommandName, in state: inout AppState) -> [Effect] {
    var targets = alertTargets(state)
    if name == .acknowledge, case .account = state.screen { targets.removeAll { $0.state == .acknowledged } }
    guard !targets.isEmpty else {
        let what = if case .account = state.screen { "this account has no open alert" } else { "no alert selected" }
        state.flash = Flash(what, kind: .error)
        return []
    }
    let ids = targets.map(\.id)
    let context = targets.prefix(4).map(\.label) + (targets.count > 4 ? ["and \(targets.count - 4) more"] : [])
    switch name {
    case .acknowledge:
        return [.changeAlerts(ids: ids, .acknowledge)]
    case .snooze:
        var form = Forms.snooze(alerts: ids, context: context)
        FormSubmission.annotate(&form, asOf: state.viewer.asOf)
        state.mode = .form(form)
    case .resolve:
        state.mode = .form(Forms.resolve(alerts: ids, context: context))
    default:
        break
    }
    return []
}

/// Space: marks or unmarks the selected alert and moves to the next.
func mark(in state: inout AppState) {
    switch state.screen {
    case .alerts:
        guard let id = state.alerts.selectedListing?.alert.id else { return }
        state.alerts.marks.toggle(id)
        state.alerts.cursor.move(by: 1, count: state.alerts.listings.count, height: state.listPageHeight)
        state.flash = state.alerts.marks.isEmpty ? nil : Flash("\(state.alerts.marks.count) marked: a, s or x acts on all of them")
    case .team:
        guard case .escalation(let listing) = state.team.selectedItem, let id = listing.alert.id else {
            state.flash = Flash("Space marks escalations (alerts), not CSM lines")
            return
        }
        state.team.marks.toggle(id)
        state.team.cursor.move(by: 1, count: state.team.items.count, height: TeamView.listHeight(state))
        state.flash = state.team.marks.isEmpty ? nil : Flash("\(state.team.marks.count) marked: a, s or x acts on all of them")
    default:
        break
    }
}

func startLogging(in state: inout AppState) -> [Effect] {
    guard let (id, name) = accountInContext(state) else {
        state.flash = Flash("select an account (or an alert) to log an activity on", kind: .error)
        return []
    }
    state.mode = .form(Forms.logActivity(accountID: id, accountName: name, asOf: state.viewer.asOf))
    return []
}

func startMovingRenewal(in state: inout AppState) -> [Effect] {
    var found: (RenewalOpportunity, String)?
    switch state.screen {
    case .renewals:
        found = state.renewals.selectedLine.map { ($0.opportunity, $0.accountName) }
    case .account(let screen):
        found = screen.page?.detail.renewal.map { ($0, screen.name) }
    default:
        break
    }
    guard let (opportunity, name) = found, let id = opportunity.id else {
        state.flash = Flash("no open renewal here", kind: .error)
        return []
    }
    guard opportunity.isOpen else {
        state.flash = Flash("renewal \(id) is closed (\(opportunity.stage.rawValue))", kind: .error)
        return []
    }
    state.mode = .form(Forms.moveRenewal(id: id, from: opportunity.stage,
                                         subject: "renewal \(id) (\(opportunity.accountID) \(TerminalText.sanitize(name)))"))
    return []
}

/// The store's answer to a change: a refused form stays open with the problems under its
/// fields; otherwise the flash says what happened and the views load again.
func finish(_ result: ChangeResult, in state: inout AppState) -> [Effect] {
    if case .form(var form) = state.mode, !result.problems.isEmpty {
        form.show(problems: result.problems)
        state.mode = .form(form)
        return []
    }
    switch state.mode {
    case .form, .confirm: state.mode = .normal
    default: break
    }
    state.flash = Flash(result.message, kind: result.isError ? .error : .info)
    if !result.isError {
        state.alerts.marks.clear()
        state.team.marks.clear()
    }
    if !result.isError, let view = result.then {
        let flash = state.flash
        let effects = show(view, in: &state)
        state.flash = flash
        return effects + reloadEffects(state).filter { !effects.contains($0) }
    }
    return reloadEffects(state)
}
