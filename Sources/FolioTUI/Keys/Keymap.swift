/// Every user action is a named command in one table (as tig's `request.h` and
/// lazygit's keybinding config): the table drives key dispatch in every mode, the hint
/// bars, the `?` help screen and the `:` palette with its completion, and registers the
/// views (a row naming a view). Tests press commands by name.
public struct Keymap: Sendable {
    /// Every row: the normal table first, then the modes' keys.
    public private(set) var table: [Command]
    /// The normal table: what help, the palette, the hint bar and `config.yaml` name.
    public private(set) var commands: [Command]
    private var byKey: [KeyScope: [KeyPress: CommandName]]

    public init(commands table: [Command]) {
        self.table = table
        commands = table.filter { $0.scope == .normal }
        var index: [KeyScope: [KeyPress: CommandName]] = [:]
        for command in table {
            for key in command.keys where index[command.scope]?[key] == nil { index[command.scope, default: [:]][key] = command.name }
        }
        byKey = index
    }

    public static let standard = Keymap(commands: [
        Command(.moveDown, "Move down", group: .navigation, keys: [.char("j"), .down]),
        Command(.moveUp, "Move up", group: .navigation, keys: [.char("k"), .up]),
        Command(.top, "Go to the top", group: .navigation, keys: [.char("g"), .home]),
        Command(.bottom, "Go to the bottom", group: .navigation, keys: [.char("G"), .end]),
        Command(.pageDown, "Page down", group: .navigation, keys: [.ctrl("d"), .pageDown]),
        Command(.pageUp, "Page up", group: .navigation, keys: [.ctrl("u"), .pageUp]),
        Command(.open, "Open the account", group: .navigation, keys: [.enter, .char("e"), .right], hint: "open"),
        Command(.back, "Go back (another view goes back to the book); clear the filter first", group: .navigation,
                keys: [.escape, .left], hint: "back"),
        Command(.book, "The book: your accounts", group: .views, keys: [.char("1")], view: BookScreen.self),
        Command(.alerts, "Alerts inbox: the alerts routed to you", group: .views, keys: [.char("2")], view: AlertsScreen.self),
        Command(.checkIns, "Check-ins due and overdue, and the coverage rate", group: .views, keys: [.char("3")],
                view: CheckInsScreen.self),
        Command(.renewals, "Renewals: the pipeline by quarter and stage, the open renewals", group: .views, keys: [.char("4")],
                view: RenewalsScreen.self),
        Command(.team, "Team: a row per CSM and your escalations (managers and VPs)", group: .views, keys: [.char("5")],
                view: TeamScreen.self),
        Command(.outbox, "Outbox: the emails of your book's recovery sequences (drafts to approve, scheduled)", group: .views,
                keys: [.char("6")], view: OutboxScreen.self),
        Command(.nextView, "Next view", group: .views, keys: [.tab]),
        Command(.previousView, "Previous view", group: .views, keys: [.backTab]),
        Command(.viewAs, "Open a CSM's book (managers: your team; VPs: anyone); no login: your own", group: .views, keys: [],
                argumentName: "LOGIN"),
        Command(.report, "Dashboard: the programme's figures as charts; FROM [TO] (YYYY-MM-DD) sets the period", group: .views,
                keys: [.char("7")], argumentName: "FROM [TO]", view: DashboardScreen.self),
        Command(.filter, "Filter the list as you type (owner:chen tier:ent band:red kind:health sev:red stage:renewal, any words; "
                + "accents optional); in help, search it", group: .lists, keys: [.char("/")], hint: "filter"),
        Command(.nextMatch, "Next match of the filter", group: .lists, keys: [.char("n")]),
        Command(.previousMatch, "Previous match of the filter", group: .lists, keys: [.char("N")]),
        Command(.sort, "Sort the book (attention, arr, score, renewal, name); the selection stays on its account", group: .lists,
                keys: [.char("o")], arguments: BookSort.allCases.map(\.rawValue), view: BookScreen.self),
        Command(.reverseSort, "Reverse the book's order", group: .lists, keys: [.char("O")], view: BookScreen.self),
        Command(.acknowledge, "Acknowledge the alert (or the marked ones): you are on it", group: .acting, keys: [.char("a")],
                hint: "ack", changesData: true, screens: [.alerts, .account, .team]),
        Command(.snooze, "Snooze the alert until a day, with a reason", group: .acting, keys: [.char("s")], hint: "snooze",
                changesData: true, screens: [.alerts, .account, .team]),
        Command(.resolve, "Resolve the alert with an outcome and a note", group: .acting, keys: [.char("x")], hint: "resolve",
                changesData: true, screens: [.alerts, .account, .team]),
        Command(.handOver, "Hand the alert (or the marked ones) to someone, with a note: they are told of it from now on",
                group: .acting, keys: [.char("h")], changesData: true, screens: [.alerts, .account, .team]),
        Command(.reassign, "Reassign the account to another CSM, with a note: its open alerts and check-ins go with it (managers, VPs)",
                group: .acting, keys: [.char("T")], changesData: true, screens: [.book, .alerts, .account, .checkIns, .renewals, .team]),
        Command(.huddle, "Huddle: walk the team's escalations (the marked ones, else all) one at a time and record a decision for each",
                group: .acting, keys: [.char("H")], hint: "huddle", screens: [.team]),
        Command(.mark, "Mark or unmark the alert; a, s and x then act on every marked one (elsewhere: page down)", group: .acting, keys: [.char(" ")],
                hint: "mark", screens: [.alerts, .team]),
        Command(.logActivity, "Log an activity (call, email, meeting, QBR, check-in, note) on the account", group: .acting,
                keys: [.char("l")], hint: "log", changesData: true, screens: [.book, .alerts, .account, .checkIns, .renewals, .team]),
        Command(.moveRenewal, "Move the renewal to committed, closed won or churned (asks first)", group: .acting,
                keys: [.char("m")], isDestructive: true, hint: "move", screens: [.renewals, .account]),
        Command(.recover, "Start a recovery email sequence on the account: the suggested one, previewed; :recover NAME for another",
                group: .acting, keys: [.char("r")], isDestructive: true, hint: "recover",
                screens: [.book, .alerts, .account, .checkIns, .renewals, .team], argumentName: "SEQUENCE"),
        Command(.viewEmail, "Read the email as the customer will get it", group: .acting, keys: [.char("v")], hint: "read",
                screens: [.outbox]),
        Command(.approve, "Approve the draft: it goes at its time, in working hours (asks first)", group: .acting,
                keys: [.char("A")], isDestructive: true, hint: "approve", screens: [.outbox]),
        Command(.cancelEmail, "Cancel the email before it goes; its sequence stops (asks first)", group: .acting,
                keys: [.char("c")], isDestructive: true, hint: "cancel", screens: [.outbox]),
        Command(.undo, "Take back your last change in this session (recorded as a change of its own); a hand-over or a reassignment says how to give it back", group: .acting,
                keys: [.char("u")], hint: "undo", changesData: true),
        Command(.palette, "Command palette", group: .general, keys: [.char(":")], hint: "command"),
        Command(.messages, "The messages of this session, in full", group: .general, keys: []),
        Command(.help, "Help: every key", group: .general, keys: [.char("?"), .function(1)], hint: "help"),
        Command(.reload, "Reload from the database", group: .general, keys: [.char("R")]),
        Command(.redraw, "Redraw the screen", group: .general, keys: [.ctrl("l")]),
        Command(.quit, "Quit at the book (over SSH, after asking); in another view, go back", group: .general,
                keys: [.char("q")], hint: "quit"),
        Command(.forceQuit, "Quit now", group: .general, keys: [.ctrl("c")]),

        // The `/` filter line: other characters are typed into the filter.
        Command(.filter, .keepFilter, "Keep the filter and go back to the list", keys: [.enter, .tab], hint: "keep"),
        Command(.filter, .clearFilter, "Clear the filter and close the line", keys: [.escape], hint: "clear"),
        Command(.filter, .historyBack, "The filter typed before", keys: [.up], hint: "earlier"),
        Command(.filter, .historyForward, "The filter typed after", keys: [.down]),
    ] + Keymap.lineEditing(.filter) + [
        Command(.filter, .forceQuit, "Quit now", keys: [.ctrl("c")]),

        // The `:` palette: other characters are typed into the command line.
        Command(.palette, .complete, "Complete as far as the commands agree, then cycle", keys: [.tab], hint: "complete"),
        Command(.palette, .previousCompletion, "Highlight the previous completion", keys: [.backTab]),
        Command(.palette, .runTyped, "Run the command typed (or the one highlighted)", keys: [.enter], hint: "run"),
        Command(.palette, .closePalette, "Close the palette", keys: [.escape], hint: "cancel"),
        Command(.palette, .historyBack, "The command run before", keys: [.up], hint: "earlier"),
        Command(.palette, .historyForward, "The command run after", keys: [.down]),
    ] + Keymap.lineEditing(.palette) + [
        Command(.palette, .forceQuit, "Quit now", keys: [.ctrl("c")]),

        // A form: other characters are typed into a text field; a choice field steps with
        // h, l and Space, or jumps to the option starting with the letter.
        Command(.form, .submit, "Submit the form", keys: [.enter], hint: "submit"),
        Command(.form, .nextField, "Next field", keys: [.tab, .down], hint: "next field"),
        Command(.form, .previousField, "Previous field", keys: [.backTab, .up], hint: "back"),
        Command(.form, .choosePrevious, "The previous option (or preset); in text, the cursor left", keys: [.left], hint: "choose"),
        Command(.form, .chooseNext, "The next option (or preset); in text, the cursor right", keys: [.right], hint: "choose"),
        Command(.form, .cancelForm, "Cancel: nothing changes", keys: [.escape], hint: "cancel"),
    ] + Keymap.lineEditing(.form, arrows: false) + [
        Command(.form, .forceQuit, "Quit now", keys: [.ctrl("c")]),

        // A yes/no question: No is the default.
        Command(.confirm, .answerYes, "Yes", keys: [.char("y"), .char("Y")], hint: "yes"),
        Command(.confirm, .answerNo, "No", keys: [.char("n"), .char("N"), .char("q")], hint: "no"),
        Command(.confirm, .choosePrevious, "The other button", keys: [.left, .backTab, .char("h")], hint: "choose"),
        Command(.confirm, .chooseNext, "The other button", keys: [.right, .tab, .char("l")], hint: "choose"),
        Command(.confirm, .answerChosen, "The chosen button: No unless Yes was chosen", keys: [.enter], hint: "answer (No unless chosen)"),
        Command(.confirm, .closeQuestion, "No: close the question", keys: [.escape], hint: "no"),
        Command(.confirm, .moveDown, "Scroll the details down", keys: [.down, .char("j")]),
        Command(.confirm, .moveUp, "Scroll the details up", keys: [.up, .char("k")]),
        Command(.confirm, .pageDown, "Scroll the details down ten lines", keys: [.pageDown]),
        Command(.confirm, .pageUp, "Scroll the details up ten lines", keys: [.pageUp]),
        Command(.confirm, .forceQuit, "Quit now", keys: [.ctrl("c")]),
    ])

