/// A yes/no question before a destructive or outbound action, in its own mode. No is the
/// default: Enter alone answers No until ← / → / Tab moves to Yes; `y` answers Yes at once,
/// `n` or Esc No. `onYes` are the effects that run on Yes (nothing runs on No). Long
/// details (a preview of every email of a sequence) scroll with ↑/↓, j/k, PgUp/PgDn.
public struct Confirmation: Sendable, Hashable {
    public var question: String
    /// Lines under the question: what exactly will change.
    public var details: [String]
    /// The word on the Yes button ("Move", "Send").
    public var yesLabel: String
    public var onYes: [Effect]
    /// Said in the flash when the answer is No.
    public var cancelled: String
    public var isYesSelected = false
    /// The first detail line shown.
    public var scroll = 0

    public init(question: String, details: [String] = [], yesLabel: String = "Yes", onYes: [Effect],
                cancelled: String = "nothing changed") {
        self.question = question
        self.details = details
        self.yesLabel = yesLabel
        self.onYes = onYes
        self.cancelled = cancelled
    }

    public enum Answer: Sendable, Hashable { case pending, yes, no }

    /// Applies a key, as the keymap binds it in a question: still pending (perhaps with
    /// the other button selected), or answered.
    public mutating func answer(_ key: KeyPress, keymap: Keymap = .standard) -> Answer {
        apply(keymap.command(for: key, in: .confirm))
    }

    /// Applies a command of the question's table.
    public mutating func apply(_ name: CommandName?) -> Answer {
        switch name {
        case .answerYes: return .yes
        case .answerNo, .closeQuestion: return .no
        case .answerChosen: return isYesSelected ? .yes : .no
        case .choosePrevious, .chooseNext:
            // Two buttons: either way is the other one.
            isYesSelected.toggle()
            return .pending
        case .moveDown, .moveUp, .pageDown, .pageUp:
            let step = name == .pageDown ? 10 : name == .pageUp ? -10 : name == .moveDown ? 1 : -1
            scroll = max(0, min(max(0, details.count - 1), scroll + step))
            return .pending
        default:
            return .pending
        }
    }
}
