import FolioDomain

/// What was typed in a line before (the `/` filters, the `:` commands), newest last: ↑
/// brings back the one before, ↓ the one after and at last what was being typed.
public struct LineHistory: Sendable, Hashable {
    public private(set) var entries: [String] = []
    /// The entry on show while going back; nil while typing.
    private var position: Int?
    /// What was being typed when going back began.
    private var draft = ""

    static let limit = 200

    public init(_ entries: [String] = []) {
        self.entries = Array(entries.suffix(Self.limit))
    }

    /// Keeps a finished line (not a blank one, not the same as the last); going back starts afresh.
    public mutating func add(_ line: String) {
        position = nil
        let trimmed = line.trimmingWhitespace
        guard !trimmed.isEmpty, entries.last != trimmed else { return }
        entries.removeAll { $0 == trimmed }
        entries.append(trimmed)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
    }

    /// ↑: the entry before the one on show (or the newest), keeping `current` to come back to.
    public mutating func back(from current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        if position == nil { draft = current }
        let next = max(0, (position ?? entries.count) - 1)
        position = next
        return entries[next]
    }

    /// ↓: the entry after, or what was being typed.
    public mutating func forward() -> String? {
        guard let position else { return nil }
        if position + 1 < entries.count {
            self.position = position + 1
            return entries[position + 1]
        }
        self.position = nil
        return draft
    }

    /// Typing again: the next ↑ starts from the newest.
    public mutating func resetPosition() { position = nil }
}
