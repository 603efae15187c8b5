/// Where a list view is: the selected row, and the first row the last frame showed. Every
/// list but the book (which has its own, for 100,000 rows and a filter) moves with this;
/// what is visible is worked out while drawing (`scroll(count:height:)`).
public struct ListCursor: Sendable, Hashable {
    public var selection = 0
    public var scroll = 0

    public init() {}

    /// Moves by `delta` rows within `count`.
    public mutating func move(by delta: Int, count: Int) {
        guard count > 0 else { selection = 0; scroll = 0; return }
        let clamped = max(min(delta, count), -count)
        selection = max(0, min(count - 1, selection &+ clamped))
    }

    /// Keeps the selection on a row after the list changed.
    public mutating func clamp(count: Int) {
        selection = min(max(0, selection), max(0, count - 1))
    }

    /// The first row to show in `height` rows: from where the last frame was, as little
    /// moved as keeps the selection in sight, and no empty rows under the last.
    public func scroll(count: Int, height: Int) -> Int {
        Self.scroll(showing: selection, from: scroll, count: count, height: height)
    }

    public static func scroll(showing selection: Int, from scroll: Int, count: Int, height: Int) -> Int {
        let height = max(1, height)
        let selection = min(max(0, selection), max(0, count - 1))
        var scroll = scroll
        if selection < scroll { scroll = selection }
        if selection >= scroll + height { scroll = selection - height + 1 }
        return max(0, min(scroll, max(0, count - height)))
    }

    /// A page of lines without a selection (the account, the dashboard, help): the first
    /// line to show, so the last page is full.
    public static func scroll(lines scroll: Int, count: Int, height: Int) -> Int {
        max(0, min(scroll, count - max(0, height)))
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
