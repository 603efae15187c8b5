import FolioDomain
import FolioStore

// Acting on alerts, accounts and renewals, on any screen: what the screen says the
// selection is about, the forms it opens, and what the screen says once the store has
// answered.

/// One alert an action applies to, and the name of its account (for the form's lines).
public struct AlertTarget: Sendable, Hashable {
    public var alert: Alert
    public var accountName: String

    public init(_ alert: Alert, accountName: String) {
        self.alert = alert
        self.accountName = accountName
    }

    func label(glyphs: Glyphs, withAccount: Bool = true) -> String? {
        guard let id = alert.id else { return nil }
        let state = alert.state == .open ? "" : " (\(alert.state.rawValue))"
        return "#\(id) \(alert.severity.rawValue) \(alert.kind.title)\(state)" + (withAccount ? " \(glyphs.dot) \(accountName)" : "")
    }
}

func act(_ name: CommandName, in state: inout AppState) -> [Effect] {
    let targets = state.screen.alertTargets(for: name).filter { $0.alert.id != nil }
    guard !targets.isEmpty else {
        state.flash = Flash("no alert selected", kind: .error)
        return []
    }
    let ids = targets.compactMap(\.alert.id)
    let labels = targets.compactMap { $0.label(glyphs: state.glyphs) }
    let context = labels.prefix(4) + (labels.count > 4 ? ["and \(labels.count - 4) more"] : [])
    switch name {
    case .acknowledge:
        return [.changeAlerts(ids: ids, .acknowledge)]
    case .snooze:
        var form = Forms.snooze(alerts: ids, context: Array(context))
        FormSubmission.annotate(&form, asOf: state.viewer.asOf)
        state.mode = .form(form)
    case .resolve:
        state.mode = .form(Forms.resolve(alerts: ids, context: Array(context)))
    case .handOver:
        // In an account, which of its alerts; in a list, the selected or marked ones.
        let choice = state.screen.kind == .account && targets.count > 1
            ? targets.compactMap { $0.label(glyphs: state.glyphs, withAccount: false) } : []
        state.mode = .form(Forms.handOver(alerts: ids, context: choice.isEmpty ? Array(context) : ["on \(targets[0].accountName)"],
                                          labels: choice, people: (state.people ?? []).map(\.login).filter { $0 != state.viewer.login }))
        return state.people == nil && InterfaceAccess.hasTeam(state.viewer) ? [.loadPeople] : []
    default:
        break
    }
    return []
}

func startLogging(in state: inout AppState) -> [Effect] {
    guard let account = state.screen.selectedAccount else {
        state.flash = Flash("select an account (or an alert) to log an activity on", kind: .error)
        return []
    }
    state.mode = .form(Forms.logActivity(accountID: account.id, accountName: account.name, asOf: state.viewer.asOf))
    return []
}

/// `T`: the selected account to another CSM (a manager's or a VP's move); the form offers
/// the team's logins.
func startReassigning(in state: inout AppState) -> [Effect] {
    guard let account = state.screen.selectedAccount else {
        state.flash = Flash("select an account to reassign", kind: .error)
        return []
    }
    let owner = state.book.entries.first { $0.account.id == account.id }?.account.owner ?? account.owner ?? ""
    state.mode = .form(Forms.reassign(accountID: account.id, accountName: account.name, owner: owner,
                                      people: (state.people ?? []).map(\.login).filter { $0 != state.viewer.login }))
    return state.people == nil ? [.loadPeople] : []
}

/// The people arrived while a reassign or hand-over form waits: its "To" field steps through them.
func offerPeople(in state: inout AppState) {
    guard case .form(var form) = state.mode, let index = form.fields.firstIndex(where: { ["to", "owner"].contains($0.id) }),
          form.fields[index].presets.isEmpty, let people = state.people else { return }
    var logins = people.map(\.login).filter { $0 != state.viewer.login }
    if case .reassignAccount(_, _, let owner) = form.purpose { logins.removeAll { $0 == owner } }
    guard !logins.isEmpty else { return }
    form.fields[index].presets = logins
    form.fields[index].note = (form.fields[index].note ?? "their login") + "; ←/→ your team"
    state.mode = .form(form)
}

/// What was handed to the viewer, said once: each in `:messages`, the last on the bottom line.
func showHandoffs(_ handoffs: [Handoff], in state: inout AppState) {
    guard !handoffs.isEmpty else { return }
    for handoff in handoffs { state.flash = Flash(TerminalText.sanitize(handoff.sentence)) }
    if handoffs.count > 1 {
        state.flash = Flash("\(handoffs.count) hand-offs to you, the latest: \(TerminalText.sanitize(handoffs.last!.sentence)) (:messages lists them)")
    }
}

func startMovingRenewal(in state: inout AppState) -> [Effect] {
    guard let (opportunity, name) = state.screen.selectedRenewal, let id = opportunity.id else {
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
func finish(_ result: ChangeOutcome, in state: inout AppState) -> [Effect] {
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
        state.screens.forEach { $0.clearMarks() }
    }
    switch result {
    case .undone:
        _ = state.undoable.popLast()
    case .failed(.undo, let error) where error is UndoDesk.Failure:
        // It can never be taken back now (changed since, or gone): the next `u` is for the one before.
        _ = state.undoable.popLast()
    default:
        if !result.isError, let step = UndoStep.after(result) { state.undoable.append(step) }
    }
    if !result.isError, let then = result.then {
        let flash = state.flash
        let effects = run(then, argument: nil, in: &state)
        state.flash = flash
        return effects + reloadEffects(state).filter { !effects.contains($0) }
    }
    return reloadEffects(state)
}
