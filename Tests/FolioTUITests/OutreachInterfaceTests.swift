import FolioDomain
import Testing
@testable import FolioStore
@testable import FolioTUI

/// `r` (a recovery sequence, previewed, started after a Yes) and the outbox view (6):
/// reducer decisions and the view as text.
@Suite struct OutreachInterfaceTests {
    typealias F = InterfaceFixtures
    typealias T = TriageFixtures

    static func message(_ id: Int64, _ entry: BookEntry, state: OutboxMessage.State, inHours: Int64, subject: String,
                        toName: String = "Jane Roe") -> OutboxListing {
        var m = OutboxMessage(id: id, enrolmentID: id, accountID: entry.account.id, contactID: "C\(id)", toName: toName,
                              to: "jane@acme.test", fromName: "Amélie Durand", from: "amelie.durand@folio-demo.example",
                              subject: subject, body: "Hi Jane,\n\nA few ideas for your team.\n\nBest,\nAmélie\n", state: state,
                              scheduledAt: T.now + inHours * 3_600, sequence: "product-optimization", step: 1,
                              messageID: "<folio.\(id)@x>", createdAt: T.now - 86_400)
        if state == .failed { m.lastError = "the sendmail command exited with status 75" }
        return OutboxListing(message: m, accountName: entry.account.name, owner: "amelie.durand", tier: entry.account.tier, steps: 3)
    }

    static let listings = [
        message(41, F.entries[0], state: .draft, inHours: 20, subject: "Thank you for your feedback"),
        message(42, F.entries[1], state: .scheduled, inHours: -2, subject: "A few ideas for your team\u{1B}[2J"),
        message(43, F.entries[2], state: .scheduled, inHours: 30, subject: "Catching up", toName: "Sören Wagner"),
        message(44, F.entries[3], state: .failed, inHours: -30, subject: "A 20-minute session for your team?"),
    ]

    static func outboxState(width: Int = 80, height: Int = 24) -> AppState {
        var state = F.state(width: width, height: height)
        _ = reduce(&state, .run(.outbox))
        _ = reduce(&state, .outboxLoaded(listings, now: T.now))
        return state
    }

    static let plan = RecoveryPlan(accountID: "ACC-0081", accountName: "上海青松软件有限公司", sequence: "product-optimization",
                                   title: "Usage fell", suggestedBy: "suggested by the orange usage drop alert 89 raised 2026-11-16",
                                   others: ["re-engagement", "expansion"],
                                   lines: ["── step 1 of 3 · would go 2026-11-24 01:00 UTC", "From: 陈伟 <chen.wei@x>", "To: 赵敏 <min@x>",
                                           "Subject: A few ideas", "", "Hi 赵敏,", "", "Your team's sending volume fell 48 % over the last four weeks."],
                                   isDraft: false, blocked: nil)

    @Test func rPreparesTheSuggestedSequenceForTheSelectedAccount() {
        var state = F.state()
        let effects = reduce(&state, .run(.recover))
        #expect(effects == [.prepareRecovery(accountID: F.entries[0].account.id, sequence: nil)])
        #expect(reduce(&state, .run(.recover, argument: "re-engagement")) == [.prepareRecovery(accountID: F.entries[0].account.id, sequence: "re-engagement")])
    }

    @Test func thePreviewAsksFirstNoIsTheDefaultAndYesStarts() {
        var state = F.state()
        _ = reduce(&state, .recoveryPrepared(Self.plan))
        guard case .confirm(let confirmation) = state.mode else { Issue.record("no confirmation"); return }
        #expect(confirmation.question == "Start product-optimization on ACC-0081 上海青松软件有限公司?")
        #expect(confirmation.details.contains("another sequence: :recover re-engagement | expansion"))
        #expect(confirmation.details.contains("Subject: A few ideas"))
        #expect(confirmation.onYes == [.startRecovery(accountID: "ACC-0081", sequence: "product-optimization")])
        #expect(reduce(&state, .key(.enter)).isEmpty)
        #expect(state.mode == .normal)
        _ = reduce(&state, .recoveryPrepared(Self.plan))
        #expect(reduce(&state, .key(.char("y"))) == [.startRecovery(accountID: "ACC-0081", sequence: "product-optimization")])
    }

    @Test func aBlockedSequenceSaysWhy() {
        var state = F.state()
        var plan = Self.plan
        plan.blocked = .alreadyIn(account: "ACC-0081", sequence: "product-optimization", since: Day(iso: "2026-11-16")!)
        _ = reduce(&state, .recoveryPrepared(plan))
        #expect(state.mode == .normal)
        #expect(state.flash == Flash("ACC-0081 is already in product-optimization (since 2026-11-16); its emails are in the outbox (6)",
                                     kind: .error))
    }

    @Test func anEnterpriseStartOpensTheOutbox() {
        var state = F.state()
        let draft = Self.message(53, F.entries[2], state: .draft, inHours: 20, subject: "After your feedback").message
        let effects = reduce(&state, .changeFinished(.sequenceStarted("detractor-follow-up", on: F.entries[2].account, first: draft)))
        #expect(state.screen.kind == .outbox)
        #expect(effects.contains(.loadOutbox))
        #expect(state.flash?.text == "started detractor-follow-up on ACC-0003: draft 53 to Jane Roe waits for your approval (A)")
    }

    @Test func approvingIsForDraftsAndAsksCancellingAsksReadingCloses() {
        var state = Self.outboxState()
        _ = reduce(&state, .run(.approve))
        guard case .confirm(let approve) = state.mode else { Issue.record("no question"); return }
        #expect(approve.onYes == [.changeOutbox(id: 41, .approve)] && approve.yesLabel == "Approve")
        _ = reduce(&state, .key(.escape))
        _ = reduce(&state, .run(.moveDown))
        _ = reduce(&state, .run(.approve))
        #expect(state.mode == .normal && state.flash?.kind == .error)
        _ = reduce(&state, .run(.cancelEmail))
        guard case .confirm(let cancel) = state.mode else { Issue.record("no question"); return }
        #expect(cancel.onYes == [.changeOutbox(id: 42, .cancel)])
        _ = reduce(&state, .key(.char("n")))
        _ = reduce(&state, .run(.viewEmail))
        guard case .confirm(let read) = state.mode else { Issue.record("no email"); return }
        #expect(read.details.contains("Subject: A few ideas for your team^[[2J"))
        #expect(reduce(&state, .key(.char("y"))).isEmpty && state.mode == .normal)
    }

    @Test func anAccountExecutiveCannotStartASequence() {
        var viewer = F.viewer
        viewer.role = "ae"
        var state = F.state(viewer: viewer)
        #expect(reduce(&state, .run(.recover)).isEmpty)
        #expect(state.flash?.kind == .error)
    }

    @Test(arguments: [(80, 24), (120, 40), (60, 12)])
    func theOutbox(width: Int, height: Int) {
        let state = Self.outboxState(width: width, height: height)
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "outbox-\(width)x\(height)")
    }

    @Test func theSequencePreview() {
        var state = F.state(width: 80, height: 24)
        _ = reduce(&state, .recoveryPrepared(Self.plan))
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "confirm-recovery-80x24")
    }
}
