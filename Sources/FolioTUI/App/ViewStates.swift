import FolioDomain
import FolioStore

/// The alerts inbox: the alerts routed to the viewer, worst first then the nearest
/// deadline (as `AlertDesk.list` orders them), the selection and the marked ones.
public struct AlertsState: Sendable {
    public private(set) var listings: [AlertListing] = []
    /// The moment the SLA countdowns are judged at (from the load).
    public private(set) var now: Int64 = 0
    public var cursor = ListCursor()
    public var marks = Marks<Int64>()
    public private(set) var isLoaded = false

    public init() {}

    /// New listings; the selection stays on the same alert and marks on alerts still here.
    public mutating func load(_ listings: [AlertListing], now: Int64, height: Int) {
        let selected = selectedListing?.alert.id
        self.listings = listings
        self.now = now
        isLoaded = true
        marks.keep(listings.compactMap(\.alert.id))
        if let selected, let index = listings.firstIndex(where: { $0.alert.id == selected }) { cursor.selection = index }
        cursor.keepVisible(count: listings.count, height: height)
    }

    public var selectedListing: AlertListing? {
        listings.indices.contains(cursor.selection) ? listings[cursor.selection] : nil
    }

    /// What an action applies to: the marked alerts, else the selected one.
    public var targets: [AlertListing] {
        marks.isEmpty ? (selectedListing.map { [$0] } ?? []) : listings.filter { marks.contains($0.alert.id ?? -1) }
    }
}

/// Check-ins owed by the book, with the coverage rate.
public struct CheckInsState: Sendable {
    public var board: CheckInBoard?
    public var cursor = ListCursor()
    public init() {}

    public var lines: [CheckInBoard.Line] {
        (board?.lines ?? []).filter { $0.standing != .upcoming && $0.standing != .done }
    }

    public mutating func load(_ board: CheckInBoard, height: Int) {
        let selected = selectedLine.map { ($0.checkIn.accountID, $0.checkIn.due) }
        self.board = board
        if let selected, let index = lines.firstIndex(where: { ($0.checkIn.accountID, $0.checkIn.due) == selected }) { cursor.selection = index }
        cursor.keepVisible(count: lines.count, height: height)
    }

    public var selectedLine: CheckInBoard.Line? {
        let lines = self.lines
        return lines.indices.contains(cursor.selection) ? lines[cursor.selection] : nil
    }
}

/// The renewal pipeline and the open renewals; the selection is on an open renewal.
public struct RenewalsState: Sendable {
    public var board: RenewalBoard?
    public var cursor = ListCursor()
    public init() {}

    public mutating func load(_ board: RenewalBoard, height: Int) {
        let selected = selectedLine?.opportunity.id
        self.board = board
        if let selected, let index = board.open.firstIndex(where: { $0.opportunity.id == selected }) { cursor.selection = index }
        cursor.keepVisible(count: board.open.count, height: height)
    }

    public var selectedLine: RenewalBoard.Line? {
        guard let open = board?.open, open.indices.contains(cursor.selection) else { return nil }
        return open[cursor.selection]
    }
}

/// The outbox (view 6): the book's emails, the next to go first.
public struct OutboxState: Sendable {
    public private(set) var listings: [OutboxListing] = []
    /// The moment "due" is judged at.
    public private(set) var now: Int64 = 0
    public var cursor = ListCursor()
    public private(set) var isLoaded = false

    public init() {}

    public mutating func load(_ listings: [OutboxListing], now: Int64, height: Int) {
        let selected = selectedListing?.message.id
        self.listings = listings
        self.now = now
        isLoaded = true
        if let selected, let index = listings.firstIndex(where: { $0.message.id == selected }) { cursor.selection = index }
        cursor.keepVisible(count: listings.count, height: height)
    }

    public var selectedListing: OutboxListing? {
        listings.indices.contains(cursor.selection) ? listings[cursor.selection] : nil
    }

    /// Puts the selection on a message (after starting a sequence, its draft).
    public mutating func select(_ id: Int64, height: Int) {
        if let index = listings.firstIndex(where: { $0.message.id == id }) { cursor.selection = index }
        cursor.keepVisible(count: listings.count, height: height)
    }
}

/// The team: CSM rows, then the escalations; one selection runs through both.
public struct TeamState: Sendable {
    public var board: TeamBoard?
    public var cursor = ListCursor()
    public var marks = Marks<Int64>()
    public init() {}

    /// A selectable row of the team view.
    public enum Item: Sendable {
        case csm(TeamBoard.Line)
        case escalation(AlertListing)
    }

    public var items: [Item] {
        guard let board else { return [] }
        return board.rows.map(Item.csm) + board.escalations.map(Item.escalation)
    }

    public mutating func load(_ board: TeamBoard, height: Int) {
        let selectedKey = selectedItem.map(Self.key)
        self.board = board
        marks.keep(board.escalations.compactMap(\.alert.id))
        if let selectedKey, let index = items.firstIndex(where: { Self.key($0) == selectedKey }) { cursor.selection = index }
        cursor.keepVisible(count: items.count, height: height)
    }

    static func key(_ item: Item) -> String {
        switch item {
        case .csm(let row): "csm:" + row.login
        case .escalation(let listing): "alert:\(listing.alert.id ?? 0)"
        }
    }

    public var selectedItem: Item? {
        let items = self.items
        return items.indices.contains(cursor.selection) ? items[cursor.selection] : nil
    }

    /// The marked escalations, else the selected one.
    public var targets: [AlertListing] {
        let escalations = board?.escalations ?? []
        if !marks.isEmpty { return escalations.filter { marks.contains($0.alert.id ?? -1) } }
        if case .escalation(let listing) = selectedItem { return [listing] }
        return []
    }
}
