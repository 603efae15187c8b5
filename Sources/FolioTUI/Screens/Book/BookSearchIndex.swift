import FolioDomain
import FolioStore

/// What the `/` filter looks at in the book, prepared once per load so that a keystroke
/// over 100,000 accounts is a scan of small codes and bytes, not of strings: each entry's
/// band, tier, stage, owner and worst alert as a number, and its folded "name id owner" as
/// UTF-8 in one buffer (accents off, so `kovacs` finds Kovács).
struct BookSearchIndex: Sendable {
    /// The distinct values of a qualifier (folded), and each entry's code into them.
    private struct Codes: Sendable {
        var names: [[String]] = []
        var index: [String: UInt32] = [:]
        var codes: [UInt32] = []

        mutating func add(_ values: [String]) {
            let key = values.joined(separator: "\u{1}")
            if let known = index[key] {
                codes.append(known)
                return
            }
            let code = UInt32(names.count)
            index[key] = code
            names.append(values.map(SearchText.fold))
            codes.append(code)
        }

        /// For each distinct value: whether it matches one of `wanted` (prefix of a word).
        func matching(_ wanted: [String]) -> [Bool] {
            names.map { values in wanted.contains { w in values.contains { SearchText.hasWord($0, startingWith: w) } } }
        }
    }

    /// The qualifiers the book knows.
    static let keys = ["band", "tier", "stage", "owner", "sev"]

    private var qualifiers: [String: Codes] = [:]
    /// Every entry's folded "name id owner", back to back; entry i is `text[starts[i]..<starts[i + 1]]`.
    private var text: [UInt8] = []
    private var starts: [Int] = [0]

    init() {}

    init(_ entries: [BookEntry]) {
        var qualifiers = Dictionary(uniqueKeysWithValues: Self.keys.map { ($0, Codes()) })
        starts.reserveCapacity(entries.count + 1)
        for entry in entries {
            qualifiers["band"]!.add([entry.band ?? "none"])
            qualifiers["tier"]!.add([entry.account.tier.rawValue, entry.account.tier.short])
            qualifiers["stage"]!.add([entry.stage.rawValue])
            qualifiers["owner"]!.add([entry.account.owner, entry.ownerName])
            qualifiers["sev"]!.add([entry.worstSeverity?.rawValue ?? "none"])
            text.append(contentsOf: SearchText.fold(entry.account.name + " " + entry.account.id + " " + entry.ownerName).utf8)
            starts.append(text.count)
        }
        self.qualifiers = qualifiers
    }

    /// The rows of `order` (entry indices) whose entries match, in that order.
    func rows(matching filter: ListFilter, in order: [Int]) -> [Int] {
        guard !filter.isEmpty else { return order }
        let tables: [(codes: [UInt32], matches: [Bool])] = filter.terms.compactMap { key, wanted in
            qualifiers[key].map { ($0.codes, $0.matching(wanted)) }
        }
        let words = filter.words.map { Array($0.utf8) }
        return text.withUnsafeBufferPointer { haystack in
            order.filter { entry in
                for table in tables where !table.matches[Int(table.codes[entry])] { return false }
                let slice = UnsafeBufferPointer(rebasing: haystack[starts[entry]..<starts[entry + 1]])
                for word in words where !Self.contains(slice, word) { return false }
                return true
            }
        }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (both folded UTF-8, so a match
    /// is a match of whole characters: UTF-8 never starts a character mid-sequence).
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
