/// What keys do right now.
public enum Mode: Sendable, Hashable {
    case normal
    /// Typing a `/` filter; the book filters as you type.
    case filter
    /// Typing a `:` command; `selection` is the highlighted completion.
    case command(input: String, selection: Int)
    /// The `?` screen, scrolled to a line.
    case help(scroll: Int)
    /// Filling in a form (snooze, resolve, log an activity, move a renewal).
    case form(Form)
    /// Answering a yes/no question; No is the default.
    case confirm(Confirmation)
}

extension Mode {
    /// The table of keys the mode takes (help scrolls with the normal table's keys).
    public var scope: KeyScope {
        switch self {
        case .normal, .help: .normal
        case .filter: .filter
        case .command: .palette
        case .form: .form
        case .confirm: .confirm
        }
    }
}
