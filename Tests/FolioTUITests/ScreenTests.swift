import FolioDomain
import FolioStore
import Testing
@testable import FolioTUI

/// Screens as modules: the command table registers the views, each mode's keys are its own
/// rows of the table, what a frame showed is what the next key pages by, and a read for a
/// book no longer on screen is dropped.
@Suite struct ScreenTests {
    typealias F = InterfaceFixtures
    typealias T = TriageFixtures

    @Test func theTableRegistersTheViewsInTheOrderTabTakes() {
        #expect(Keymap.standard.views.map { $0.kind } == [.book, .alerts, .checkIns, .renewals, .team, .outbox, .dashboard])
        #expect(Keymap.standard.places(Keymap.standard.command(named: .logActivity)!).map(\.rawValue)
                == ["book", "alerts", "check-ins", "renewals", "team", "account"])
    }

    @Test func eachModeHintsItsOwnRowsOfTheTable() {
        let keymap = Keymap.standard
        func hints(_ scope: KeyScope) -> [String] { keymap.hints(in: scope, glyphs: .ascii).map { "\($0.key) \($0.word)" } }
        #expect(hints(.filter) == ["Enter keep", "Esc clear"])
        #expect(hints(.palette) == ["Tab complete", "Enter run", "Esc cancel"])
        #expect(hints(.form) == ["Enter submit", "Tab next field", "Shift-Tab back", "Left/Right choose", "Esc cancel"])
        #expect(hints(.confirm) == ["y yes", "n no", "Left/Right choose", "Enter answer (No unless chosen)", "Esc no"])
        #expect(hints(.normal).isEmpty == false)
    }

    @Test func aKeyMeansWhatTheModesTableSays() {
        // `j` scrolls a question's details; it does not move the book underneath.
        var state = F.state(width: 60, height: 12)
        state.mode = .confirm(Confirmation(question: "Send?", details: (1...30).map { "line \($0)" }, onYes: [.redraw]))
        _ = reduce(&state, .key(.char("j")))
        guard case .confirm(let question) = state.mode else { Issue.record("the question closed"); return }
        #expect(question.scroll == 1 && state.book.selection == 0)
        // In the filter line a letter is typed, and ↓ keeps the filter and moves.
        state = F.state()
        _ = reduce(&state, .run(.filter))
        _ = reduce(&state, .key(.char("j")))
        #expect(state.book.filterText == "j" && state.mode == .filter)
        state.book.filterText = ""
        _ = reduce(&state, .key(.down))
        #expect(state.mode == .normal && state.book.selection == 1)
    }

    @Test func pageDownMovesByWhatTheLastFrameShowed() {
        var state = T.alertsState(width: 80, height: 14)
        state.drawFrame()
        // 14 lines less title, heading, header, status and hints: 9 rows; a page keeps one in sight.
        #expect(state.shown == Viewport(screen: ScreenID(.alerts), scroll: 0, height: 9, count: T.listings.count))
        state.step(.run(.pageDown))
        #expect(state.alerts.cursor.selection == min(8, T.listings.count - 1))
    }

    @Test func aReadForABookNoLongerOnScreenIsDropped() {
        var state = F.state(viewer: T.manager)
        _ = reduce(&state, .run(.alerts))
        // Asked for before `:as jonas.muller`, answered after it.
        _ = reduce(&state, .bookSwitched(Person(login: "jonas.muller", name: "Jonas Müller", role: "csm")))
        _ = reduce(&state, .run(.alerts))
        _ = reduce(&state, .alertsLoaded(T.listings, now: T.now))
        #expect(!state.alerts.isLoaded)
        _ = reduce(&state, .loaded(ScreenID(.alerts), book: "jonas.muller", AlertsScreen.Loaded(listings: T.listings, now: T.now)))
        #expect(state.alerts.isLoaded)
        // The reads themselves carry whose book they are for.
        #expect(reduce(&state, .run(.alerts)) == [AlertsScreen.load(book: "jonas.muller")])
    }
}
