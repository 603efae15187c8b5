import FolioDomain
import FolioStore

extension ScreenKind {
    public static let huddle = ScreenKind("huddle", title: "the huddle")
}

/// Huddle mode (`H` in the team view): the team's escalations one at a time — the
/// account's story, the alert's trail, the CSM's last touch — with a decision recorded
/// for each (Enter: owner, next step, due day); j/k walk them, and past the last one the
/// huddle's decisions are a list.
public struct HuddleScreen: Screen {
    public static let kind = ScreenKind.huddle

    /// The escalations, in the team view's order (the marked ones, else all).
    public var alertIDs: [Int64]
    /// From when its decisions count: the start of the as-of day (a huddle is a day's).
    public var startedAt: Int64
    public var items: [HuddleItem]?
    /// The escalation shown; `items.count` is the list of decisions.
    public var index = 0
    public var scroll = 0
    public var error: String?

    public init(alertIDs: [Int64], startedAt: Int64) {
        self.alertIDs = alertIDs
        self.startedAt = startedAt
    }

    public var current: HuddleItem? { items.flatMap { index < $0.count ? $0[index] : nil } }

    // MARK: Screen

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        HuddleView.draw(self, app: app, into: &canvas, rect: rect)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        let count = items?.count ?? alertIDs.count
        let decided = items?.filter { $0.decision != nil }.count ?? 0
        let where_ = index < count ? "escalation \(index + 1) of \(count)" : "decisions"
        return ScreenTitle("Huddle \(app.glyphs.dot) \(where_)", right: "\(decided) of \(count) decided ")
    }

    public mutating func settle(_ shown: Viewport) { scroll = shown.scroll }

    /// j/k (and the page keys) walk the escalations; one past the last is the decisions.
    public mutating func move(by rows: Int) {
        let count = items?.count ?? 0
        let step = max(min(rows, 1_000), -1_000)
        // The decisions page scrolls when longer than the screen; above its top, k walks back.
        if index == count, count > 0, step > 0 || scroll > 0 {
            scroll = max(0, scroll + step)
            return
        }
        let next = max(0, min(count, index &+ max(min(rows, 1_000), -1_000)))
        if next != index { scroll = 0 }
        index = next
    }

    public mutating func run(_ name: CommandName, argument: String?, in app: inout AppState) -> [Effect]? {
        guard name == .open else { return nil }
        guard let item = current, let id = item.alert.id else {
            app.flash = Flash(index == (items?.count ?? 0) ? "the huddle's decisions; k goes back to the escalations, Esc leaves" : "nothing to decide")
            return []
        }
        let people = (app.people ?? []).map(\.login)
        app.mode = .form(Forms.huddleDecision(alertID: id, accountID: item.account.id, accountName: item.account.name,
                                              owner: item.decision?.owner ?? item.account.owner, asOf: app.viewer.asOf, people: people))
        return app.people == nil ? [.loadPeople] : []
    }

    public func reload(_ app: AppState) -> [Effect] { [Self.load(alertIDs, since: startedAt, book: app.bookOwner)] }

    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] {
        if let loaded = loaded as? [HuddleItem] {
            items = loaded
            index = min(index, loaded.count)
            error = nil
        }
        return []
    }

    public mutating func loadFailed(_ error: any Error, in app: inout AppState) {
        self.error = "\(error)"
        app.flash = Flash("could not load the huddle: \(error)", kind: .error)
    }

    public func hidesHint(_ name: CommandName, isRoot: Bool) -> Bool { name == .filter }

    public var selectedAccount: AccountRef? {
        current.map { AccountRef(id: $0.account.id, name: $0.account.name, owner: $0.account.owner) }
    }

    public func alertTargets(for command: CommandName) -> [AlertTarget] {
        current.map { [AlertTarget($0.alert, accountName: $0.account.name)] } ?? []
    }

    // MARK: Reading

    static func load(_ ids: [Int64], since: Int64, book: String?) -> Effect {
        .load(ScreenLoad(ScreenID(.huddle), book: book, inBackground: false) { store in
            try store.database.read { db in try Huddle.agenda(alerts: ids, since: since, asOf: store.asOf, in: db) }
        })
    }
}

/// `H` in the team view: a huddle over the marked escalations, else all of them.
func startHuddle(in state: inout AppState) -> [Effect] {
    guard let team = state.screen as? TeamScreen else {
        state.flash = Flash("H starts a huddle from the team view (5)", kind: .error)
        return []
    }
    // Typed ahead before the team has loaded: "no escalations" would be untrue.
    guard team.board != nil else {
        state.flash = Flash("the team is still loading: press H again when the escalations show")
        return []
    }
    let ids = team.alertTargets(for: .huddle).count > 1 ? team.alertTargets(for: .huddle).compactMap(\.alert.id)
        : team.escalations.compactMap(\.alert.id)
    guard !ids.isEmpty else {
        state.flash = Flash("no escalations to walk through: the team has no open alert waiting on a manager")
        return []
    }
    let screen = HuddleScreen(alertIDs: ids, startedAt: Int64(state.viewer.asOf.ordinal) * 86_400)
    state.screens.push(screen)
    state.flash = Flash("huddle over \(ids.count) escalation\(ids.count == 1 ? "" : "s"): Enter records a decision, j the next one")
    return screen.reload(state) + (state.people == nil ? [.loadPeople] : [])
}