    /// A line's editing keys, as readline has them (the form's ←/→ also choose, above).
    static func lineEditing(_ scope: KeyScope, arrows: Bool = true) -> [Command] {
        [
            Command(scope, .cursorLeft, "Cursor left", keys: (arrows ? [.left] : []) + [.ctrl("b")]),
            Command(scope, .cursorRight, "Cursor right", keys: (arrows ? [.right] : []) + [.ctrl("f")]),
            Command(scope, .lineStart, "Cursor to the start", keys: [.home, .ctrl("a")]),
            Command(scope, .lineEnd, "Cursor to the end", keys: [.end, .ctrl("e")]),
            Command(scope, .deleteBack, "Delete the character before the cursor", keys: [.backspace]),
            Command(scope, .deleteForward, "Delete the character under the cursor", keys: [.delete, .ctrl("d")]),
            Command(scope, .deleteWord, "Delete the word before the cursor", keys: [.ctrl("w")]),
            Command(scope, .clearLine, "Delete to the start", keys: [.ctrl("u")]),
            Command(scope, .deleteToEnd, "Delete to the end", keys: [.ctrl("k")]),
        ]
    }

    /// The command a key runs in normal mode.
    public func command(for key: KeyPress) -> CommandName? { byKey[.normal]?[key] }

