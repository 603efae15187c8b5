import FolioDomain
import Testing
@testable import FolioStore
@testable import FolioTUI

/// Huddle mode: H in the team view walks the escalations one at a time; Enter records a
/// decision (owner, next step, due day); past the last one, the decisions are a list.
@Suite struct HuddleTests {
    typealias F = InterfaceFixtures
    typealias T = TriageFixtures

    func type(_ text: String, into state: inout AppState) {
        for character in text { _ = reduce(&state, .key(.char(character))) }
    }

    static func item(_ listing: AlertListing, decision: HuddleDecision? = nil) -> HuddleItem {
        let entry = F.entries.first { $0.account.id == listing.alert.accountID } ?? F.entries[0]
        return HuddleItem(alert: listing.alert, account: entry.account, ownerName: "Amélie Durand", scores: [62, 58, nil, 51, 44],
                          trail: [.init(at: T.now - 7_200, actor: "folio", action: "raise")],
                          lastTouch: Activity(id: "x", accountID: entry.account.id, kind: .call, date: F.asOf.adding(days: -12),
                                              author: "amelie.durand", summary: "Spoke to the sponsor"),
                          lastTouchBy: "amelie.durand", decision: decision)
    }

    @Test func hWalksTheEscalationsAndEnterRecordsADecision() throws {
        var state = F.state(width: 100, height: 30, viewer: T.manager)
        _ = reduce(&state, .run(.team))
        _ = reduce(&state, .teamLoaded(T.team))
        let effects = reduce(&state, .key(.char("H")))
        #expect(state.screen.kind == .huddle && effects.contains(.loadPeople))
        let escalations = T.team.escalations
        _ = reduce(&state, .loaded(ScreenID(.huddle), book: nil, escalations.map { Self.item($0) }))
        var text = InterfaceView.render(state).snapshot()
        #expect(text.contains("Huddle · escalation 1 of \(escalations.count)"))
        #expect(text.contains("Last touch call outbound") && text.contains("Spoke to the sponsor") && text.contains("folio raise"))
        // Enter: the decision form, the CSM as owner and a week to do it.
        _ = reduce(&state, .key(.enter))
        guard case .form(let form) = state.mode else { Issue.record("no form"); return }
        #expect(form.value("owner") == F.entries[0].account.owner || !form.value("owner").isEmpty)
        #expect(form.value("due") == F.asOf.adding(days: 7).iso)
        _ = reduce(&state, .key(.tab))
        type("Call the CFO before the QBR", into: &state)
        let id = escalations[0].alert.id!
        let sent = reduce(&state, .key(.enter))
        #expect(sent == [.recordDecision(alertID: id, accountID: escalations[0].alert.accountID, owner: form.value("owner"),
                                         nextStep: "Call the CFO before the QBR", due: F.asOf.adding(days: 7))])
        // Walking past the last escalation shows the decisions.
        let decision = HuddleDecision(at: T.now, by: "marta.novak", alertID: id, accountID: escalations[0].alert.accountID,
                                      owner: "amelie.durand", nextStep: "Call the CFO before the QBR", due: F.asOf.adding(days: 7))
        _ = reduce(&state, .changeFinished(.decisionRecorded(decision)))
        _ = reduce(&state, .loaded(ScreenID(.huddle), book: nil, [Self.item(escalations[0], decision: decision)] + escalations.dropFirst().map { Self.item($0) }))
        for _ in escalations { _ = reduce(&state, .key(.char("j"))) }
        text = InterfaceView.render(state).snapshot()
        #expect(text.contains("Huddle · decisions") && text.contains("Decisions of the huddle"))
        #expect(text.contains("amelie.durand: Call the CFO before the QBR, due \(F.asOf.adding(days: 7))"))
        #expect(text.contains("no decision") == (escalations.count > 1))
        // Esc leaves the huddle for the team view.
        _ = reduce(&state, .key(.escape))
        #expect(state.screen.kind == .team)
    }

    /// H typed ahead, before the team has loaded, says so: not that there is nothing to walk.
    @Test func hBeforeTheTeamHasLoadedSaysItIsStillLoading() {
        var state = F.state(width: 100, height: 30, viewer: T.manager)
        _ = reduce(&state, .run(.team))
        let effects = reduce(&state, .key(.char("H")))
        #expect(state.screen.kind == .team && effects.isEmpty)
        #expect(state.flash?.text.contains("still loading") == true)
        _ = reduce(&state, .teamLoaded(T.team))
        _ = reduce(&state, .key(.char("H")))
        #expect(state.screen.kind == .huddle)
    }

    /// The huddle at the sizes people use: one escalation's page, the 60x12 minimum too.
    @Test(arguments: [(80, 24), (120, 35), (60, 12)])
    func theHuddlePage(width: Int, height: Int) {
        var state = F.state(width: width, height: height, viewer: T.manager)
        _ = reduce(&state, .run(.team))
        _ = reduce(&state, .teamLoaded(T.team))
        _ = reduce(&state, .key(.char("H")))
        _ = reduce(&state, .loaded(ScreenID(.huddle), book: nil, T.team.escalations.map { Self.item($0) }))
        _ = reduce(&state, .key(.char("?")))
        _ = reduce(&state, .key(.escape))
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "huddle-\(width)x\(height)")
    }
}
