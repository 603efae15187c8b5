import FolioDomain
import FolioStore
import Testing
@testable import FolioTUI

/// The triage views and their actions through the reducer: what each key asks the store to
/// do, the forms' validation in place, confirmation defaulting to No, marking, who may act.
@Suite struct TriageReducerTests {
    typealias F = InterfaceFixtures
    typealias T = TriageFixtures

    func type(_ text: String, into state: inout AppState) {
        for character in text { _ = reduce(&state, .key(.char(character))) }
    }

    func form(_ state: AppState) -> Form? {
        if case .form(let form) = state.mode { return form }
        return nil
    }

    @Test func viewsLoadTheirDataAndTabCyclesThroughThem() {
        var state = F.state()
        #expect(reduce(&state, .key(.char("2"))) == [.loadAlerts])
        #expect(state.screen.kind == .alerts)
        #expect(reduce(&state, .key(.char("3"))) == [.loadCheckIns])
        #expect(reduce(&state, .key(.char("4"))) == [.loadRenewals])
        // A CSM has no team view: Tab goes on to the outbox and the dashboard, then back to the book.
        #expect(reduce(&state, .key(.tab)) == [.loadOutbox])
        #expect(state.screen.kind == .outbox)
        _ = reduce(&state, .key(.tab))
        #expect(state.screen.kind == .dashboard)
        _ = reduce(&state, .key(.tab))
        #expect(state.screen.kind == .book)
        _ = reduce(&state, .key(.char("5")))
        #expect(state.screen.kind == .book && state.flash?.kind == .error)

        var manager = F.state(viewer: T.manager)
        #expect(reduce(&manager, .key(.char("5"))) == [.loadTeam])
        #expect(reduce(&manager, .key(.tab)) == [.loadOutbox])
        _ = reduce(&manager, .key(.tab))
        #expect(manager.screen.kind == .dashboard)
        _ = reduce(&manager, .key(.tab))
        #expect(manager.screen.kind == .book)
    }

    @Test func theInboxKeepsTheSelectedAlertAndTheMarksAcrossReloads() {
        var state = T.alertsState()
        _ = reduce(&state, .run(.moveDown))
        #expect(state.alerts.selectedListing?.alert.id == 15)
        _ = reduce(&state, .run(.mark))
        #expect(state.alerts.marks.contains(15) && state.alerts.selectedListing?.alert.id == 7)
        #expect(reduce(&state, .dataChanged) == [.loadBook, .loadAlerts])
        // Someone else resolved alert 12: the list shrinks, the selection and the mark stay.
        _ = reduce(&state, .alertsLoaded(Array(T.listings.dropFirst()), now: T.now))
        #expect(state.alerts.selectedListing?.alert.id == 7)
        #expect(state.alerts.marks.ids == [15])
    }

    @Test func acknowledgeActsOnTheSelectionOrOnEveryMarkedAlert() {
        var state = T.alertsState()
        #expect(reduce(&state, .key(.char("a"))) == [.changeAlerts(ids: [12], .acknowledge)])
        #expect(state.flash == nil, "nothing is said before the store answers")
        _ = reduce(&state, .key(.char(" ")))
        _ = reduce(&state, .key(.char(" ")))
        _ = reduce(&state, .key(.char(" ")))
        #expect(state.alerts.marks.count == 3)
        #expect(reduce(&state, .key(.char("a"))) == [.changeAlerts(ids: [12, 15, 7], .acknowledge)])
        let done = [T.alert(12), T.alert(15), T.alert(7)]
        let effects = reduce(&state, .changeFinished(.alertsChanged(.acknowledge, done: done, refusals: [])))
        #expect(state.flash == Flash("3 alerts acknowledged") && state.alerts.marks.isEmpty)
        #expect(effects == [.loadBook, .loadAlerts])
    }

    @Test func aRefusalFromTheStoreIsAnErrorAndKeepsTheMarks() {
        var state = T.alertsState()
        _ = reduce(&state, .run(.mark))
        _ = reduce(&state, .key(.char("a")))
        _ = reduce(&state, .changeFinished(.alertsChanged(.acknowledge, done: [],
                                                   refusals: ["alert 12 was already acknowledged by chen.wei at 2026-11-23 09:14 UTC"])))
        #expect(state.flash?.kind == .error && state.flash?.text.contains("chen.wei") == true)
        #expect(state.alerts.marks.count == 1)
    }

