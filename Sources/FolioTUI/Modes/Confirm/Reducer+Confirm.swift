extension CommandName {
    public static let answerYes = CommandName("yes")
    public static let answerNo = CommandName("no")
    public static let answerChosen = CommandName("answer")
    public static let closeQuestion = CommandName("close")
}

// Keys while a yes/no question is open: the table's `.confirm` rows.

func answer(_ confirmation: Confirmation, with name: CommandName?, in state: inout AppState) -> [Effect] {
    if name == .forceQuit {
        state.isQuitting = true
        return []
    }
    var confirmation = confirmation
    switch confirmation.apply(name) {
    case .pending:
        state.mode = .confirm(confirmation)
        return []
    case .no:
        state.mode = .normal
        state.flash = Flash("cancelled: \(confirmation.cancelled)")
        return []
    case .yes:
        // A read-only page (an email to read) just closes.
        if confirmation.onYes.isEmpty {
            state.mode = .normal
            return []
        }
        // Stays on screen until the store answers; then `.changeFinished` closes it.
        return confirmation.onYes
    }
}
