import FolioDomain
import FolioStore

// Recovery sequences and the outbox: `r` previews the suggested sequence and starts it
// after a Yes; in the outbox, `v` reads an email, `A` approves a draft, `c` cancels.

/// `r` (or `:recover NAME`): the store renders the sequence first; the answer opens the
/// confirmation (`recoveryPrepared`).
func startRecovery(_ sequence: String?, in state: inout AppState) -> [Effect] {
    guard let (id, _) = accountInContext(state) else {
        state.flash = Flash("select an account (or an alert) to start a recovery sequence on", kind: .error)
        return []
    }
    state.flash = Flash("preparing the sequence for \(id)\(state.glyphs.underWay)")
    return [.prepareRecovery(accountID: id, sequence: sequence.flatMap { $0.isEmpty ? nil : $0 })]
}

/// The sequence rendered: a confirmation with every step (No is the default), or why it
/// cannot start.
func confirmRecovery(_ plan: RecoveryPlan, in state: inout AppState) {
    if let blocked = plan.blocked {
        state.flash = Flash(blocked, kind: .error)
        return
    }
    var details: [String] = []
    if let why = plan.suggestedBy { details.append(why) }
    if !plan.others.isEmpty { details.append("another sequence: :recover \(plan.others.joined(separator: " | "))") }
    details.append(plan.isDraft
        ? "enterprise account: each email is a draft for you to approve in the outbox (6); nothing goes before that"
        : "the emails go at the times below unless you cancel them in the outbox (6); a reply or a meeting stops them")
    details.append("")
    details += plan.lines
    details = wrapped(details, for: state)
    let subject = "\(plan.sequence) on \(plan.accountID) \(TerminalText.sanitize(plan.accountName))"
    state.flash = nil
    state.mode = .confirm(Confirmation(question: "Start \(subject)?", details: details,
                                       yesLabel: plan.isDraft ? "Write drafts" : "Start",
                                       onYes: [.startRecovery(accountID: plan.accountID, sequence: plan.sequence)],
                                       cancelled: "\(plan.sequence) not started on \(plan.accountID)"))
}
