import Testing
@testable import FolioTUI

/// The filter's prepared index: byte search over lowercased UTF-8, and the sort order
/// it filters within.
@Suite struct BookSearchIndexTests {
    typealias F = InterfaceFixtures

    @Test func byteSearch() {
        let cases: [(String, String, Bool)] = [
            ("ferrovia verde acc-0001", "", true), ("ferrovia verde acc-0001", "ferro", true), ("ferrovia verde acc-0001", "0001", true),
            ("ferrovia verde acc-0001", "verde a", true), ("ferrovia verde acc-0001", "verdi", false), ("abc", "abcd", false),
            ("aab", "ab", true), ("kovács & társa", "ács &", true), ("kovács", "acs", false), ("上海青松软件", "青松", true),
            ("café crème 😀 group", "😀 g", true), ("", "a", false),
        ]
        for (haystack, needle, expected) in cases {
            let bytes = Array(haystack.utf8)
            let found = bytes.withUnsafeBufferPointer { BookSearchIndex.contains($0, Array(needle.utf8)) }
            #expect(found == expected, "\(needle) in \(haystack)")
        }
    }

    @Test func filteringKeepsTheChosenSortAndSurvivesAReload() {
        var state = F.state()
        _ = reduce(&state, .run(.sort, argument: "arr"))
        state.book.filterText = "tier:ent"
        let arrs = state.book.rows.map { state.book.entries[$0].account.arr }
        #expect(arrs.count == 3 && arrs == arrs.sorted(by: >))
        _ = reduce(&state, .bookLoaded(LoadedBook(Array(F.entries.reversed()), scoresAsOf: F.asOf)))
        #expect(state.book.rows.map { state.book.entries[$0].account.arr } == arrs)
        state.book.filterText = ""
        #expect(state.book.rows.count == F.entries.count)
    }
}
