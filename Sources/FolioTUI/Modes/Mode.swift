/// What keys do right now.
public enum Mode: Sendable, Hashable {
    case normal
    /// Typing a `/` filter: the list on top filters as you type.
    case filter(TextInput)
    /// Typing a `:` command; `selection` is the highlighted completion.
    case command(input: TextInput, selection: Int)
    /// The `?` screen, scrolled to a line, perhaps searched (`/` in help).
    case help(scroll: Int, search: HelpSearch? = nil)
    /// Filling in a form (snooze, resolve, log an activity, move a renewal).
    case form(Form)
    /// Answering a yes/no question; No is the default.
    case confirm(Confirmation)
}

/// A search of the help screen: the words, and whether the line is still being typed.
public struct HelpSearch: Sendable, Hashable {
    public var input: TextInput
    public var isTyping: Bool

    public init(_ input: TextInput = "", isTyping: Bool = true) {
        self.input = input
        self.isTyping = isTyping
    }
}

extension Mode {
    /// The table of keys the mode takes (help scrolls with the normal table's keys, and
    /// its search line types with the filter's).
    public var scope: KeyScope {
        switch self {
        case .normal: .normal
        case .help(_, let search): search?.isTyping == true ? .filter : .normal
        case .filter: .filter
        case .command: .palette
        case .form: .form
        case .confirm: .confirm
        }
    }

    /// A line being typed: the bottom line shows it with its cursor.
    var isTyping: Bool {
        switch self {
        case .filter, .command: true
        case .help(_, let search): search?.isTyping == true
        default: false
        }
    }
}
