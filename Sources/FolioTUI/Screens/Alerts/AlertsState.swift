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
