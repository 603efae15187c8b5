import FolioDomain
import FolioStore
import Testing
@testable import FolioTUI

/// The reducer, driven by command name (as lazygit's integration tests press keys by
/// binding name), plus the input modes that take raw keys.
@Suite struct ReducerTests {
    typealias F = InterfaceFixtures

    func selectedID(_ state: AppState) -> String? { state.book.selectedEntry?.account.id }

    @Test func movingThroughTheBook() {
        var state = F.state()
        state.drawFrame()
        // The rows the table had room for at 80×24: the screen less title, header, status and hints.
        let rows = state.shown?.height ?? 0
        #expect(rows == 20)
        #expect(selectedID(state) == "ACC-0001")
        state.step(.run(.moveDown))
        state.step(.run(.moveDown))
        #expect(selectedID(state) == "ACC-0003")
        state.step(.run(.moveUp))
        #expect(selectedID(state) == "ACC-0002")
        state.step(.run(.moveUp))
        state.step(.run(.moveUp))
        #expect(state.book.selection == 0)
        state.step(.run(.bottom))
        #expect(state.book.selection == F.entries.count - 1)
        #expect(state.book.scroll == F.entries.count - rows)
        state.step(.run(.top))
        #expect(state.book.selection == 0 && state.book.scroll == 0)
        state.step(.run(.pageDown))
        #expect(state.book.selection == rows - 1)
        state.step(.run(.pageDown))
        #expect(state.book.scroll > 0)
        #expect(state.book.selection - state.book.scroll < rows)
        state.step(.run(.pageUp))
        state.step(.run(.pageUp))
        #expect(state.book.selection == 0)
    }

    @Test func theFrameKeepsTheSelectionInSightAndScrollsFromWhereItWas() {
        var state = F.state(width: 80, height: 24)
        for _ in 0..<25 { _ = reduce(&state, .run(.moveDown)) }
        state.drawFrame()
        #expect(state.book.scroll == 25 - 20 + 1, "as little moved as shows the selection")
        for _ in 0..<3 { state.step(.run(.moveUp)) }
        #expect(state.book.scroll == 6, "moving up inside the page does not scroll")
    }

    @Test func keysDispatchThroughTheKeymap() {
        var state = F.state()
        let cases: [(KeyPress, String)] = [(.char("j"), "ACC-0002"), (.down, "ACC-0003"), (.char("k"), "ACC-0002"), (.up, "ACC-0001"),
                                           (.char("G"), "ACC-0040"), (.char("g"), "ACC-0001"), (.end, "ACC-0040"), (.home, "ACC-0001")]
        for (key, id) in cases {
            _ = reduce(&state, .key(key))
            #expect(selectedID(state) == id, "after \(key)")
        }
    }

    @Test func openLoadsTheAccountAndBackReturns() {
        var state = F.state()
        _ = reduce(&state, .run(.moveDown))
        let effects = reduce(&state, .run(.open))
        #expect(effects == [.loadAccount(id: "ACC-0002")])
        guard let screen = state.screen as? AccountScreen else { Issue.record("no account screen"); return }
        #expect(screen.page == nil && screen.name == "Kovács & Társa Építőipari Kft.")
        _ = reduce(&state, .run(.back))
        #expect(state.screen.kind == .book)
        #expect(selectedID(state) == "ACC-0002")
        _ = reduce(&state, .run(.open))
        _ = reduce(&state, .run(.quit))
        #expect(state.screen.kind == .book && !state.isQuitting)
        _ = reduce(&state, .run(.quit))
        #expect(state.isQuitting)
    }

    @Test func theAccountPageScrollsWithinItsLength() {
        var state = F.accountState(width: 80, height: 24)
        state.drawFrame()
        guard let screen = state.screen as? AccountScreen, let page = screen.page else { Issue.record("not loaded"); return }
        #expect(screen.scroll == 0)
        let total = AccountView.lines(for: page, width: 80, asOf: F.asOf, glyphs: .unicode).count
        // The lines there was room for: the screen less title, status and hints.
        let height = state.shown?.height ?? 0
        #expect(height == 21 && total > height)
        state.step(.run(.bottom))
        guard let bottom = state.screen as? AccountScreen else { return }
        #expect(bottom.scroll == total - height)
        state.step(.run(.moveDown))
        guard let still = state.screen as? AccountScreen else { return }
        #expect(still.scroll == bottom.scroll)
        state.step(.run(.moveUp))
        guard let up = state.screen as? AccountScreen else { return }
        #expect(up.scroll == bottom.scroll - 1, "up from the bottom is one line up")
        state.step(.run(.top))
        guard let top = state.screen as? AccountScreen else { return }
        #expect(top.scroll == 0)
    }

