import FolioDomain
import FolioStore

/// The orders the book can be shown in (`:sort NAME`).
public enum BookSort: String, CaseIterable, Sendable {
    /// What needs attention first, as `Book.entries` returns it.
    case attention
    /// Most revenue first.
    case arr
    /// Lowest score first; no score last.
    case score
    /// Soonest renewal first.
    case renewal
    /// A to Z.
    case name

    /// The entries' indices in this order; `entries` come in attention order.
    func order(_ entries: [BookEntry]) -> [Int] {
        let indices = Array(entries.indices)
        switch self {
        case .attention:
            return indices
        case .arr:
            return indices.sorted { (entries[$0].account.arr, $1) > (entries[$1].account.arr, $0) }
        case .score:
            return indices.sorted { (entries[$0].score ?? .infinity, $0) < (entries[$1].score ?? .infinity, $1) }
        case .renewal:
            return indices.sorted { (entries[$0].account.renewalDate, $0) < (entries[$1].account.renewalDate, $1) }
        case .name:
            let keys = entries.map { $0.account.name.lowercased() }
            return indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        }
    }
}

/// A parsed `/` filter: `band:red tier:ent stage:renewal` terms and free text, all of
/// which must match (any case; a term's value may be the start of the word).
public struct BookFilter: Hashable, Sendable {
    public var bands: [String] = []
    public var tiers: [String] = []
    public var stages: [String] = []
    public var words: [String] = []

    public init(_ text: String) {
        for token in text.lowercased().split(separator: " ") {
            let parts = token.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, !parts[1].isEmpty {
                switch parts[0] {
                case "band": bands.append(parts[1]); continue
                case "tier": tiers.append(parts[1]); continue
                case "stage": stages.append(parts[1]); continue
                default: break
                }
            }
            // A term still being typed ("band:") filters nothing yet.
            if parts.count == 2, parts[1].isEmpty, ["band", "tier", "stage"].contains(parts[0]) { continue }
            words.append(String(token))
        }
    }

    public var isEmpty: Bool { bands.isEmpty && tiers.isEmpty && stages.isEmpty && words.isEmpty }
}
