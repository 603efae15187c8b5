/// A parsed `/` filter, the same in every list: qualifiers the list knows (`owner:chen`,
/// `tier:ent`, `band:red`, `kind:health`, `sev:red`, `stage:renewal`) and free words. A
/// row matches when every word is in its text and every qualifier holds (two values of one
/// qualifier: either will do). Any case, accents folded (`kovacs` finds Kovács); a
/// qualifier's value may be the start of a word (`owner:chen` finds Chen Wei and chen.wei).
public struct ListFilter: Hashable, Sendable {
    /// Qualifier → the values asked for, folded.
    public private(set) var terms: [String: [String]] = [:]
    /// Free words, folded.
    public private(set) var words: [String] = []
    /// Qualifiers this list does not have (`kind:` on the book), for the line to say.
    public private(set) var unknown: [String] = []

    public init(_ text: String, keys: [String]) {
        for token in text.split(separator: " ") {
            let parts = token.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isLetter) else {
                words.append(SearchText.fold(String(token)))
                continue
            }
            let key = parts[0].lowercased()
            guard keys.contains(key) else {
                if !unknown.contains(key) { unknown.append(key) }
                continue
            }
            // A term still being typed ("band:") filters nothing yet.
            guard !parts[1].isEmpty else { continue }
            terms[key, default: []].append(SearchText.fold(parts[1]))
        }
    }

    public var isEmpty: Bool { terms.isEmpty && words.isEmpty }

    /// Whether a row matches: `text` is its searchable text, folded; `values` gives a
    /// qualifier's values for the row (as shown: "Chen Wei", "enterprise", "health drop").
    public func matches(text: String, values: (String) -> [String]) -> Bool {
        for word in words where !text.contains(word) { return false }
        for (key, wanted) in terms {
            let have = values(key).map(SearchText.fold)
            guard wanted.contains(where: { value in have.contains { SearchText.hasWord($0, startingWith: value) } }) else { return false }
        }
        return true
    }

    /// What the filter line says about qualifiers the list does not have.
    public func unknownNote(keys: [String]) -> String? {
        guard !unknown.isEmpty else { return nil }
        let names = unknown.map { "\($0):" }.joined(separator: " ")
        return "\(names) not here; this list knows \(keys.map { "\($0):" }.joined(separator: " "))"
    }
}
