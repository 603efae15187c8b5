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
public struct OutboxScreen: RootScreen, ListScreen, FilterableScreen {
    public static let kind = ScreenKind.outbox

    /// Every email read.
    public private(set) var all: [OutboxListing] = []
    /// Those the `/` filter lets through: the rows.
    public private(set) var listings: [OutboxListing] = []
    public private(set) var filterText = ""
    /// The moment "due" is judged at.
    public private(set) var now: Int64 = 0
    public var cursor = ListCursor()
    public private(set) var isLoaded = false

    public init() {}

    public mutating func load(_ listings: [OutboxListing], now: Int64) {
        let selected = selectedListing?.message.id
        all = listings
        self.now = now
        isLoaded = true
        refilter()
        if let selected, let index = self.listings.firstIndex(where: { $0.message.id == selected }) { cursor.selection = index }
        cursor.clamp(count: self.listings.count)
    }

    public static let filterKeys = ["owner", "tier", "state"]
    public var filterKeys: [String] { Self.filterKeys }

    public mutating func filter(by text: String) {
        filterText = text
        refilter()
        cursor = ListCursor()
    }

    private mutating func refilter() {
        let filter = ListFilter(filterText, keys: Self.filterKeys)
        listings = filter.isEmpty ? all : all.filter { listing in
            let m = listing.message
            return filter.matches(text: SearchText.fold("\(listing.accountName) \(m.accountID) \(m.toName) \(m.to) \(m.subject) \(m.sequence)")) { key in
                switch key {
                case "owner": [listing.owner]
                case "tier": [listing.tier.rawValue, listing.tier.short]
                case "state": [m.state.rawValue]
                default: []
                }
            }
        }
        cursor.clamp(count: listings.count)
    }

    /// Esc clears the filter first.
    public mutating func back(in app: inout AppState) -> Bool {
        guard !filterText.isEmpty else { return false }
        filter(by: "")
        return true
    }

    public var selectedListing: OutboxListing? {
        listings.indices.contains(cursor.selection) ? listings[cursor.selection] : nil
    }

    // MARK: Screen

    public func draw(_ app: AppState, into canvas: inout Canvas, rect: Canvas.Rect) -> Viewport {
        OutboxView.draw(self, app: app, into: &canvas, rect: rect)
    }

    public func title(_ app: AppState, shown: Viewport) -> ScreenTitle {
        let filter = filterText.isEmpty || app.mode.isTyping ? "" : "filter: \(filterText) \(app.glyphs.dot) "
        let count = listings.count == all.count ? "\(all.count) emails" : "\(listings.count) of \(all.count) emails"
        return ScreenTitle("Outbox of \(app.viewer.bookName)", right: isLoaded ? "\(filter)\(count) " : "")
    }

    public var rowCount: Int { listings.count }

    public mutating func run(_ name: CommandName, argument: String?, in app: inout AppState) -> [Effect]? {
        switch name {
        case .viewEmail, .approve, .cancelEmail: return act(name, in: &app)
        default: return nil
        }
    }

    public func reload(_ app: AppState) -> [Effect] { [Self.load(book: app.bookOwner)] }

    public mutating func receive(_ loaded: any Sendable, in app: inout AppState) -> [Effect] {
        switch loaded {
        case let loaded as Loaded:
            load(loaded.listings, now: loaded.now)
        case let approval as Approval:
            askToApprove(approval, in: &app)
        default:
            break
        }
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

    /// When a draft would go if approved now, as the store will set it.
    struct Approval: Sendable {
        var id: Int64
        /// nil: no longer a draft.
        var goes: Int64?
    }

    /// The time approving would set, read just before asking.
    static func approvalTime(_ id: Int64, book: String?) -> Effect {
        .load(ScreenLoad(ScreenID(kind), request: "approval \(id)", book: book, inBackground: false) { store in
            guard let sequences = store.sequences else { throw ChangeRefusal.noSequences }
            let goes = try store.database.read { db in try Outbox(library: sequences).approvalTime(of: id, now: store.now, in: db) }
            return Approval(id: id, goes: goes)
        })
    }

    /// The question, with the very time approving sets.
    private func askToApprove(_ approval: Approval, in app: inout AppState) {
        guard let listing = listings.first(where: { $0.message.id == approval.id }) else { return }
        let m = listing.message
        let who = "email \(approval.id) to \(TerminalText.sanitize(m.toName)) (\(m.accountID))"
        guard let goes = approval.goes else {
            app.flash = Flash("\(who) is no longer a draft", kind: .error)
            return
        }
        let letter = ConfirmView.wrapped(Self.emailLines(listing), width: app.size.width)
        app.mode = .confirm(Confirmation(question: "Approve \(who)? It goes \(Moment(seconds: goes).utc).",
                                         details: letter, yesLabel: "Approve",
                                         onYes: [.changeOutbox(id: approval.id, .approve)], cancelled: "\(who) is still a draft"))
    }

    /// `v` reads it, `A` approves a draft (after reading when it would go), `c` cancels one
    /// that has not gone: each asks first.
    private func act(_ name: CommandName, in app: inout AppState) -> [Effect] {
        guard let listing = selectedListing, let id = listing.message.id else {
            app.flash = Flash("no email selected", kind: .error)
            return []
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
                return []
            }
            return [Self.approvalTime(id, book: app.bookOwner)]
        case .cancelEmail:
            guard [.draft, .scheduled, .unconfirmed, .failed].contains(m.state) else {
                app.flash = Flash("\(who) is \(Outbox.describe(m)); only one that has not gone can be cancelled", kind: .error)
                return []
            }
            app.mode = .confirm(Confirmation(question: "Cancel \(who)? Its sequence stops too.", details: letter,
                                             yesLabel: "Cancel email", onYes: [.changeOutbox(id: id, .cancel)],
                                             cancelled: "\(who) stays \(m.state.rawValue)"))
        default:
            break
        }
        return []
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
