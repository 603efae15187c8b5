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

    func label(glyphs: Glyphs) -> String? {
        guard let id = alert.id else { return nil }
        return "#\(id) \(alert.severity.rawValue) \(alert.kind.title) \(glyphs.dot) \(accountName)"
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
    if !result.isError, let then = result.then {
        let flash = state.flash
        let effects = run(then, argument: nil, in: &state)
        state.flash = flash
        return effects + reloadEffects(state).filter { !effects.contains($0) }
    }
    return reloadEffects(state)
}
