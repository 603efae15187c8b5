/// The screens: the stack on show (bottom first; the top is drawn and gets the keys), and
/// the views kept while others are on top. A view's state outlives its turn at the front
/// (its selection, its marks, what it read); a screen pushed over it (an account) goes
/// when it leaves the stack.
public struct ScreenStack: Sendable {
    private var kept: [ScreenID: any Screen] = [:]
    /// Bottom first.
    public private(set) var ids: [ScreenID]

    init(_ root: any RootScreen) {
        ids = [root.id]
        kept[root.id] = root
    }

    public var count: Int { ids.count }
    public var topID: ScreenID { ids[ids.count - 1] }
    /// The screen on top. Never read while it is taken out: `AppState.on` puts it back first.
    public var top: any Screen { kept[topID]! }

    /// The screen with this id, when it is kept.
    public subscript(id: ScreenID) -> (any Screen)? { kept[id] }

    /// A view's state, when it has been shown.
    public func view<View: RootScreen>(_ type: View.Type) -> View? { kept[ScreenID(View.kind)] as? View }

    /// Replaces a view's state (or keeps it for the first time).
    public mutating func keep(_ view: some RootScreen) { kept[view.id] = view }

    /// Takes a screen out to work on it; `put` returns it.
    mutating func take(_ id: ScreenID) -> (any Screen)? { kept.removeValue(forKey: id) }

    /// Returns a screen taken out: a view always, a pushed screen while it is on the stack.
    mutating func put(_ screen: any Screen) {
        if screen is any RootScreen || ids.contains(screen.id) { kept[screen.id] = screen }
    }

    /// Puts a screen on top of the stack.
    mutating func push(_ screen: any Screen) {
        ids.append(screen.id)
        kept[screen.id] = screen
    }

    /// Takes the top screen off (never the last one).
    mutating func pop() {
        guard ids.count > 1 else { return }
        let id = ids.removeLast()
        if !isView(id) { kept[id] = nil }
    }

    /// Makes a view the only screen on the stack.
    mutating func show(_ view: ScreenID) {
        for id in ids where id != view && !isView(id) { kept[id] = nil }
        ids = [view]
    }

    private func isView(_ id: ScreenID) -> Bool { kept[id].map { $0 is any RootScreen } ?? false }

    /// Every kept screen, changed in place (after `:as`, after a change went through).
    mutating func forEach(_ change: (inout any Screen) -> Void) {
        for id in Array(kept.keys) {
            guard var screen = kept.removeValue(forKey: id) else { continue }
            change(&screen)
            kept[id] = screen
        }
    }
}