    @Test func filterAsYouTypeWithTermsAndEscapeClears() {
        var state = F.state()
        _ = reduce(&state, .run(.filter))
        #expect(state.mode == .filter)
        for character in "band:red" { _ = reduce(&state, .key(.char(character))) }
        #expect(state.book.rows.map { state.book.entries[$0].account.id } == ["ACC-0001", "ACC-0002"])
        for character in " kov" { _ = reduce(&state, .key(.char(character))) }
        #expect(state.book.rows.count == 1)
        _ = reduce(&state, .key(.enter))
        #expect(state.mode == .normal && state.book.filterText == "band:red kov")
        _ = reduce(&state, .run(.back))
        #expect(state.book.filterText.isEmpty && state.book.rows.count == F.entries.count)

        _ = reduce(&state, .run(.filter))
        for character in "tier:ent stage:renewal" { _ = reduce(&state, .key(.char(character))) }
        #expect(state.book.rows.map { state.book.entries[$0].account.id } == ["ACC-0003"])
        _ = reduce(&state, .key(.escape))
        #expect(state.mode == .normal && state.book.filterText.isEmpty)
    }

    @Test func filterTermsTable() {
        let cases: [(String, Int)] = [("band:green", 32), ("band:y", 5), ("band:none", 1), ("tier:ent", 3), ("tier:smb", 12),
                                      ("stage:onboarding", 1), ("stage:adoption", 1), ("acc-0004", 1), ("上海", 1), ("😀", 1),
                                      ("BAND:RED FERROVIA", 1), ("nothing-like-this", 0), ("band:", 40)]
        for (text, count) in cases {
            var state = F.state()
            state.book.filterText = text
            #expect(state.book.rows.count == count, "filter \(text)")
        }
    }

    @Test func nextAndPreviousMatchCycleThroughTheFilteredRows() {
        var state = F.state()
        _ = reduce(&state, .run(.nextMatch))
        #expect(state.flash?.text.contains("no filter") == true)
        state.book.filterText = "band:red"
        _ = reduce(&state, .run(.nextMatch))
        #expect(selectedID(state) == "ACC-0002")
        _ = reduce(&state, .run(.nextMatch))
        #expect(selectedID(state) == "ACC-0001")
        _ = reduce(&state, .run(.previousMatch))
        #expect(selectedID(state) == "ACC-0002")
    }

    @Test func theFirstRowsShowAtOnceAndTheWholeBookFollows() {
        var state = AppState(size: ScreenSize(width: 100, height: 24), glyphs: .unicode, viewer: F.viewer, bands: F.bands)
        #expect(Effect.start(state) == [.loadBookStart(rows: 100)])
        let effects = reduce(&state, .bookStarted(Array(F.entries.prefix(10)), total: F.entries.count, scoresAsOf: F.asOf))
        #expect(effects == [.loadBook])
        #expect(!state.book.isComplete && state.book.total == 40 && state.book.rows.count == 10)
        #expect(InterfaceView.render(state).text(row: 0).contains("40 accounts, loading… · sort: attention"))
        _ = reduce(&state, .run(.moveDown))
        _ = reduce(&state, .run(.moveDown))
        _ = reduce(&state, .bookLoaded(LoadedBook(Array(F.entries.reversed()), scoresAsOf: F.asOf)))
        #expect(state.book.isComplete && state.book.total == 40)
        #expect(selectedID(state) == "ACC-0003", "the selection stays on its account")
        #expect(InterfaceView.render(state).text(row: 0).contains("40 accounts · sort: attention"))
        // A first page arriving after the whole book (a slow start) changes nothing.
        #expect(reduce(&state, .bookStarted(Array(F.entries.prefix(3)), total: 40, scoresAsOf: F.asOf)).isEmpty)
        #expect(state.book.entries.count == 40)
        // A book that fits in its first rows is whole at once.
        var small = AppState(size: ScreenSize(width: 100, height: 24), glyphs: .unicode, viewer: F.viewer, bands: F.bands)
        #expect(reduce(&small, .bookStarted(F.entries, total: F.entries.count, scoresAsOf: F.asOf)).isEmpty)
        #expect(small.book.isComplete)
    }

    @Test func sortsFromThePalette() {
        var state = F.state()
        _ = reduce(&state, .run(.sort, argument: "arr"))
        #expect(selectedID(state) == "ACC-0009")
        _ = reduce(&state, .run(.sort, argument: "name"))
        #expect(state.book.selectedEntry?.account.name == "Ashgrove Realty Co.")
        _ = reduce(&state, .run(.sort, argument: "renewal"))
        #expect(selectedID(state) == "ACC-0005")
        _ = reduce(&state, .run(.sort, argument: "score"))
        #expect(selectedID(state) == "ACC-0001")
        #expect(state.book.entries[state.book.rows.last!].score == nil)
        _ = reduce(&state, .run(.sort, argument: "bogus"))
        #expect(state.flash?.kind == .error)
        _ = reduce(&state, .run(.sort, argument: "attention"))
        #expect(selectedID(state) == "ACC-0001")
    }

