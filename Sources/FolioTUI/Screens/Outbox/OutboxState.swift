import FolioDomain
import FolioStore

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
