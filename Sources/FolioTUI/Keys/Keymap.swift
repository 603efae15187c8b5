/// Every user action is a named command in one table (as tig's `request.h` and
/// lazygit's keybinding config): the table drives key dispatch, the hint bar, the `?`
/// help screen and the `:` palette with its completion. Tests press commands by name.
public enum CommandName: String, CaseIterable, Hashable, Sendable {
    case moveDown = "down"
    case moveUp = "up"
    case top
    case bottom
    case pageDown = "page-down"
    case pageUp = "page-up"
    case open
    case back
    case quit
    case forceQuit = "force-quit"
    case help
    case filter
    case nextMatch = "next-match"
    case previousMatch = "previous-match"
    case palette
    case nextView = "next-view"
    case book
    case sort
    case reload
    case redraw
    case alerts
    case checkIns = "check-ins"
    case renewals
    case team
    case viewAs = "as"
    case report
    case acknowledge
    case snooze
    case resolve
    case mark
    case logActivity = "log"
    case moveRenewal = "move"
    case outbox
    case recover
    case viewEmail = "view"
    case approve
    case cancelEmail = "cancel"
}

/// The kinds of screen, for saying where a command works.
public enum ScreenKind: String, CaseIterable, Sendable, Hashable {
    case book, alerts, checkIns = "check-ins", renewals, team, outbox, account
    case dashboard
}

/// Where a command appears in help, in this order.
public enum CommandGroup: String, CaseIterable, Sendable {
    case navigation = "Moving"
    case views = "Views"
    case book = "The book"
    case acting = "Acting on alerts, accounts and renewals"
    case general = "General"
}

/// One row of the command table.
public struct Command: Sendable, Hashable {
    public var name: CommandName
    /// What help and the palette say it does.
    public var title: String
    public var group: CommandGroup
    /// The default keys, first one shown in hints.
    public var keys: [KeyPress]
    /// Changes data or sends something: asks for confirmation, removed by --readonly.
    public var isDestructive: Bool
    /// The short word the hint bar shows next to the key; nil keeps it out of the hint bar.
    public var hint: String?
    /// Words the palette completes after the name (`:sort arr`).
    public var arguments: [String]
    /// Writes to the database (acknowledging, logging): removed by --readonly, refused for an AE.
    public var changesData: Bool
    /// The screens where it works (and is hinted); nil: everywhere.
    public var screens: Set<ScreenKind>?
    /// What the palette's free argument is (`:as LOGIN`); nil when it takes none or only `arguments`.
    public var argumentName: String?

    public init(_ name: CommandName, _ title: String, group: CommandGroup, keys: [KeyPress],
                isDestructive: Bool = false, hint: String? = nil, arguments: [String] = [], changesData: Bool = false,
                screens: Set<ScreenKind>? = nil, argumentName: String? = nil) {
        self.name = name
        self.title = title
        self.group = group
        self.keys = keys
        self.isDestructive = isDestructive
        self.hint = hint
        self.arguments = arguments
        self.changesData = changesData || isDestructive
        self.screens = screens
        self.argumentName = argumentName
    }

    /// True when it works on a screen of this kind.
    public func works(on kind: ScreenKind) -> Bool { screens?.contains(kind) ?? true }
}

/// The command table with its key bindings (DESIGN §4).
public struct Keymap: Sendable {
    public private(set) var commands: [Command]
    private var byKey: [KeyPress: CommandName]

