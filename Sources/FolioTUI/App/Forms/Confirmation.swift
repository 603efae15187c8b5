/// A yes/no question before a destructive or outbound action, in its own mode. No is the
/// default: Enter alone answers No until ← / → / Tab moves to Yes; `y` answers Yes at once,
/// `n` or Esc No. `onYes` are the effects that run on Yes (nothing runs on No).
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

    public init(question: String, details: [String] = [], yesLabel: String = "Yes", onYes: [Effect],
                cancelled: String = "nothing changed") {
        self.question = question
        self.details = details
        self.yesLabel = yesLabel
        self.onYes = onYes
        self.cancelled = cancelled
    }

    public enum Answer: Sendable, Hashable { case pending, yes, no }

    /// Applies a key: still pending (perhaps with the other button selected), or answered.
    public mutating func answer(_ key: KeyPress) -> Answer {
        switch key {
        case .char("y"), .char("Y"): return .yes
        case .char("n"), .char("N"), .escape, .char("q"): return .no
        case .enter: return isYesSelected ? .yes : .no
        case .left, .right, .tab, .backTab, .char("h"), .char("l"):
            isYesSelected.toggle()
            return .pending
        default:
            return .pending
        }
    }
}