    @Test func paletteCompletesAndRuns() {
        var state = F.state()
        _ = reduce(&state, .key(.char(":")))
        #expect(state.mode == .command(input: "", selection: 0))
        for character in "so" { _ = reduce(&state, .key(.char(character))) }
        _ = reduce(&state, .key(.tab))
        #expect(state.mode == .command(input: "sort ", selection: 0))
        _ = reduce(&state, .key(.char("a")))
        _ = reduce(&state, .key(.tab)) // "arr" and "attention" share only "a": Tab moves the highlight
        #expect(state.mode == .command(input: "sort a", selection: 1))
        _ = reduce(&state, .key(.enter))
        #expect(state.mode == .normal && state.book.sort == .arr)

        _ = reduce(&state, .key(.char(":")))
        for character in "sort re" { _ = reduce(&state, .key(.char(character))) }
        _ = reduce(&state, .key(.enter))
        #expect(state.book.sort == .renewal)

        _ = reduce(&state, .key(.char(":")))
        for character in "qu" { _ = reduce(&state, .key(.char(character))) }
        _ = reduce(&state, .key(.enter))
        #expect(state.isQuitting)
    }

    @Test func paletteRejectsUnknownCommands() {
        var state = F.state()
        _ = reduce(&state, .key(.char(":")))
        for character in "frobnicate" { _ = reduce(&state, .key(.char(character))) }
        _ = reduce(&state, .key(.enter))
        #expect(state.flash?.kind == .error && !state.isQuitting)
    }

    @Test func completionsCoverNamesAndArguments() {
        let keymap = Keymap.standard
        #expect(keymap.completions(for: "p") == ["page-down", "page-up", "previous-match", "palette"])
        #expect(keymap.completions(for: "sort ") == BookSort.allCases.map { "sort \($0.rawValue)" })
        #expect(keymap.completions(for: "sort sc") == ["sort score"])
        #expect(keymap.completions(for: "zz").isEmpty)
    }

    @Test func helpOpensScrollsAndCloses() {
        var state = F.state(width: 80, height: 14)
        _ = reduce(&state, .run(.help))
        #expect(state.mode == .help(scroll: 0))
        _ = reduce(&state, .key(.char("j")))
        #expect(state.mode == .help(scroll: 1))
        state.drawFrame()
        state.step(.key(.char("G")))
        guard case .help(let bottom) = state.mode else { Issue.record("help closed"); return }
        #expect(bottom == HelpView.lines(keymap: state.keymap, glyphs: .unicode).count - (14 - 4))
        _ = reduce(&state, .key(.escape))
        #expect(state.mode == .normal)
        #expect(state.book.selection == 0) // keys in help do not move the book
    }

    @Test func resizeKeepsTheSelectionVisible() {
        var state = F.state(width: 120, height: 40)
        state.step(.run(.bottom))
        state.step(.resized(ScreenSize(width: 60, height: 12)))
        #expect(state.shown?.height == 8)
        #expect(state.book.selection - state.book.scroll < 8)
        #expect(state.book.selection >= state.book.scroll)
        state.step(.resized(ScreenSize(width: 40, height: 10)))
        #expect(state.isTooSmall)
    }

    /// Sizes from a client are clamped before anything is drawn: 65535×65535 once came in
    /// as 80×-1 and killed the interface; 3000×3000 took a gigabyte.
    @Test(arguments: [(65_535, 65_535, 1_000, 500), (80, -1, 80, 0), (3_000, 3_000, 1_000, 500), (-5, 30, 0, 30), (200, 60, 200, 60)])
    func oversizedAndNegativeSizesAreClamped(width: Int, height: Int, clampedWidth: Int, clampedHeight: Int) {
        var state = F.state(width: 120, height: 40)
        _ = reduce(&state, .resized(ScreenSize(width: width, height: height)))
        #expect(state.size == ScreenSize(width: clampedWidth, height: clampedHeight))
        let canvas = InterfaceView.render(state)
        #expect(canvas.size == state.size)
    }

    @Test func reloadKeepsTheSelectedAccount() {
        var state = F.state()
        _ = reduce(&state, .run(.moveDown))
        let effects = reduce(&state, .run(.reload))
        #expect(effects == [.loadBook])
        _ = reduce(&state, .bookLoaded(LoadedBook(Array(F.entries.reversed()), scoresAsOf: F.asOf)))
        #expect(selectedID(state) == "ACC-0002")
    }

    @Test func loadFailureIsShownNotFatal() {
        var state = F.state()
        _ = reduce(&state, .run(.open))
        _ = reduce(&state, .loadFailed(ScreenID(.account, key: "ACC-0001"), book: nil, DiskOnFire()))
        guard let screen = state.screen as? AccountScreen else { Issue.record("no screen"); return }
        #expect(screen.error == "could not load ACC-0001: disk on fire" && state.flash?.kind == .error)
    }

    @Test func forceQuitFromEveryMode() {
        for setup: CommandName in [.help, .filter, .palette, .open] {
            var state = F.state()
            _ = reduce(&state, .run(setup))
            _ = reduce(&state, .key(.ctrl("c")))
            #expect(state.isQuitting, "Ctrl-C after \(setup)")
        }
    }
}

struct DiskOnFire: Error, CustomStringConvertible {
    var description: String { "disk on fire" }
}
