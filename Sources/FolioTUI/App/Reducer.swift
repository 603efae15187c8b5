import FolioDomain
import FolioStore

/// The one place state changes: pure, no I/O. Returns the effects to run.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .key(let key):
        return handle(key, in: &state)
    case .run(let name, let argument):
        state.flash = nil
        return run(name, argument: argument, in: &state)
    case .resized(let size):
        state.size = size.clamped
        state.alerts.cursor.keepVisible(count: state.alerts.listings.count, height: state.listPageHeight)
        state.checkIns.cursor.keepVisible(count: state.checkIns.lines.count, height: state.listPageHeight)
        state.renewals.cursor.keepVisible(count: state.renewals.board?.open.count ?? 0, height: RenewalsView.listHeight(state))
        state.team.cursor.keepVisible(count: state.team.items.count, height: TeamView.listHeight(state))
        state.outbox.cursor.keepVisible(count: state.outbox.listings.count, height: OutboxView.listHeight(state))
        clampDashboardScroll(&state)
        keepSelectionVisible(&state)
        clampAccountScroll(&state)
        return []
    case .bookStarted(let entries, let total, let scoresAsOf):
        // A whole book that arrived first wins over its first page.
        guard !state.book.isComplete else { return [] }
        state.book.start(entries, total: total, scoresAsOf: scoresAsOf)
        keepSelectionVisible(&state)
        return state.book.isComplete ? [] : [.loadBook]
    case .bookLoaded(let book):
        // A book loaded for someone else before `:as` switched is dropped.
        guard book.owner == nil || book.owner == (state.viewer.bookOf?.login ?? state.viewer.login) else { return [] }
        state.book.load(book)
        keepSelectionVisible(&state)
        return []
    case .accountLoaded(var page):
        if page.entry == nil { page.entry = state.book.entries.first { $0.account.id == page.account.id } }
        updateAccountScreen(&state, id: page.account.id) { $0.page = page; $0.error = nil }
        clampAccountScroll(&state)
        return []
    case .loadFailed(let accountID, let message):
        if let accountID {
            updateAccountScreen(&state, id: accountID) { $0.error = message }
        }
        state.flash = Flash(message, kind: .error)
        return []
    case .alertsLoaded(let listings, let now):
        state.alerts.load(listings, now: now, height: state.listPageHeight)
        return []
    case .checkInsLoaded(let board):
        state.checkIns.load(board, height: state.listPageHeight)
        return []
    case .renewalsLoaded(let board):
        state.renewals.load(board, height: RenewalsView.listHeight(state))
        return []
    case .teamLoaded(let board):
        state.team.load(board, height: TeamView.listHeight(state))
        return []
    case .outboxLoaded(let listings, let now):
        state.outbox.load(listings, now: now, height: OutboxView.listHeight(state))
        return []
    case .recoveryPrepared(let plan):
        confirmRecovery(plan, in: &state)
        return []
    case .dashboardLoaded(let dashboard):
        dashboardLoaded(dashboard, in: &state)
        return []
    case .bookSwitched(let person):
        return switchBook(to: person, in: &state)
    case .changeFinished(let result):
        return finish(result, in: &state)
    case .dataChanged:
        return reloadEffects(state)
    case .timePassed:
        // Only the views with a countdown; the load brings the moment it is judged at.
        switch state.screen {
        case .alerts: return [.loadAlerts]
        case .team: return [.loadTeam]
        default: return []
        }
    }
}

/// What to load again when the data changed: the book, the view on screen, an open account.
func reloadEffects(_ state: AppState) -> [Effect] {
    var effects: [Effect] = [.loadBook]
    for screen in state.stack {
        switch screen {
        case .book: break
        case .alerts: effects.append(.loadAlerts)
        case .checkIns: effects.append(.loadCheckIns)
        case .renewals: effects.append(.loadRenewals)
        case .team: effects.append(.loadTeam)
        case .outbox: effects.append(.loadOutbox)
        case .account(let account): effects.append(.loadAccount(id: account.accountID))
        case .dashboard: effects.append(.loadDashboard(state.dashboard.period(asOf: state.viewer.asOf)))
        }
    }
    var seen = Set<Effect>()
    return effects.filter { seen.insert($0).inserted }
}

// MARK: Keys

