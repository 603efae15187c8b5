import FolioDomain
import FolioStore

// Switching between the views (their keys, Tab, `:as`), opening what is selected, going back.

/// A command of a view (its key, or one it answers from anywhere, like `/` for the book):
/// the view runs it on its own state, whether or not it is on screen; a command it leaves
/// brings it to the front (unless its argument was refused).
func run<View: RootScreen>(_ name: CommandName, argument: String?, on type: View.Type, in state: inout AppState) -> [Effect] {
    if let refusal = View.refusal(for: state.viewer) {
        state.flash = Flash(refusal, kind: .error)
        return []
    }
    let id = ScreenID(View.kind)
    var view = state.screens.take(id) as? View ?? View()
    defer { state.screens.keep(view) }
    if let effects = view.run(name, argument: argument, in: &state) { return effects }
    guard let effects = view.show(argument: argument, in: &state) else { return [] }
    state.screens.show(id)
    return effects
}

/// Tab: the next view, in the order the table names them, skipping those the viewer has not.
func showNextView(in state: inout AppState) -> [Effect] {
    let viewer = state.viewer
    let views = state.keymap.views.filter { $0.refusal(for: viewer) == nil }
    guard !views.isEmpty else { return [] }
    let current = state.screens.ids.first?.kind
    let index = views.firstIndex { $0.kind == current } ?? 0
    let next = views[(index + 1) % views.count]
    guard let command = state.keymap.viewCommand(next) else { return [] }
    return run(command.name, argument: nil, on: next, in: &state)
}

/// `:as LOGIN` (or `:as` for your own book): the store checks who may open whose book.
func viewAs(_ login: String?, in state: inout AppState) -> [Effect] {
    let login = login.flatMap { $0.isEmpty ? nil : $0 }
    if let refusal = InterfaceAccess.refusalToView(login, viewer: state.viewer) {
        state.flash = Flash(refusal, kind: .error)
        return []
    }
    if login == nil || login == state.viewer.login {
        guard state.viewer.bookOf != nil else {
            state.flash = Flash("this is your own book; :as LOGIN opens a CSM's")
            return []
        }
        return [.switchBook(login: nil)]
    }
    return [.switchBook(login: login)]
}

/// Another person's book is open (or yours again): every view forgets what it read.
func switchBook(to person: Person?, in state: inout AppState) -> [Effect] {
    state.viewer.bookOf = person
    state.screens.show(ScreenID(BookScreen.kind))
    state.screens.forEach { screen in
        guard var view = screen as? any RootScreen else { return }
        view.forgetBook()
        screen = view
    }
    state.mode = .normal
    state.flash = Flash(person.map { "showing the book of \($0.name) (\($0.login)); :as returns to yours" } ?? "your own book again")
    return Effect.start(state)
}

/// Enter: the account the selection is about, over the screen.
func openSelected(in state: inout AppState) -> [Effect] {
    guard let account = state.screen.selectedAccount else {
        state.flash = Flash("nothing selected")
        return []
    }
    let screen = AccountScreen(accountID: account.id, name: account.name)
    guard screen.id != state.screen.id else { return [] }
    state.screens.push(screen)
    return screen.reload(state)
}

/// Esc: what the screen does with it (the book clears its filter), else back a screen.
func goBack(in state: inout AppState) {
    if state.onTop({ screen, state in screen.back(in: &state) }) { return }
    state.screens.pop()
}
