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

    /// Applies a key: still pending (perhaps with the other button selected), or answered.
    public mutating func answer(_ key: KeyPress) -> Answer {
        switch key {
        case .char("y"), .char("Y"): return .yes
        case .char("n"), .char("N"), .escape, .char("q"): return .no
        case .enter: return isYesSelected ? .yes : .no
        case .left, .right, .tab, .backTab, .char("h"), .char("l"):
            isYesSelected.toggle()
            return .pending
        case .down, .char("j"), .up, .char("k"), .pageDown, .pageUp:
            let step = key == .pageDown ? 10 : key == .pageUp ? -10 : (key == .down || key == .char("j")) ? 1 : -1
            scroll = max(0, min(max(0, details.count - 1), scroll + step))
            return .pending
        default:
            return .pending
        }
    }
}
