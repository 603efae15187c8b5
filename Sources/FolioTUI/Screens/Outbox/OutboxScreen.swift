import FolioDomain
import FolioStore

extension ScreenKind {
    public static let outbox = ScreenKind("outbox", title: "the outbox (6)")
}

extension CommandName {
    public static let outbox = CommandName("outbox")
    public static let viewEmail = CommandName("view")
    public static let approve = CommandName("approve")
    public static let cancelEmail = CommandName("cancel")
}

/// The outbox (view 6): the book's emails, the next to go first. `v` reads the selected
/// one as the customer will, `A` approves a draft, `c` cancels one before it goes.
public struct OutboxScreen: RootScreen, ListScreen {
    public static let kind = ScreenKind.outbox

    public private(set) var listings: [OutboxListing] = []
    /// The moment "due" is judged at.
    public private(set) var now: Int64 = 0
    public var cursor = ListCursor()
    public private(set) var isLoaded = false

    public init() {}

    public mutating func load(_ listings: [OutboxListing], now: Int64) {
        let selected = selectedListing?.message.id
        self.listings = listings
        self.now = now
        isLoaded = true
        if let selected, let index = listings.firstIndex(where: { $0.message.id == selected }) { cursor.selection = index }
        cursor.clamp(count: listings.count)
    }

    public var selectedListing: OutboxListing? {
        listings.indices.contains(cursor.selection) ? listings[cursor.selection] : nil
    }

    // MARK: Screen

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        OutboxView.draw(self, app: app, into: &canvas, rect: rect)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        ScreenTitle("Outbox of \(app.viewer.bookName)", right: isLoaded ? "\(listings.count) emails " : "")
    }

    public var rowCount: Int { listings.count }

    public mutating func run(_ name: CommandName, argument: String?, in app: inout AppState) -> [Effect]? {
        switch name {
        case .viewEmail, .approve, .cancelEmail: act(name, in: &app)
        default: return nil
        }
        return []
    }

    public func reload(_ app: AppState) -> [Effect] { [Self.load(book: app.bookOwner)] }

    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] {
        if let loaded = loaded as? Loaded { load(loaded.listings, now: loaded.now) }
        return []
    }

    public var selectedAccount: AccountRef? {
        selectedListing.map { AccountRef(id: $0.message.accountID, name: $0.accountName) }
    }

    // MARK: Reading

    /// The book's emails, with the moment "due" is judged at.
    struct Loaded: Sendable {
        var listings: [OutboxListing]
        var now: Int64
    }

    static func load(book: String?) -> Effect {
        .load(ScreenLoad(ScreenID(kind), book: book) { store in
            let listings = try store.database.read { db in try Outbox.list(for: store.reader, scope: .natural(for: store.reader), in: db) }
            return Loaded(listings: listings, now: store.now)
        })
    }

    // MARK: Acting on the selected email

    /// `v` reads it, `A` approves a draft, `c` cancels one that has not gone: each asks first.
    private func act(_ name: CommandName, in app: inout AppState) {
        guard let listing = selectedListing, let id = listing.message.id else {
            app.flash = Flash("no email selected", kind: .error)
            return
        }
        let m = listing.message
        let who = "email \(id) to \(TerminalText.sanitize(m.toName)) (\(m.accountID))"
        let letter = ConfirmView.wrapped(Self.emailLines(listing), width: app.size.width)
        switch name {
        case .viewEmail:
            app.mode = .confirm(Confirmation(question: "Email \(id) \u{00B7} \(m.state.rawValue)", details: letter,
                                             yesLabel: "Close", onYes: [], cancelled: "closed"))
        case .approve:
            guard m.state == .draft else {
                app.flash = Flash("\(who) is \(Outbox.describe(m)), not a draft to approve", kind: .error)
                return
            }
            app.mode = .confirm(Confirmation(question: "Approve \(who)? It goes \(OutboxView.when(m)) or the next working hour after.",
                                             details: letter, yesLabel: "Approve",
                                             onYes: [.changeOutbox(id: id, .approve)], cancelled: "\(who) is still a draft"))
        case .cancelEmail:
            guard [.draft, .scheduled, .unconfirmed, .failed].contains(m.state) else {
                app.flash = Flash("\(who) is \(Outbox.describe(m)); only one that has not gone can be cancelled", kind: .error)
                return
            }
            app.mode = .confirm(Confirmation(question: "Cancel \(who)? Its sequence stops too.", details: letter,
                                             yesLabel: "Cancel email", onYes: [.changeOutbox(id: id, .cancel)],
                                             cancelled: "\(who) stays \(m.state.rawValue)"))
        default:
            break
        }
    }

    /// The email as the customer reads it: headers in words, then the body.
    static func emailLines(_ listing: OutboxListing) -> [String] {
        let m = listing.message
        var lines = ["From: \(m.fromName) <\(m.from)>", "To: \(m.toName) <\(m.to)>", "Subject: \(m.subject)",
                     "\(m.sequence), step \(m.step) \u{00B7} \(OutboxView.when(m)) \u{00B7} \(Outbox.describe(m))"]
        if let error = m.lastError { lines.append("last delivery error: \(error)") }
        if let reason = m.cancelReason { lines.append("cancelled: \(reason)") }
        lines.append("")
        lines += m.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines.map(TerminalText.sanitize)
    }
}
