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
