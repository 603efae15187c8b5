import FolioDomain

// Keys while a form or a confirmation is open.

func edit(_ form: Form, with key: KeyPress, in state: inout AppState) -> [Effect] {
    if key == .ctrl("c") {
        state.isQuitting = true
        return []
    }
    var form = form
    switch form.edit(key) {
    case .edited:
        FormSubmission.annotate(&form, asOf: state.viewer.asOf)
        state.mode = .form(form)
    case .cancel:
        state.mode = .normal
        state.flash = Flash("cancelled: nothing changed")
    case .submit:
        switch FormSubmission.submit(form, asOf: state.viewer.asOf) {
        case .invalid(let problems):
            form.show(problems: problems)
            state.mode = .form(form)
        case .run(let effects):
            // The form stays until the store answers (`.changeFinished`), so a refusal lands in it.
            form.show(problems: [:])
            state.mode = .form(form)
            return effects
        case .confirm(let confirmation):
            state.mode = .confirm(confirmation)
        }
    }
    return []
}
