import FolioDomain
import FolioStore

extension ScreenKind {
    public static let account = ScreenKind("account", title: "an account")
}

/// One account, over the view it was opened from (Enter): who it is, why it scores what
/// it does, what changed, usage, activities, contacts. It scrolls as a page.
public struct AccountScreen: Screen {
    public static let kind = ScreenKind.account

    public var accountID: String
    public var name: String
    public var page: AccountPage?
    /// The first line shown (as the last frame left it).
    public var scroll: Int = 0
    public var error: String?

    public init(accountID: String, name: String) {
        self.accountID = accountID
        self.name = name
    }

    public var id: ScreenID { ScreenID(.account, key: accountID) }

    // MARK: Screen

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        AccountView.draw(self, app: app, into: &canvas, rect: rect)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        ScreenTitle(name, right: shown.linesText(glyphs: app.glyphs))
    }

    public mutating func settle(_ shown: Viewport) { scroll = shown.scroll }

    public mutating func move(by rows: Int) {
        scroll = max(0, scroll &+ max(min(rows, 1_000_000), -1_000_000))
    }

    /// `a`, `s` and `x` act on the account's open alerts; without one, it says so.
    public mutating func run(_ name: CommandName, argument: String?, in app: inout AppState) -> [Effect]? {
        guard [.acknowledge, .snooze, .resolve].contains(name), alertTargets(for: name).isEmpty else { return nil }
        app.flash = Flash("this account has no open alert", kind: .error)
        return []
    }

    public func reload(_ app: AppState) -> [Effect] { [Self.load(accountID, book: app.bookOwner)] }

    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] {
        switch loaded as? Loaded {
        case .page(var page):
            if page.entry == nil { page.entry = app.book.entries.first { $0.account.id == page.account.id } }
            self.page = page
            error = nil
        case .gone:
            let message = "account \(accountID) is gone"
            error = message
            app.flash = Flash(message, kind: .error)
        case nil:
            break
        }
        return []
    }

    public mutating func loadFailed(_ error: any Error, in app: inout AppState) {
        let message = "could not load \(accountID): \(error)"
        self.error = message
        app.flash = Flash(message, kind: .error)
    }

    /// Nothing further to open from here.
    public func hidesHint(_ name: CommandName, isRoot: Bool) -> Bool {
        name == .open || name == .filter || (name == .back && isRoot)
    }

    public var selectedAccount: AccountRef? { AccountRef(id: accountID, name: name) }

    /// The account's open alerts; `a` leaves out those already acknowledged.
    public func alertTargets(for command: CommandName) -> [AlertTarget] {
        let open = (page?.detail.alerts ?? []).filter(\.isOpen)
        return open.filter { command != .acknowledge || $0.state != .acknowledged }.map { AlertTarget($0, accountName: name) }
    }

    public var selectedRenewal: (opportunity: RenewalOpportunity, accountName: String)? {
        page?.detail.renewal.map { ($0, name) }
    }

    // MARK: Reading

    /// The page, or the account no longer there.
    enum Loaded: Sendable {
        case page(AccountPage)
        case gone
    }

    /// The whole page, waited for (it is one account).
    static func load(_ id: String, book: String?) -> Effect {
        .load(ScreenLoad(ScreenID(.account, key: id), book: book, inBackground: false) { store in
            try store.database.read { db -> Loaded in
                guard let account = try Account.find(id: id, in: db) else { return .gone }
                let profile = store.profile
                let explanation = try AccountExplanation.load(account: account, asOf: store.asOf, profile: profile, in: db)
                let detail = try AccountDetail.load(accountID: id, asOf: store.asOf, in: db)
                let owner = try AccountDetail.userName(account.owner, in: db) ?? account.owner
                let ae = try account.ae.map { try AccountDetail.userName($0, in: db) ?? $0 }
                let sources = Dictionary(profile.measures(for: account.tier).map { ($0.name, $0.source) }, uniquingKeysWith: { a, _ in a })
                return .page(AccountPage(account: account, ownerName: owner, aeName: ae, entry: nil, explanation: explanation,
                                         detail: detail, bands: store.bands) { name, value in
                    sources[name]?.format(value) ?? AccountView.format1(value)
                })
            }
        })
    }
}
