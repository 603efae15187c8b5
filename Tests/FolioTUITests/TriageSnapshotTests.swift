import FolioDomain
import Testing
@testable import FolioTUI

/// The triage views, forms and the confirmation as text (and styles where the style carries
/// meaning: overdue, severity, the focused field), at 80×24, 120×40 and the 60×12 minimum.
@Suite struct TriageSnapshotTests {
    typealias F = InterfaceFixtures
    typealias T = TriageFixtures

    static let sizes: [(Int, Int)] = [(80, 24), (120, 40), (60, 12)]

    func type(_ text: String, into state: inout AppState) {
        for character in text { _ = reduce(&state, .key(.char(character))) }
    }

    @Test(arguments: sizes)
    func alerts(width: Int, height: Int) {
        var state = T.alertsState(width: width, height: height)
        _ = reduce(&state, .run(.moveDown))
        _ = reduce(&state, .run(.mark))
        let canvas = InterfaceView.render(state)
        Snapshot.assert(canvas.snapshot(), named: "alerts-\(width)x\(height)")
        if width == 80 { Snapshot.assert(canvas.styleSnapshot(), named: "alerts-\(width)x\(height)-styled") }
    }

    @Test func dataIsSanitizedInTheInbox() {
        let text = InterfaceView.render(T.alertsState(width: 160, height: 24)).snapshot()
        #expect(!text.contains("\u{1B}") && text.contains("^[[2J"))
    }

    @Test(arguments: sizes)
    func checkIns(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        _ = reduce(&state, .run(.checkIns))
        _ = reduce(&state, .checkInsLoaded(T.checkIns))
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "checkins-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func renewals(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        _ = reduce(&state, .run(.renewals))
        _ = reduce(&state, .renewalsLoaded(T.renewals))
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "renewals-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func team(width: Int, height: Int) {
        var state = F.state(width: width, height: height, viewer: T.manager)
        _ = reduce(&state, .run(.team))
        _ = reduce(&state, .teamLoaded(T.team))
        for _ in 0..<4 { _ = reduce(&state, .run(.moveDown)) }
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "team-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (60, 12)])
    func snoozeFormWithProblems(width: Int, height: Int) {
        var state = T.alertsState(width: width, height: height)
        _ = reduce(&state, .run(.mark))
        _ = reduce(&state, .run(.mark))
        _ = reduce(&state, .key(.char("s")))
        _ = reduce(&state, .key(.ctrl("u")))
        type("someday", into: &state)
        _ = reduce(&state, .key(.enter))
        let canvas = InterfaceView.render(state)
        Snapshot.assert(canvas.snapshot(), named: "form-snooze-\(width)x\(height)")
        if width == 80 { Snapshot.assert(canvas.styleSnapshot(), named: "form-snooze-\(width)x\(height)-styled") }
    }

    @Test(arguments: [(80, 24), (60, 12)])
    func logFormWithProblems(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        _ = reduce(&state, .key(.char("l")))
        _ = reduce(&state, .key(.char("n")))
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.right))
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.ctrl("u")))
        type("2026-12-01", into: &state)
        _ = reduce(&state, .key(.enter))
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "form-log-\(width)x\(height)")
    }

    @Test func resolveForm() {
        var state = T.alertsState()
        _ = reduce(&state, .key(.char("x")))
        _ = reduce(&state, .key(.tab))
        type("Saved by the call", into: &state)
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "form-resolve-80x24")
    }

    @Test(arguments: [(80, 24), (60, 12)])
    func confirmMovingARenewal(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        _ = reduce(&state, .run(.renewals))
        _ = reduce(&state, .renewalsLoaded(T.renewals))
        _ = reduce(&state, .key(.char("m")))
        _ = reduce(&state, .key(.left))
        _ = reduce(&state, .key(.enter))
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "confirm-renewal-\(width)x\(height)")
    }

    @Test func theDemoBannerAndAnotherPersonsBook() {
        var viewer = T.manager
        viewer.banner = "Demo: nobody is not one of its people, so this is Marta Nováková (marta.novak, manager); --user picks another"
        var state = F.state(width: 80, height: 24, viewer: viewer)
        _ = reduce(&state, .bookSwitched(Person(login: "amelie.durand", name: "Amélie Durand", role: "csm")))
        _ = reduce(&state, .bookLoaded(LoadedBook(F.entries, scoresAsOf: F.asOf.adding(days: -1), owner: "amelie.durand")))
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "book-banner-as-80x24")
    }

    /// A long question (as a sequence's preview will be) scrolls its details and keeps its buttons.
    @Test func aLongConfirmationScrolls() {
        var state = F.state(width: 60, height: 12)
        let details = (1...30).map { "step \($0): line of the preview" }
        state.mode = .confirm(Confirmation(question: "Send it?", details: details, yesLabel: "Send", onYes: [.redraw]))
        _ = reduce(&state, .key(.char("j")))
        _ = reduce(&state, .key(.down))
        let text = InterfaceView.render(state).snapshot()
        Snapshot.assert(text, named: "confirm-long-60x12")
        #expect(text.contains("step 3:") && !text.contains("step 2:") && text.contains("[ No ]"))
    }
}