    @Test func snoozeValidatesInPlaceAndSendsTheDay() {
        var state = T.alertsState()
        _ = reduce(&state, .key(.char("s")))
        guard var snooze = form(state) else { Issue.record("no form"); return }
        #expect(snooze.title == "Snooze alert 12" && snooze.value("until") == "1d")
        // Enter with no reason: the problem is shown under the field, nothing is sent.
        #expect(reduce(&state, .key(.enter)) == [])
        snooze = form(state)!
        #expect(snooze.fields[1].problem?.contains("say why it can wait") == true)
        #expect(snooze.focus == 1)
        // Back to the date: → steps through the presets, typing replaces them.
        _ = reduce(&state, .key(.backTab))
        _ = reduce(&state, .key(.right))
        _ = reduce(&state, .key(.right))
        #expect(form(state)?.value("until") == "1w")
        #expect(form(state)?.fields[0].note?.hasPrefix("reopens on 2026-11-30") == true)
        _ = reduce(&state, .key(.ctrl("u")))
        type("2026-11-20", into: &state)
        _ = reduce(&state, .key(.tab))
        type("customer on holiday", into: &state)
        #expect(reduce(&state, .key(.enter)) == [])
        #expect(form(state)?.fields[0].problem == "2026-11-20 is not after 2026-11-23; pick a later day")
        #expect(form(state)?.focus == 0)
        _ = reduce(&state, .key(.ctrl("u")))
        type("soon", into: &state)
        _ = reduce(&state, .key(.enter))
        #expect(form(state)?.fields[0].problem?.contains("\"soon\" is not a day") == true)
        _ = reduce(&state, .key(.ctrl("u")))
        type("2w", into: &state)
        #expect(reduce(&state, .key(.enter)) == [.changeAlerts(ids: [12], .snooze(until: F.asOf.adding(days: 14), reason: "customer on holiday"))])
        #expect(form(state) != nil, "the form stays until the store answers")
        let snoozed = AlertChange.snooze(until: F.asOf.adding(days: 14), reason: "customer on holiday")
        _ = reduce(&state, .changeFinished(.alertsChanged(snoozed, done: [T.alert(12)], refusals: [])))
        #expect(state.mode == .normal && state.flash?.text == "alert 12 snoozed until 2026-12-07 (health drop, ACC-0001)")
    }

    @Test func resolvePicksAnOutcomeAndEscCancels() {
        var state = T.alertsState()
        _ = reduce(&state, .key(.char("x")))
        #expect(form(state)?.value("outcome") == "saved")
        _ = reduce(&state, .key(.right))
        #expect(form(state)?.value("outcome") == "recovered")
        _ = reduce(&state, .key(.char("f")))
        #expect(form(state)?.value("outcome") == "false-positive")
        _ = reduce(&state, .key(.escape))
        #expect(state.mode == .normal && state.flash?.text == "cancelled: nothing changed")
        _ = reduce(&state, .key(.char("x")))
        _ = reduce(&state, .key(.char("n")))
        _ = reduce(&state, .key(.tab))
        type("they renewed after the call", into: &state)
        #expect(reduce(&state, .key(.enter)) == [.changeAlerts(ids: [12], .resolve(outcome: .noAction, note: "they renewed after the call"))])
    }

