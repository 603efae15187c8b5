import FolioDomain
import FolioStore

/// What the `/` filter looks at, prepared once per load so that a keystroke over 100,000
/// accounts is a scan of small codes and bytes, not of strings: each entry's band, tier
/// and stage as a number, and its lowercased "name id" as UTF-8 in one buffer.
struct BookSearchIndex: Sendable {
    /// Lowercased band names; an entry without a band is "none".
    private var bandNames: [String] = []
    private var bandCodes: [UInt8] = []
    private var tierCodes: [UInt8] = []
    private var stageCodes: [UInt8] = []
    /// Every entry's lowercased "name id", back to back; entry i is `text[starts[i]..<starts[i + 1]]`.
    private var text: [UInt8] = []
    private var starts: [Int] = [0]

    static let tiers = Account.Tier.allCases
    static let stages = LifecycleStage.allCases

    init() {}

    init(_ entries: [BookEntry]) {
        var bandIndex: [String: UInt8] = [:]
        bandCodes.reserveCapacity(entries.count)
        tierCodes.reserveCapacity(entries.count)
        stageCodes.reserveCapacity(entries.count)
        starts.reserveCapacity(entries.count + 1)
        for entry in entries {
            let band = (entry.band ?? "none").lowercased()
            let code: UInt8
            if let known = bandIndex[band] {
                code = known
            } else {
                code = UInt8(truncatingIfNeeded: bandNames.count)
                bandIndex[band] = code
                bandNames.append(band)
            }
            bandCodes.append(code)
            tierCodes.append(UInt8(Self.tiers.firstIndex(of: entry.account.tier) ?? 0))
            stageCodes.append(UInt8(Self.stages.firstIndex(of: entry.stage) ?? 0))
            text.append(contentsOf: (entry.account.name + " " + entry.account.id).lowercased().utf8)
            starts.append(text.count)
        }
    }

    /// The rows of `order` (entry indices) whose entries match, in that order.
    func rows(matching filter: BookFilter, in order: [Int]) -> [Int] {
        guard !filter.isEmpty else { return order }
        let bands = filter.bands.isEmpty ? nil : bandNames.map { name in filter.bands.contains { name.hasPrefix($0) } }
        let tiers = filter.tiers.isEmpty ? nil : Self.tiers.map { tier in
            filter.tiers.contains { tier.rawValue.hasPrefix($0) || tier.short.hasPrefix($0) }
        }
        let stages = filter.stages.isEmpty ? nil : Self.stages.map { stage in filter.stages.contains { stage.rawValue.hasPrefix($0) } }
        let words = filter.words.map { Array($0.utf8) }
        return text.withUnsafeBufferPointer { haystack in
            order.filter { entry in
                if let bands, !bands[Int(bandCodes[entry])] { return false }
                if let tiers, !tiers[Int(tierCodes[entry])] { return false }
                if let stages, !stages[Int(stageCodes[entry])] { return false }
                let slice = UnsafeBufferPointer(rebasing: haystack[starts[entry]..<starts[entry + 1]])
                for word in words where !Self.contains(slice, word) { return false }
                return true
            }
        }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (both lowercased UTF-8, so a
    /// match is a match of whole characters: UTF-8 never starts a character mid-sequence).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        let last = haystack.count - needle.count
        guard last >= 0 else { return false }
        var start = 0
        while start <= last {
            if haystack[start] == first {
                var matched = 1
                while matched < needle.count, haystack[start + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}
