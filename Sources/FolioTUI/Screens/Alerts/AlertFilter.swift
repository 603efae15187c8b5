import FolioDomain
import FolioStore

/// How `/` reads an alert row (the inbox, the team's escalations): its account, kind and
/// reason as words; `owner:`, `tier:`, `kind:`, `sev:` and `state:` as qualifiers.
enum AlertFilter {
    static let keys = ["owner", "tier", "kind", "sev", "state"]

    static func matches(_ listing: AlertListing, _ filter: ListFilter, now: Int64) -> Bool {
        let a = listing.alert
        let text = SearchText.fold("\(listing.accountName) \(a.accountID) \(a.kind.title) \(a.reason) \(listing.owner)")
        return filter.matches(text: text) { key in
            switch key {
            case "owner": [listing.owner]
            case "tier": [listing.tier.rawValue, listing.tier.short]
            case "kind": [a.kind.rawValue, a.kind.title]
            case "sev": [a.severity.rawValue]
            case "state": [a.state.rawValue] + (a.isOverdue(at: now) ? ["overdue"] : [])
            default: []
            }
        }
    }
}

/// The inbox's order: what is not yet acknowledged first, worst severity first, overdue
/// first within a severity, then the nearest deadline; acknowledged and snoozed after, in
/// the same order.
enum InboxOrder {
    static func sorted(_ listings: [AlertListing], now: Int64) -> [AlertListing] {
        listings.enumerated().sorted { a, b in key(a.element.alert, now: now, index: a.offset) < key(b.element.alert, now: now, index: b.offset) }
            .map(\.element)
    }

    private static func key(_ alert: Alert, now: Int64, index: Int) -> (Int, Int, Int, Int64, Int) {
        let waiting = alert.state == .open ? 0 : alert.state == .resolved ? 2 : 1
        let severity = Alert.Severity.allCases.count - (Alert.Severity.allCases.firstIndex(of: alert.severity) ?? 0)
        let overdue = alert.isOverdue(at: now) ? 0 : 1
        return (waiting, severity, overdue, alert.dueBy, index)
    }
}