    /// The command a key runs in a mode's table.
    public func command(for key: KeyPress, in scope: KeyScope) -> CommandName? { byKey[scope]?[key] }

    public func command(named name: CommandName) -> Command? { commands.first { $0.name == name } }

    public func command(named name: CommandName, in scope: KeyScope) -> Command? {
        table.first { $0.scope == scope && $0.name == name }
    }

    /// The first key bound to a command, as written in hints ("/", "Enter").
    public func keyName(_ name: CommandName, glyphs: Glyphs = .unicode) -> String? {
        command(named: name)?.keys.first?.displayName(glyphs: glyphs)
    }

    /// The views, in the order the table first names them (Tab cycles through them).
    public var views: [any RootScreen.Type] {
        var seen = Set<ObjectIdentifier>()
        return commands.compactMap(\.view).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    /// The command that brings a view to the front (its first row).
    public func viewCommand(_ view: any RootScreen.Type) -> Command? {
        commands.first { $0.view.map(ObjectIdentifier.init) == ObjectIdentifier(view) }
    }

    /// Where a command works, for saying so: the views in table order, then the other screens.
    public func places(_ command: Command) -> [ScreenKind] {
        let order = views.map { $0.kind }
        return (command.screens ?? []).sorted { a, b in
            let (i, j) = (order.firstIndex(of: a) ?? order.count, order.firstIndex(of: b) ?? order.count)
            return i != j ? i < j : a.rawValue < b.rawValue
        }
    }

    /// A mode's bottom-line hints, key and word, in table order; neighbours with the same
    /// word share it ("←/→ choose").
    public func hints(in scope: KeyScope, glyphs: Glyphs) -> [(key: String, word: String)] {
        var pairs: [(key: String, word: String)] = []
        for command in table where command.scope == scope {
            guard let hint = command.hint, let key = command.keys.first?.displayName(glyphs: glyphs) else { continue }
            if let last = pairs.last, last.word == hint {
                pairs[pairs.count - 1].key += "/" + key
            } else {
                pairs.append((key, hint))
            }
        }
        return pairs
    }

    /// Without destructive commands (`--readonly`); the modes' keys stay.
    public func removingDestructive() -> Keymap {
        Keymap(commands: table.filter { $0.scope != .normal || (!$0.isDestructive && !$0.changesData) })
    }

    /// Rebinds commands of the normal table (user overrides from config): each listed
    /// command gets exactly these keys, and the keys are taken away from any other command
    /// of that table.
    public func overriding(_ bindings: [CommandName: [KeyPress]]) -> Keymap {
        let taken = Set(bindings.values.flatMap { $0 })
        let updated = table.map { command -> Command in
            guard command.scope == .normal else { return command }
            var command = command
            if let keys = bindings[command.name] { command.keys = keys } else { command.keys.removeAll(where: taken.contains) }
            return command
        }
        return Keymap(commands: updated)
    }

    /// Palette completions for what has been typed: command names, then a command's
    /// arguments once its name and a space are typed.
    public func completions(for input: String) -> [String] {
        let trimmed = input.drop { $0 == " " }
        if let space = trimmed.firstIndex(of: " ") {
            let name = String(trimmed[..<space])
            let argument = trimmed[trimmed.index(after: space)...].trimmingCharacters(in: " ")
            guard let command = commands.first(where: { $0.name.rawValue == name }) else { return [] }
            return command.arguments.filter { $0.hasPrefix(argument) }.map { "\(name) \($0)" }
        }
        let names = commands.map(\.name.rawValue)
        return names.filter { $0.hasPrefix(String(trimmed)) }
    }
}

extension Substring {
    func trimmingCharacters(in character: Character) -> String {
        var text = self
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return String(text)
    }
}
