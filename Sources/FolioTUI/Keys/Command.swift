/// Where a command appears in help, in this order.
public enum CommandGroup: String, CaseIterable, Sendable {
    case navigation = "Moving"
    case views = "Views"
    case book = "The book"
    case acting = "Acting on alerts, accounts and renewals"
    case general = "General"
}

/// Which keys are live: the normal table, or that of a mode that takes keys for itself
/// (the `/` filter line, the `:` palette, a form, a yes/no question). Help lists the
/// normal table; each mode's bottom line hints its own.
public enum KeyScope: String, CaseIterable, Sendable, Hashable {
    case normal, filter, palette, form, confirm
}

/// One row of the command table.
public struct Command: Sendable, Hashable {
    public var name: CommandName
    /// What help and the palette say it does.
    public var title: String
    /// Where help lists it; nil for a mode's keys, which help does not list.
    public var group: CommandGroup?
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
    /// The table its keys belong to.
    public var scope: KeyScope
    /// The view the command belongs to: it runs on that view's state from any screen, and
    /// a view's own key brings it to the front. Tab cycles through the views in the order
    /// the table first names them, so a row naming a new view is what registers it.
    public var view: (any RootScreen.Type)?

    public init(_ name: CommandName, _ title: String, group: CommandGroup, keys: [KeyPress],
                isDestructive: Bool = false, hint: String? = nil, arguments: [String] = [], changesData: Bool = false,
                screens: Set<ScreenKind>? = nil, argumentName: String? = nil, view: (any RootScreen.Type)? = nil) {
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
        self.scope = .normal
        self.view = view
    }

    /// A key of a mode: help does not list it; `hint` puts it on the mode's bottom line.
    public init(_ scope: KeyScope, _ name: CommandName, _ title: String, keys: [KeyPress], hint: String? = nil) {
        self.name = name
        self.title = title
        self.group = nil
        self.keys = keys
        self.isDestructive = false
        self.hint = hint
        self.arguments = []
        self.changesData = false
        self.screens = nil
        self.argumentName = nil
        self.scope = scope
        self.view = nil
    }

    /// True when it works on a screen of this kind.
    public func works(on kind: ScreenKind) -> Bool { screens?.contains(kind) ?? true }

    public static func == (a: Command, b: Command) -> Bool {
        a.name == b.name && a.title == b.title && a.group == b.group && a.keys == b.keys && a.isDestructive == b.isDestructive
            && a.hint == b.hint && a.arguments == b.arguments && a.changesData == b.changesData && a.screens == b.screens
            && a.argumentName == b.argumentName && a.scope == b.scope
            && a.view.map(ObjectIdentifier.init) == b.view.map(ObjectIdentifier.init)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(scope)
    }
}
