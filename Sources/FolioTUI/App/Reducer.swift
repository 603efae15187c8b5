import FolioDomain
import FolioStore

/// The one place state changes: pure, no I/O. Returns the effects to run. What a key or
/// a load means is the business of the mode or the screen it reaches; this only routes.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .key(let key):
        return handle(key, in: &state)
    case .run(let name, let argument):
        state.flash = nil
        return run(name, argument: argument, in: &state)
    case .resized(let size):
        // The next frame works out what fits, and says so (`.drawn`).
        state.size = size.clamped
        return []
    case .drawn(let shown):
        state.shown = shown
        if let id = shown.screen {
            _ = state.on(id) { screen, _ in screen.settle(shown) }
        } else if case .help = state.mode {
            state.mode = .help(scroll: shown.scroll)
        }
        return []
    case .loaded(let id, let book, let value):
        // A read for a book since replaced (`:as`) is dropped.
        guard book == state.bookOwner else { return [] }
        return state.on(id) { screen, state in screen.receive(value, in: &state) } ?? []
    case .loadFailed(let id, let book, let error):
        guard book == state.bookOwner else { return [] }
        if state.on(id, { screen, state in screen.loadFailed(error, in: &state) }) == nil {
            state.flash = Flash("could not load \(id): \(error)", kind: .error)
        }
        return []
    case .recoveryPrepared(let plan):
        confirmRecovery(plan, in: &state)
        return []
    case .recoveryFailed(let error):
        state.flash = Flash(TerminalText.sanitize("\(error)"), kind: .error)
        return []
    case .bookSwitched(let person):
        return switchBook(to: person, in: &state)
    case .bookRefused(let refusal):
        state.flash = Flash(refusal.description, kind: .error)
        return []
    case .changeFinished(let outcome):
        return finish(outcome, in: &state)
    case .dataChanged:
        return reloadEffects(state)
    case .timePassed:
        // Only the views with a countdown; the load brings the moment it is judged at.
        return state.screen.tick(state)
    }
}

/// What to load again when the data changed: the book, and every screen on the stack.
func reloadEffects(_ state: AppState) -> [Effect] {
    var effects = [BookScreen.whole(book: state.bookOwner)]
    for id in state.screens.ids { effects += state.screens[id]?.reload(state) ?? [] }
    var seen = Set<Effect>()
    return effects.filter { seen.insert($0).inserted }
}

extension AppState {
    /// Works on a kept screen, taken out of the stack while `body` runs with the rest of
    /// the state at hand; nil when there is no such screen.
    mutating func on<Result>(_ id: ScreenID, _ body: (inout any Screen, inout AppState) -> Result) -> Result? {
        guard var screen = screens.take(id) else { return nil }
        let result = body(&screen, &self)
        screens.put(screen)
        return result
    }

    /// Works on the screen on top (see `on`).
    mutating func onTop<Result>(_ body: (inout any Screen, inout AppState) -> Result) -> Result {
        on(screens.topID, body)!
    }
}

// MARK: Keys

/// A key, looked up in the table of the mode it arrives in; the mode decides what it does.
private func handle(_ key: KeyPress, in state: inout AppState) -> [Effect] {
    let name = state.keymap.command(for: key, in: state.mode.scope)
    switch state.mode {
    case .filter:
        return FilterLine.handle(name, key: key, in: &state)
    case .command(let input, let selection):
        return Palette.handle(name, key: key, input: input, selection: selection, in: &state)
    case .help(let scroll):
        return HelpView.handle(name, scroll: scroll, in: &state)
    case .form(let form):
        return edit(form, with: name, key: key, in: &state)
    case .confirm(let confirmation):
        return answer(confirmation, with: name, in: &state)
    case .normal:
        state.flash = nil
        guard let name else {
            // A change --readonly took away: say so rather than do nothing.
            if state.viewer.isReadonly, let removed = Keymap.standard.command(for: key),
               let command = Keymap.standard.command(named: removed), command.changesData {
                state.flash = Flash("read-only (--readonly): \(command.name.rawValue) is switched off in this session", kind: .error)
            }
            return []
        }
        return run(name, argument: nil, in: &state)
    }
}

// MARK: Commands

/// Runs a command of the normal table: refused where it does not work or changes what
/// the viewer may not; then its view runs it (a view's key brings the view to the
/// front), or the screen on top, or, when neither has anything to do with it, the
/// interface (moving, going back, the general commands, acting on the selection).
func run(_ name: CommandName, argument: String?, in state: inout AppState) -> [Effect] {
    guard let command = state.keymap.command(named: name) else {
        state.flash = Flash("\(name.rawValue) is not available here", kind: .error)
        return []
    }
    let kind = state.screen.kind
    // Space marks where there is something to mark, and pages down elsewhere (as it did before marking).
    if name == .mark, !command.works(on: kind), state.keymap.command(named: .pageDown) != nil {
        return run(.pageDown, argument: nil, in: &state)
    }
    guard command.works(on: kind) else {
        let places = state.keymap.places(command).map(\.title)
        state.flash = Flash("\(command.name.rawValue) works in \(places.joined(separator: ", ")), not here", kind: .error)
        return []
    }
    if let refusal = InterfaceAccess.refusal(of: command, by: state.viewer) {
        state.flash = Flash(refusal, kind: .error)
        return []
    }
    if let view = command.view { return run(name, argument: argument, on: view, in: &state) }
    if let effects = state.onTop({ screen, state in screen.run(name, argument: argument, in: &state) }) { return effects }
    return perform(name, argument: argument, in: &state)
}

/// The interface's own commands, the same on every screen.
private func perform(_ name: CommandName, argument: String?, in state: inout AppState) -> [Effect] {
    switch name {
    case .moveDown: move(by: 1, in: &state)
    case .moveUp: move(by: -1, in: &state)
    case .pageDown: move(by: state.page, in: &state)
    case .pageUp: move(by: -state.page, in: &state)
    case .top: move(by: Int.min / 2, in: &state)
    case .bottom: move(by: Int.max / 2, in: &state)
    case .open: return openSelected(in: &state)
    case .back: goBack(in: &state)
    case .quit:
        if state.screens.count > 1 { state.screens.pop() } else { state.isQuitting = true }
    case .forceQuit:
        state.isQuitting = true
    case .help:
        state.mode = .help(scroll: 0)
    case .palette:
        state.mode = .command(input: "", selection: 0)
    case .nextView:
        return showNextView(in: &state)
    case .viewAs:
        return viewAs(argument, in: &state)
    case .acknowledge, .snooze, .resolve:
        return act(name, in: &state)
    case .logActivity:
        return startLogging(in: &state)
    case .moveRenewal:
        return startMovingRenewal(in: &state)
    case .recover:
        return startRecovery(argument, in: &state)
    case .reload:
        return reduce(&state, .dataChanged)
    case .redraw:
        return [.redraw]
    default:
        break
    }
    return []
}

/// Moves the selection of the screen on top; the next frame keeps it in sight.
func move(by rows: Int, in state: inout AppState) {
    state.onTop { screen, _ in screen.move(by: rows) }
}
