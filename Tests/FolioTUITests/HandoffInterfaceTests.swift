import FolioDomain
import Testing
@testable import FolioStore
@testable import FolioTUI

/// A manager's moves from the keyboard: `T` reassigns the selected account, `h` hands the
/// selected (or marked) alerts over, each with a note; what was handed to you is said once.
@Suite struct HandoffInterfaceTests {
    typealias F = InterfaceFixtures
    typealias T = TriageFixtures

    func type(_ text: String, into state: inout AppState) {
        for character in text { _ = reduce(&state, .key(.char(character))) }
    }

    static let team = [Person(login: "amelie.durand", name: "Amélie Durand", role: "csm"),
                       Person(login: "jonas.muller", name: "Jonas Müller", role: "csm"),
                       Person(login: "marta.novak", name: "Marta Nováková", role: "manager")]

    @Test func tReassignsTheSelectedAccountAfterAskingAndACSMIsToldWhyNot() {
        var state = F.state(viewer: T.manager)
        #expect(reduce(&state, .key(.char("T"))) == [.loadPeople])
        _ = reduce(&state, .peopleLoaded(Self.team))
        guard case .form(let form) = state.mode else { Issue.record("no form"); return }
        let account = F.entries[0].account
        #expect(form.title == "Reassign \(account.id) (\(account.name))")
        // ←/→ steps through the team (the owner and the manager left out), once it has arrived.
        #expect(form.fields[0].presets == ["jonas.muller"])
        _ = reduce(&state, .key(.enter))
        guard case .form(let empty) = state.mode else { Issue.record("the empty form went through"); return }
        #expect(empty.fields[0].problem == "whose login? a CSM of your team")
        _ = reduce(&state, .key(.right))
        _ = reduce(&state, .key(.tab))
        type("Amélie is on leave", into: &state)
        _ = reduce(&state, .key(.enter))
        guard case .confirm(let question) = state.mode else { Issue.record("no question"); return }
        #expect(question.question == "Give \(account.id) (\(account.name)) to jonas.muller?")
        #expect(question.onYes == [.reassignAccount(accountID: account.id, to: "jonas.muller", note: "Amélie is on leave")])
        #expect(reduce(&state, .key(.char("y"))) == [.reassignAccount(accountID: account.id, to: "jonas.muller", note: "Amélie is on leave")])

        var csm = F.state()
        #expect(reduce(&csm, .key(.char("T"))) == [])
        #expect(csm.flash?.text == "amelie.durand is a csm: reassigning accounts is for managers (their team's) and VPs")
    }

    @Test func hHandsTheSelectedAlertOverWithANote() {
        var state = T.alertsState()
        let id = state.alerts.selectedListing!.alert.id!
        _ = reduce(&state, .key(.char("h")))
        guard case .form(let form) = state.mode else { Issue.record("no form"); return }
        #expect(form.title == "Hand over alert \(id)")
        type("jonas.muller", into: &state)
        _ = reduce(&state, .key(.tab))
        type("you know their CTO", into: &state)
        #expect(reduce(&state, .key(.enter)) == [.changeAlerts(ids: [id], .handOver(to: "jonas.muller", note: "you know their CTO"))])
    }

    /// `u` after a hand-over or a reassignment says it does not take them back (someone was
    /// told) and how to; the next `u` takes back the change before, not silently this one's.
    @Test func uAfterAHandOverSaysHowToHandItBackAndTheNextUTakesBackTheChangeBefore() {
        var state = T.alertsState()
        _ = reduce(&state, .changeFinished(.alertsChanged(.acknowledge, done: [T.alert(15)], refusals: [])))
        _ = reduce(&state, .changeFinished(.alertsChanged(.handOver(to: "jonas.muller", note: ""), done: [T.alert(12)], refusals: [])))
        #expect(reduce(&state, .key(.char("u"))) == [])
        #expect(state.flash?.text == "handing alert 12 over is not taken back by u: jonas.muller was told and keeps it; h hands it back")
        let effects = reduce(&state, .key(.char("u")))
        #expect(effects.count == 1 && state.flash?.text.hasPrefix("taking back acknowledging alert 15") == true)

        var manager = F.state(viewer: T.manager)
        _ = reduce(&manager, .changeFinished(.accountReassigned(.init(accountID: "ACC-0003", accountName: "Acme", from: "amelie.durand",
                                                                     to: "chen.wei", alerts: [], checkIns: 0))))
        _ = reduce(&manager, .key(.char("u")))
        #expect(manager.flash?.text == "giving ACC-0003 to chen.wei is not taken back by u: chen.wei was told and has it now; T gives it back to amelie.durand")
        _ = reduce(&manager, .key(.char("u")))
        #expect(manager.flash?.text.hasPrefix("nothing to undo") == true)
    }

    @Test func whatWasHandedToYouIsSaidOnceAndKeptInMessages() {
        var state = F.state()
        _ = reduce(&state, .handoffsLoaded([
            Handoff(at: 1, by: "marta.novak", to: "amelie.durand", from: "jonas.muller", accountID: "ACC-0003", note: "call them Monday"),
            Handoff(at: 2, by: "jonas.muller", to: "amelie.durand", accountID: "ACC-0009", alertID: 12, note: ""),
        ]))
        #expect(state.messages.suffix(3) == ["marta.novak gave you ACC-0003 (was jonas.muller's): call them Monday",
                                            "jonas.muller handed you alert 12 on ACC-0009",
                                            "2 hand-offs to you, the latest: jonas.muller handed you alert 12 on ACC-0009 (:messages lists them)"])
    }
}
