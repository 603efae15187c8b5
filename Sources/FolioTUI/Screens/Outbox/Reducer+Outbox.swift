import FolioDomain
import FolioStore

/// The selected email, in the outbox.
func outboxMessage(_ state: AppState) -> OutboxListing? {
    guard case .outbox = state.screen else { return nil }
    return state.outbox.selectedListing
}

/// The email as the customer reads it: headers in words, then the body.
func emailLines(_ listing: OutboxListing) -> [String] {
    let m = listing.message
    var lines = ["From: \(m.fromName) <\(m.from)>", "To: \(m.toName) <\(m.to)>", "Subject: \(m.subject)",
                 "\(m.sequence), step \(m.step) \u{00B7} \(OutboxView.when(m)) \u{00B7} \(Outbox.describe(m))"]
    if let error = m.lastError { lines.append("last delivery error: \(error)") }
    if let reason = m.cancelReason { lines.append("cancelled: \(reason)") }
    lines.append("")
    lines += m.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return lines.map(TerminalText.sanitize)
}

/// Lines of a letter wrapped at words to the question panel's width, as a mail reader
/// would show them (the panel indents details by two).
func wrapped(_ lines: [String], for state: AppState) -> [String] {
    let width = max(20, Panel.innerWidth(Canvas.Rect(column: 0, row: 0, width: state.size.width, height: 1)) - 2)
    return lines.flatMap { line -> [String] in
        guard DisplayWidth.of(line) > width else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        return AccountView.wrap(line, width: width - indent.count, role: .normal).map { indent + $0.plainText }
    }
}

func actOnEmail(_ name: CommandName, in state: inout AppState) -> [Effect] {
    guard let listing = outboxMessage(state), let id = listing.message.id else {
        state.flash = Flash("no email selected", kind: .error)
        return []
    }
    let m = listing.message
    let who = "email \(id) to \(TerminalText.sanitize(m.toName)) (\(m.accountID))"
    switch name {
    case .viewEmail:
        state.mode = .confirm(Confirmation(question: "Email \(id) \u{00B7} \(m.state.rawValue)", details: wrapped(emailLines(listing), for: state),
                                           yesLabel: "Close", onYes: [], cancelled: "closed"))
    case .approve:
        guard m.state == .draft else {
            state.flash = Flash("\(who) is \(Outbox.describe(m)), not a draft to approve", kind: .error)
            return []
        }
        state.mode = .confirm(Confirmation(question: "Approve \(who)? It goes \(OutboxView.when(m)) or the next working hour after.",
                                           details: wrapped(emailLines(listing), for: state), yesLabel: "Approve",
                                           onYes: [.changeOutbox(id: id, .approve)], cancelled: "\(who) is still a draft"))
    case .cancelEmail:
        guard [.draft, .scheduled, .unconfirmed, .failed].contains(m.state) else {
            state.flash = Flash("\(who) is \(Outbox.describe(m)); only one that has not gone can be cancelled", kind: .error)
            return []
        }
        state.mode = .confirm(Confirmation(question: "Cancel \(who)? Its sequence stops too.", details: wrapped(emailLines(listing), for: state),
                                           yesLabel: "Cancel email", onYes: [.changeOutbox(id: id, .cancel)],
                                           cancelled: "\(who) stays \(m.state.rawValue)"))
    default:
        break
    }
    return []
}