    public init(commands: [Command]) {
        self.commands = commands
        var index: [KeyPress: CommandName] = [:]
        for command in commands {
            for key in command.keys where index[key] == nil { index[key] = command.name }
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
        Command(.back, "Go back; clear the filter", group: .navigation, keys: [.escape, .left], hint: "back"),
        Command(.book, "The book: your accounts", group: .views, keys: [.char("1")]),
        Command(.alerts, "Alerts inbox: the alerts routed to you", group: .views, keys: [.char("2")]),
        Command(.checkIns, "Check-ins due and overdue, and the coverage rate", group: .views, keys: [.char("3")]),
        Command(.renewals, "Renewals: the pipeline by quarter and stage, the open renewals", group: .views, keys: [.char("4")]),
        Command(.team, "Team: a row per CSM and your escalations (managers and VPs)", group: .views, keys: [.char("5")]),
        Command(.outbox, "Outbox: the emails of your book's recovery sequences (drafts to approve, scheduled)", group: .views,
                keys: [.char("6")]),
        Command(.nextView, "Next view", group: .views, keys: [.tab]),
        Command(.viewAs, "Open a CSM's book (managers: your team; VPs: anyone); no login: your own", group: .views, keys: [],
                argumentName: "LOGIN"),
        Command(.report, "Dashboard: the programme's figures as charts; FROM [TO] (YYYY-MM-DD) sets the period", group: .views,
                keys: [.char("7")], argumentName: "FROM [TO]"),
        Command(.filter, "Filter as you type (band:red tier:ent stage:renewal, any text)", group: .book,
                keys: [.char("/")], hint: "filter"),
        Command(.nextMatch, "Next match of the filter", group: .book, keys: [.char("n")]),
        Command(.previousMatch, "Previous match of the filter", group: .book, keys: [.char("N")]),
        Command(.sort, "Sort the book (attention, arr, score, renewal, name)", group: .book, keys: [.char("o")],
                arguments: BookSort.allCases.map(\.rawValue)),
        Command(.acknowledge, "Acknowledge the alert (or the marked ones): you are on it", group: .acting, keys: [.char("a")],
                hint: "ack", changesData: true, screens: [.alerts, .account, .team]),
        Command(.snooze, "Snooze the alert until a day, with a reason", group: .acting, keys: [.char("s")], hint: "snooze",
                changesData: true, screens: [.alerts, .account, .team]),
        Command(.resolve, "Resolve the alert with an outcome and a note", group: .acting, keys: [.char("x")], hint: "resolve",
                changesData: true, screens: [.alerts, .account, .team]),
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
        Command(.palette, "Command palette", group: .general, keys: [.char(":")], hint: "command"),
        Command(.help, "Help: every key", group: .general, keys: [.char("?"), .function(1)], hint: "help"),
        Command(.reload, "Reload from the database", group: .general, keys: [.char("R")]),
        Command(.redraw, "Redraw the screen", group: .general, keys: [.ctrl("l")]),
        Command(.quit, "Go back, or quit at the book", group: .general, keys: [.char("q")], hint: "quit"),
        Command(.forceQuit, "Quit now", group: .general, keys: [.ctrl("c")]),
    ])

    /// The command a key runs in normal mode.
    public func command(for key: KeyPress) -> CommandName? { byKey[key] }

    public func command(named name: CommandName) -> Command? { commands.first { $0.name == name } }

    /// The first key bound to a command, as written in hints ("/", "Enter").
    public func keyName(_ name: CommandName, glyphs: Glyphs = .unicode) -> String? {
        command(named: name)?.keys.first?.displayName(glyphs: glyphs)
    }

    /// Without destructive commands (`--readonly`).
    public func removingDestructive() -> Keymap {
        Keymap(commands: commands.filter { !$0.isDestructive && !$0.changesData })
    }

    /// Rebinds commands (user overrides from config): each listed command gets exactly
    /// these keys, and the keys are taken away from any other command.
    public func overriding(_ bindings: [CommandName: [KeyPress]]) -> Keymap {
        let taken = Set(bindings.values.flatMap { $0 })
        let updated = commands.map { command -> Command in
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

extension ScreenKind {
    /// How a flash names the screen: "the alerts view (2)".
    public var title: String {
        switch self {
        case .book: "the book (1)"
        case .alerts: "the alerts view (2)"
        case .checkIns: "the check-ins view (3)"
        case .renewals: "the renewals view (4)"
        case .team: "the team view (5)"
        case .outbox: "the outbox (6)"
        case .account: "an account"
        case .dashboard: "the dashboard (7)"
        }
    }
}
