import FolioDomain

extension CommandName {
    public static let submit = CommandName("submit")
    public static let nextField = CommandName("next-field")
    public static let previousField = CommandName("previous-field")
    public static let choosePrevious = CommandName("choose-previous")
    public static let chooseNext = CommandName("choose-next")
    public static let cancelForm = CommandName("cancel-form")
}

// Keys while a form is open: the table's `.form` rows; characters are typed into the field.

func edit(_ form: Form, with name: CommandName?, key: KeyPress, in state: inout AppState) -> [Effect] {
    if name == .forceQuit {
        state.isQuitting = true
        return []
    }
    var form = form
    switch form.apply(name, key: key) {
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
