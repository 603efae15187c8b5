import FolioDomain

func answer(_ confirmation: Confirmation, with key: KeyPress, in state: inout AppState) -> [Effect] {
    if key == .ctrl("c") {
        state.isQuitting = true
        return []
    }
    var confirmation = confirmation
    switch confirmation.answer(key) {
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