    @Test func loggingValidatesEveryFieldAtOnce() {
        var state = F.state()
        _ = reduce(&state, .key(.char("l")))
        guard let log = form(state) else { Issue.record("no form"); return }
        #expect(log.context == ["on Ferrovia Verde S.p.A. (ACC-0001)"])
        #expect(log.value("type") == "call" && log.value("direction") == "outbound" && log.value("date") == "2026-11-23")
        _ = reduce(&state, .key(.char("n")))          // type: note
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.right))             // direction: inbound
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.ctrl("u")))
        type("2026-12-01", into: &state)
        #expect(reduce(&state, .key(.enter)) == [])
        let problems = Dictionary(uniqueKeysWithValues: form(state)!.fields.compactMap { f in f.problem.map { (f.id, $0) } })
        #expect(problems["summary"] == "is empty; say in a few words what happened")
        #expect(problems["date"] == "2026-12-01 is after the as-of day 2026-11-23; log an activity once it has happened")
        #expect(problems["direction"]?.hasPrefix("a note is written by us") == true)
        #expect(form(state)?.focus == 1, "focus goes to the first field with a problem")

        _ = reduce(&state, .key(.left))              // outbound again
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.ctrl("u")))
        type("2026-11-2x", into: &state)
        _ = reduce(&state, .key(.enter))
        #expect(form(state)?.fields[2].problem == "\"2026-11-2x\" is not a date; expected YYYY-MM-DD")
        _ = reduce(&state, .key(.backspace))
        type("0", into: &state)
        _ = reduce(&state, .key(.tab))
        type("Called Marco about the renewal", into: &state)
        let draft = ActivityDraft(kind: .note, direction: .outbound, date: F.asOf.adding(days: -3), summary: "Called Marco about the renewal")
        #expect(reduce(&state, .key(.enter)) == [.logActivity(accountID: "ACC-0001", draft)])
    }

    @Test func theStoresRefusalOfALogLandsInTheForm() {
        var state = F.state()
        _ = reduce(&state, .key(.char("l")))
        type("x", into: &state)
        let refusal = ActivityLog.Failure.invalid([ActivityDraft.Problem(field: "--summary", message: "has a control character")])
        _ = reduce(&state, .changeFinished(.failed(.activity, refusal)))
        #expect(form(state)?.fields[3].problem == "has a control character")
    }

    @Test func movingARenewalAsksFirstAndNoIsTheDefault() {
        var state = F.state()
        _ = reduce(&state, .run(.renewals))
        _ = reduce(&state, .renewalsLoaded(T.renewals))
        _ = reduce(&state, .key(.char("m")))
        #expect(form(state)?.fields[0].options == ["committed", "closed won", "churned"])
        _ = reduce(&state, .key(.right))
        _ = reduce(&state, .key(.right))
        #expect(reduce(&state, .key(.enter)) == [])
        guard case .confirm(let question) = state.mode else { Issue.record("no confirmation"); return }
        #expect(question.question == "Move renewal 3 (ACC-0005 Quillback Veterinary Clinics) to churned?")
        #expect(question.details.contains("the account leaves the active book"))
        // Enter alone answers No.
        #expect(reduce(&state, .key(.enter)) == [])
        #expect(state.mode == .normal && state.flash?.text.hasPrefix("cancelled") == true)

        _ = reduce(&state, .key(.char("m")))
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .key(.right))             // to Yes
        #expect(reduce(&state, .key(.enter)) == [.moveRenewal(id: 3, to: .committed, expecting: .sixtyDaysOut)])
        _ = reduce(&state, .key(.char("m")))
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .key(.escape))
        _ = reduce(&state, .key(.char("m")))
        _ = reduce(&state, .key(.enter))
        #expect(reduce(&state, .key(.char("y"))) == [.moveRenewal(id: 3, to: .committed, expecting: .sixtyDaysOut)])
        // On a committed renewal, committed is not offered again.
        _ = reduce(&state, .changeFinished(.renewalMoved(id: 3, to: .committed, T.moved(3, to: .committed))))
        #expect(state.flash?.text == "renewal 3 (ACC-0005 Quillback Veterinary Clinics) moved to committed")
        _ = reduce(&state, .run(.moveDown))
        _ = reduce(&state, .key(.char("m")))
        #expect(form(state)?.fields[0].options == ["closed won", "churned"])
    }

    /// #18: one rule for an AE, as on the command line (`Access`): they acknowledge (the store
    /// checks the alert is routed to them) and log; snoozing and resolving are refused at once.
    @Test func anAccountExecutiveAcknowledgesAndLogsButNeitherSnoozesNorResolves() {
        var state = T.alertsState(viewer: T.ae)
        #expect(reduce(&state, .key(.char("a"))) == [.changeAlerts(ids: [12], .acknowledge)])
        for key in ["s", "x"] {
            #expect(reduce(&state, .key(.char(Character(key)))) == [])
            #expect(state.mode == .normal)
            #expect(state.flash?.text.hasPrefix("mateusz.wojcik is an account executive: AEs acknowledge the alerts routed to them") == true, "\(key)")
        }
        _ = reduce(&state, .key(.char("l")))
        #expect(form(state)?.title == "Log an activity")
        _ = reduce(&state, .key(.escape))
        state.flash = nil
        let hints = InterfaceView.render(state).text(row: 23)
        #expect(hints.contains("a ack") && !hints.contains("s snooze") && !hints.contains("x resolve"), "\(hints)")
    }

    /// #18: a guest of the demo (not one of its users) looks through its manager's eyes and changes nothing.
    @Test func aGuestOfTheDemoChangesNothingAndIsToldHowToBecomeAUser() {
        var viewer = T.manager
        viewer.guest = NotAUser(login: "intruder", logins: ["amelie.durand", "marta.novak"], standIn: "marta.novak")
        var state = T.alertsState(viewer: viewer)
        for key in ["a", "s", "x", "l"] {
            #expect(reduce(&state, .key(.char(Character(key)))) == [], "\(key)")
            #expect(state.flash?.text.hasPrefix("\"intruder\" is not a user of this database; changes are recorded under a real user's name") == true)
        }
        state.flash = nil
        #expect(!InterfaceView.render(state).text(row: 23).contains("a ack"))
    }

    @Test func readonlyRemovesTheActionsAndSaysSo() {
        let viewer = Viewer(login: "amelie.durand", name: "Amélie Durand", role: "csm", database: "folio.db", asOf: F.asOf, isReadonly: true)
        var state = T.alertsState(viewer: viewer)
        #expect(state.keymap.command(named: .acknowledge) == nil && state.keymap.command(named: .moveRenewal) == nil)
        #expect(reduce(&state, .key(.char("a"))) == [])
        #expect(state.flash?.text.hasPrefix("read-only (--readonly)") == true)
    }

    @Test func actionsWorkOnTheAccountViewOnItsOpenAlerts() {
        var state = F.accountState()
        guard var page = (state.screen as? AccountScreen)?.page else { Issue.record("no page"); return }
        page.detail.alerts = [T.listings[0].alert, T.listings[2].alert]
        _ = reduce(&state, .accountLoaded(page))
        // Alert 7 is already acknowledged: only 12 is acknowledged.
        #expect(reduce(&state, .key(.char("a"))) == [.changeAlerts(ids: [12], .acknowledge)])
        _ = reduce(&state, .key(.char("s")))
        #expect(form(state)?.title == "Snooze 2 alerts")
    }

    @Test func spaceMarksInTheInboxAndPagesDownInTheBook() {
        var state = F.state()
        state.drawFrame()
        state.step(.key(.char(" ")))
        #expect(state.book.selection == 20 - 1 && state.flash == nil)
    }

    @Test func commandsSayWhereTheyWork() {
        var state = F.state()
        #expect(reduce(&state, .key(.char("a"))) == [])
        #expect(state.flash?.text == "acknowledge works in the alerts view (2), the team view (5), an account, not here")
        #expect(reduce(&state, .key(.char("m"))) == [])
        #expect(state.flash?.kind == .error)
    }

    @Test func managersOpenTheirTeamsBooksWithAs() {
        var csm = F.state()
        #expect(reduce(&csm, .run(.viewAs, argument: "jonas.muller")) == [])
        #expect(csm.flash?.text.hasPrefix("only managers") == true)

        var state = F.state(viewer: T.manager)
        _ = reduce(&state, .key(.char(":")))
        type("as jonas.muller", into: &state)
        #expect(reduce(&state, .key(.enter)) == [.switchBook(login: "jonas.muller")])
        let effects = reduce(&state, .bookSwitched(Person(login: "jonas.muller", name: "Jonas Müller", role: "csm")))
        #expect(effects == Effect.start(state))
        #expect(state.viewer.bookOf?.login == "jonas.muller" && !state.book.isLoaded)
        #expect(InterfaceView.render(state).text(row: 0).contains("Book of Jonas Müller"))
        // A book loaded for someone else (before the switch) is dropped.
        _ = reduce(&state, .bookLoaded(LoadedBook(F.entries, scoresAsOf: F.asOf, owner: "marta.novak")))
        #expect(!state.book.isLoaded)
        _ = reduce(&state, .bookLoaded(LoadedBook(F.entries, scoresAsOf: F.asOf, owner: "jonas.muller")))
        #expect(state.book.isLoaded)
        #expect(reduce(&state, .run(.viewAs)) == [.switchBook(login: nil)])
    }

    @Test func enterOnATeamLineOpensTheCSMsBookOrTheAccount() {
        var state = F.state(viewer: T.manager)
        _ = reduce(&state, .run(.team))
        _ = reduce(&state, .teamLoaded(T.team))
        #expect(reduce(&state, .key(.enter)) == [.switchBook(login: "amelie.durand")])
        for _ in 0..<3 { _ = reduce(&state, .run(.moveDown)) }
        #expect(reduce(&state, .key(.enter)) == [.loadAccount(id: "ACC-0001")])
        _ = reduce(&state, .run(.back))
        #expect(reduce(&state, .key(.char("a"))) == [.changeAlerts(ids: [12], .acknowledge)])
    }

    @Test func confirmationAnswers() {
        var question = Confirmation(question: "Send?", onYes: [.redraw])
        #expect(question.answer(.enter) == .no)
        #expect(question.answer(.char("z")) == .pending)
        #expect(question.answer(.tab) == .pending && question.isYesSelected)
        #expect(question.answer(.enter) == .yes)
        #expect(question.answer(.escape) == .no)
        #expect(question.answer(.char("y")) == .yes)
    }
}
