import FolioDomain
import FolioStore

// Recovery sequences: `r` previews the suggested sequence on the account the selection is
// about, and starts it after a Yes.

/// `r` (or `:recover NAME`): the store renders the sequence first; the answer opens the
/// confirmation (`recoveryPrepared`).
func startRecovery(_ sequence: String?, in state: inout AppState) -> [Effect] {
    guard let account = state.screen.selectedAccount else {
        state.flash = Flash("select an account (or an alert) to start a recovery sequence on", kind: .error)
        return []
    }
    state.flash = Flash("preparing the sequence for \(account.id)\(state.glyphs.underWay)")
    return [.prepareRecovery(accountID: account.id, sequence: sequence.flatMap { $0.isEmpty ? nil : $0 })]
}

/// The sequence rendered: a confirmation with every step (No is the default), or why it
/// cannot start.
func confirmRecovery(_ plan: RecoveryPlan, in state: inout AppState) {
    if let blocked = plan.blocked {
        state.flash = Flash(blocked.description, kind: .error)
        return
    }
    var details: [String] = []
    if let why = plan.suggestedBy { details.append(TerminalText.sanitize(why)) }
    if !plan.others.isEmpty { details.append("another sequence: :recover \(plan.others.joined(separator: " | "))") }
    details.append(plan.isDraft
        ? "enterprise account: each email is a draft for you to approve in the outbox (6); nothing goes before that"
        : "the emails go at the times below unless you cancel them in the outbox (6); a reply or a meeting stops them")
    details.append("")
    details += plan.lines.map(TerminalText.sanitize)
    details = ConfirmView.wrapped(details, width: state.size.width)
    let subject = "\(plan.sequence) on \(plan.accountID) \(TerminalText.sanitize(plan.accountName))"
    state.flash = nil
    state.mode = .confirm(Confirmation(question: "Start \(subject)?", details: details,
                                       yesLabel: plan.isDraft ? "Write drafts" : "Start",
                                       onYes: [.startRecovery(accountID: plan.accountID, sequence: plan.sequence)],
                                       cancelled: "\(plan.sequence) not started on \(plan.accountID)"))
}
