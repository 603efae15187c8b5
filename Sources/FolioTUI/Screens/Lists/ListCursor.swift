/// Where a list view is: the selected row and the first row shown. Every list but the
/// book (which has its own, for 100,000 rows and a filter) moves with this.
public struct ListCursor: Sendable, Hashable {
    public var selection = 0
    public var scroll = 0

    public init() {}

    /// Moves by `delta` rows within `count`, keeping the selection inside `height` rows.
    public mutating func move(by delta: Int, count: Int, height: Int) {
        guard count > 0 else { selection = 0; scroll = 0; return }
        let clamped = max(min(delta, count), -count)
        selection = max(0, min(count - 1, selection &+ clamped))
        keepVisible(count: count, height: height)
    }

    public mutating func keepVisible(count: Int, height: Int) {
        let height = max(1, height)
        selection = min(max(0, selection), max(0, count - 1))
        if selection < scroll { scroll = selection }
        if selection >= scroll + height { scroll = selection - height + 1 }
        scroll = max(0, min(scroll, max(0, count - height)))
    }
}

/// The rows marked with Space in a list, by id: an action then applies to all of them.
public struct Marks<ID: Hashable & Sendable>: Sendable, Hashable {
    public private(set) var ids: Set<ID> = []

    public init() {}

    public mutating func toggle(_ id: ID) {
        if ids.contains(id) { ids.remove(id) } else { ids.insert(id) }
    }

    public func contains(_ id: ID) -> Bool { ids.contains(id) }
    public var isEmpty: Bool { ids.isEmpty }
    public var count: Int { ids.count }
    public mutating func clear() { ids.removeAll() }

    /// Keeps only the ids still present (after a reload).
    public mutating func keep(_ present: some Sequence<ID>) { ids.formIntersection(present) }
}