private func handle(_ key: KeyPress, in state: inout AppState) -> [Effect] {
    switch state.mode {
    case .filter:
        return editFilter(key, in: &state)
    case .command(let input, let selection):
        return editCommand(key, input: input, selection: selection, in: &state)
    case .help(let scroll):
        return navigateHelp(key, scroll: scroll, in: &state)
    case .form(let form):
        return edit(form, with: key, in: &state)
    case .confirm(let confirmation):
        return answer(confirmation, with: key, in: &state)
    case .normal:
        state.flash = nil
        guard let name = state.keymap.command(for: key) else {
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

private func editFilter(_ key: KeyPress, in state: inout AppState) -> [Effect] {
    switch key {
    case .char(let character):
        state.book.filterText.append(character)
    case .backspace, .delete:
        if !state.book.filterText.isEmpty { state.book.filterText.removeLast() }
    case .enter, .down, .up, .tab:
        state.mode = .normal
        if key == .down { return run(.moveDown, argument: nil, in: &state) }
        if key == .up { return run(.moveUp, argument: nil, in: &state) }
    case .escape:
        state.book.filterText = ""
        state.mode = .normal
    case .ctrl("c"):
        state.isQuitting = true
    case .ctrl("u"):
        state.book.filterText = ""
    default:
        break
    }
    state.book.scroll = 0
    keepSelectionVisible(&state)
    return []
}

private func editCommand(_ key: KeyPress, input: String, selection: Int, in state: inout AppState) -> [Effect] {
    var input = input
    switch key {
    case .char(let character):
        input.append(character)
        state.mode = .command(input: input, selection: 0)
    case .backspace, .delete:
        if input.isEmpty { state.mode = .normal; return [] }
        input.removeLast()
        state.mode = .command(input: input, selection: 0)
    case .tab, .down:
        let candidates = state.keymap.completions(for: input)
        guard !candidates.isEmpty else { return [] }
        if key == .tab, candidates.count == 1 || input != commonPrefix(candidates) {
            // First Tab completes as far as all candidates agree; the next ones cycle.
            let prefix = commonPrefix(candidates)
            if prefix.count > input.count || candidates.count == 1 {
                let completed = candidates.count == 1 ? candidates[0] : prefix
                let command = state.keymap.commands.first { $0.name.rawValue == completed }
                let wantsArgument = !(command?.arguments.isEmpty ?? true) || command?.argumentName != nil
                state.mode = .command(input: completed + (wantsArgument ? " " : ""), selection: 0)
                return []
            }
        }
        state.mode = .command(input: input, selection: (selection + 1) % candidates.count)
    case .up, .backTab:
        let candidates = state.keymap.completions(for: input)
        guard !candidates.isEmpty else { return [] }
        state.mode = .command(input: input, selection: (selection + candidates.count - 1) % candidates.count)
    case .escape:
        state.mode = .normal
    case .ctrl("c"):
        state.isQuitting = true
    case .enter:
        state.mode = .normal
        return runTyped(input, selection: selection, in: &state)
    default:
        break
    }
    return []
}

private func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first else { return "" }
    for word in words.dropFirst() {
        while !word.hasPrefix(prefix) { prefix.removeLast() }
    }
    return prefix
}

/// Runs what was typed at the `:` prompt: an exact command (with its argument), else
/// the highlighted completion.
private func runTyped(_ input: String, selection: Int, in state: inout AppState) -> [Effect] {
    let words = input.split(separator: " ").map(String.init)
    guard let first = words.first else { return [] }
    var nameText = first
    var argument = words.count > 1 ? words[1] : nil
    let exact = CommandName(rawValue: nameText).flatMap { state.keymap.command(named: $0) }
    // A free argument is the rest of the line: `:report FROM TO` takes two words.
    if exact?.argumentName != nil, words.count > 2 { argument = words.dropFirst().joined(separator: " ") }
    let argumentIsExact = argument.map { exact?.argumentName != nil || (exact?.arguments.contains($0) ?? true) } ?? true
    if exact == nil || !argumentIsExact {
        let candidates = state.keymap.completions(for: input)
        guard !candidates.isEmpty else {
            state.flash = Flash("unknown command: \(TerminalText.sanitize(input)) (Tab lists them)", kind: .error)
            return []
        }
        let chosen = candidates[min(selection, candidates.count - 1)].split(separator: " ").map(String.init)
        nameText = chosen[0]
        argument = chosen.count > 1 ? chosen[1] : argument
    }
    guard let name = CommandName(rawValue: nameText) else { return [] }
    state.flash = nil
    return run(name, argument: argument, in: &state)
}

private func navigateHelp(_ key: KeyPress, scroll: Int, in state: inout AppState) -> [Effect] {
    let lineCount = HelpView.lines(keymap: state.keymap, glyphs: state.glyphs).count
    let page = max(1, state.size.height - 4)
    let maxScroll = max(0, lineCount - page)
    var scroll = scroll
    switch state.keymap.command(for: key) {
    case .moveDown: scroll += 1
    case .moveUp: scroll -= 1
    case .pageDown: scroll += page
    case .pageUp: scroll -= page
    case .top: scroll = 0
    case .bottom: scroll = maxScroll
    case .help, .back, .quit:
        state.mode = .normal
        return []
    case .forceQuit:
        state.isQuitting = true
        return []
    default:
        return []
    }
    state.mode = .help(scroll: min(max(0, scroll), maxScroll))
    return []
}

// MARK: Commands

func run(_ name: CommandName, argument: String?, in state: inout AppState) -> [Effect] {
    guard let command = state.keymap.command(named: name) else {
        state.flash = Flash("\(name.rawValue) is not available here", kind: .error)
        return []
    }
    // Space marks where there is something to mark, and pages down elsewhere (as it did before marking).
    if name == .mark, !command.works(on: state.screen.kind), state.keymap.command(named: .pageDown) != nil {
        return run(.pageDown, argument: nil, in: &state)
    }
    guard command.works(on: state.screen.kind) else {
        let places = ScreenKind.allCases.filter { command.works(on: $0) }.map(\.title)
        state.flash = Flash("\(command.name.rawValue) works in \(places.joined(separator: ", ")), not here", kind: .error)
        return []
    }
    if command.changesData, let refusal = state.viewer.refusalToAct {
        state.flash = Flash(refusal, kind: .error)
        return []
    }
    switch name {
    case .moveDown: move(by: 1, in: &state)
    case .moveUp: move(by: -1, in: &state)
    case .pageDown: move(by: page(of: state), in: &state)
    case .pageUp: move(by: -page(of: state), in: &state)
    case .top: move(by: Int.min / 2, in: &state)
    case .bottom: move(by: Int.max / 2, in: &state)
    case .open:
        guard state.screen.isBook else { return openSelected(in: &state) }
        guard let entry = state.book.selectedEntry else {
            state.flash = Flash(state.book.entries.isEmpty ? "the book is empty" : "no account matches the filter")
            return []
        }
        state.stack.append(.account(AccountScreen(accountID: entry.account.id, name: entry.account.name)))
        return [.loadAccount(id: entry.account.id)]
    case .back:
        if state.stack.count > 1 {
            state.stack.removeLast()
        } else if !state.book.filterText.isEmpty {
            state.book.filterText = ""
            keepSelectionVisible(&state)
        }
    case .quit:
        if state.stack.count > 1 { state.stack.removeLast() } else { state.isQuitting = true }
    case .forceQuit:
        state.isQuitting = true
    case .help:
        state.mode = .help(scroll: 0)
    case .filter:
        state.stack = [.book]
        state.mode = .filter
    case .nextMatch, .previousMatch:
        guard state.screen.isBook else { return [] }
        guard !state.book.filterText.isEmpty else {
            state.flash = Flash("no filter yet: press / and type")
            return []
        }
        let count = state.book.rows.count
        guard count > 0 else {
            state.flash = Flash("no account matches \"\(TerminalText.sanitize(state.book.filterText))\"")
            return []
        }
        let step = name == .nextMatch ? 1 : count - 1
        state.book.selection = (state.book.selection + step) % count
        keepSelectionVisible(&state)
    case .palette:
        state.mode = .command(input: "", selection: 0)
    case .book:
        state.stack = [.book]
    case .alerts, .checkIns, .renewals, .team, .outbox:
        return show(name, in: &state)
    case .recover:
        return startRecovery(argument, in: &state)
    case .viewEmail, .approve, .cancelEmail:
        return actOnEmail(name, in: &state)
    case .report:
        return showDashboard(argument, in: &state)
    case .nextView:
        return showNextView(in: &state)
    case .viewAs:
        return viewAs(argument, in: &state)
    case .acknowledge, .snooze, .resolve:
        return act(name, in: &state)
    case .mark:
        mark(in: &state)
    case .logActivity:
        return startLogging(in: &state)
    case .moveRenewal:
        return startMovingRenewal(in: &state)
    case .sort:
        guard let argument else {
            let next = BookSort.allCases[(BookSort.allCases.firstIndex(of: state.book.sort)! + 1) % BookSort.allCases.count]
            state.book.setSort(next)
            state.flash = Flash("sorted by \(next.rawValue)")
            return []
        }
        guard let sort = BookSort.allCases.first(where: { $0.rawValue.hasPrefix(argument.lowercased()) }), !argument.isEmpty else {
            let names = BookSort.allCases.map(\.rawValue).joined(separator: ", ")
            state.flash = Flash("cannot sort by \(TerminalText.sanitize(argument)); try \(names)", kind: .error)
            return []
        }
        state.stack = [.book]
        state.book.setSort(sort)
        state.flash = Flash("sorted by \(sort.rawValue)")
    case .reload:
        return reduce(&state, .dataChanged)
    case .redraw:
        return [.redraw]
    }
    return []
}

private func page(of state: AppState) -> Int {
    switch state.screen {
    case .book: return max(1, state.bookPageHeight - 1)
    case .account: return max(1, state.accountPageHeight - 1)
    case .alerts, .checkIns: return max(1, state.listPageHeight - 1)
    case .renewals: return max(1, RenewalsView.listHeight(state) - 1)
    case .team: return max(1, TeamView.listHeight(state) - 1)
    case .outbox: return max(1, OutboxView.listHeight(state) - 1)
    case .dashboard: return max(1, DashboardView.pageHeight(state) - 1)
    }
}

func move(by delta: Int, in state: inout AppState) {
    switch state.screen {
    case .alerts:
        state.alerts.cursor.move(by: delta, count: state.alerts.listings.count, height: state.listPageHeight)
    case .checkIns:
        state.checkIns.cursor.move(by: delta, count: state.checkIns.lines.count, height: state.listPageHeight)
    case .renewals:
        state.renewals.cursor.move(by: delta, count: state.renewals.board?.open.count ?? 0, height: RenewalsView.listHeight(state))
    case .team:
        state.team.cursor.move(by: delta, count: state.team.items.count, height: TeamView.listHeight(state))
    case .outbox:
        state.outbox.cursor.move(by: delta, count: state.outbox.listings.count, height: OutboxView.listHeight(state))
    case .book:
        let count = state.book.rows.count
        guard count > 0 else { return }
        let target = delta > 0 ? min(count - 1, state.book.selection &+ min(delta, count))
                               : max(0, state.book.selection &+ max(delta, -count))
        state.book.selection = target
        keepSelectionVisible(&state)
    case .dashboard:
        scrollDashboard(by: delta, in: &state)
    case .account(var screen):
        screen.scroll = max(0, screen.scroll &+ max(min(delta, 1_000_000), -1_000_000))
        state.stack[state.stack.count - 1] = .account(screen)
        clampAccountScroll(&state)
    }
}

/// Scrolls the book so the selection is on screen.
func keepSelectionVisible(_ state: inout AppState) {
    let height = state.bookPageHeight
    var book = state.book
    book.selection = min(max(0, book.selection), max(0, book.rows.count - 1))
    if book.selection < book.scroll { book.scroll = book.selection }
    if book.selection >= book.scroll + height { book.scroll = book.selection - height + 1 }
    book.scroll = max(0, min(book.scroll, max(0, book.rows.count - height)))
    state.book = book
}

private func clampAccountScroll(_ state: inout AppState) {
    guard case .account(var screen) = state.screen else { return }
    let lineCount = screen.page.map { AccountView.lines(for: $0, width: state.size.width, asOf: state.viewer.asOf,
                                                        glyphs: state.glyphs, policy: state.policy).count } ?? 0
    screen.scroll = min(screen.scroll, max(0, lineCount - state.accountPageHeight))
    state.stack[state.stack.count - 1] = .account(screen)
}

private func updateAccountScreen(_ state: inout AppState, id: String, _ change: (inout AccountScreen) -> Void) {
    for index in state.stack.indices {
        if case .account(var screen) = state.stack[index], screen.accountID == id {
            change(&screen)
            state.stack[index] = .account(screen)
        }
    }
}
