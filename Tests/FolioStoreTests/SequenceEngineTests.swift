import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// The fixture portfolio with alerts put in by hand, sequences from SampleData: who gets
/// enrolled in what, when the first email may go, what stops a sequence.
struct OutreachBook {
    let scratch = Scratch()
    let db: FolioDatabase
    let library: SequenceLibrary
    static let asOf = Day(iso: "2026-11-23")!
    static let runAt = AlertPolicy.standard.runInstant(of: asOf)

    init() throws {
        db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        library = try SequenceLoaderTests.shipped()
    }

    @discardableResult
    func alert(_ account: String, _ kind: Alert.Kind, severity: Alert.Severity = .orange, raisedAt: Int64 = runAt) throws -> Alert {
        var alert = Alert(accountID: account, kind: kind, severity: severity, reason: "test", raisedOn: Moment(seconds: raisedAt).day,
                          raisedAt: raisedAt, dueBy: raisedAt + 86_400, recipients: ["ana"])
        try db.write { try alert.raise(in: $0) }
        return alert
    }

    @discardableResult
    func tick(_ day: Day = asOf, bands: [String: String] = [:]) throws -> TickSummary {
        try DailyRun(profile: .standard, steps: [FixedBands(bands: bands), SequenceStep(library: library)]).run(asOf: day, in: db, now: 1)
    }

    func enrolments(_ account: String) throws -> [SequenceEnrolment] {
        try db.read { try SequenceEnrolment.fetchAll($0, sql: "SELECT * FROM sequence_enrolment WHERE account_id = ? ORDER BY id", arguments: [account]) }
    }

    func messages(_ account: String) throws -> [OutboxMessage] {
        try db.read { try OutboxMessage.fetchAll($0, sql: "SELECT * FROM outbox_message WHERE account_id = ? ORDER BY id", arguments: [account]) }
    }

    func user(_ login: String) throws -> User { try db.read { try Book.user(login, in: $0)! } }
    func account(_ id: String) throws -> Account { try db.read { try Account.fetchOne($0, sql: "SELECT * FROM account WHERE id = ?", arguments: [id])! } }
}

@Suite("Recovery sequences in the daily run")
struct SequenceEngineTests {
    @Test func aUsageDropEnrolsTheAccountAndTheFirstEmailWaitsADayAndForWorkingHours() throws {
        let book = try OutreachBook()
        try book.alert("A2", .usageDrop)
        let summary = try book.tick()
        #expect(summary.sequencesStarted == 1 && summary.emailsPlanned == 1)
        let enrolment = try #require(try book.enrolments("A2").first)
        #expect(enrolment.sequence == "product-optimization" && enrolment.state == .active && enrolment.contactID == "C3")
        let message = try #require(try book.messages("A2").first)
        #expect(message.state == .scheduled)
        #expect(message.step == 1 && message.to == "elodie@cafe.test" && message.from == "kenji@example.com")
        // Raised Monday 06:00 UTC: not before Tuesday 06:00, and A2 (no time zone: UTC) opens at 09:00.
        #expect(message.scheduledAt == OutreachBook.runAt + 27 * 3_600)
        #expect(message.body.contains("Hi Élodie,"))
        #expect(message.body.contains("Kenji Watanabe\nCustomer Success Manager, Folio\nkenji@example.com"))
        for word in ["score", "health", "risk", "churn"] { #expect(!message.body.lowercased().contains(word)) }
        // Running the day again starts nothing twice.
        let again = try book.tick()
        #expect(again.sequencesStarted == 0 && again.emailsPlanned == 0)
        #expect(try book.messages("A2").count == 1)
    }

    @Test func anEnterpriseAccountGetsADraftForItsCSM() throws {
        let book = try OutreachBook()
        try book.alert("A1", .detractor)
        try book.tick()
        let message = try #require(try book.messages("A1").first)
        #expect(message.state == .draft && message.sequence == "detractor-follow-up")
        // Jane Roe (the sponsor, and the one who answered the survey); John Poe has left.
        #expect(message.to == "jane@acme.test")
        // Europe/Paris: 09:00 there on Tuesday is 08:00 UTC.
        #expect(message.scheduledAt == Int64(Day(iso: "2026-11-24")!.ordinal) * 86_400 + 8 * 3_600)
    }

    @Test func controlGroupOptedOutAndPeopleOnlyAlertsStartNothing() throws {
        let book = try OutreachBook()
        var shadow = try book.alert("A2", .usageDrop)
        shadow.shadow = true
        try book.db.write { try $0.execute(sql: "UPDATE alert SET shadow = 1 WHERE id = ?", arguments: [shadow.id]) }
        try book.alert("A3", .usageDrop)       // the account opted out of email
        try book.alert("A1", .paymentOverdue)  // for finance and the AE, not an email
        let summary = try book.tick()
        #expect(summary.sequencesStarted == 0)
        #expect(try book.db.count("sequence_enrolment") == 0)
    }

    @Test func aContactWithoutAnEmailIsSkippedAndSaysWhy() throws {
        let book = try OutreachBook()
        try book.db.write { try $0.execute(sql: "UPDATE contact SET email = '' WHERE id = 'C3'") }
        try book.alert("A2", .usageDrop)
        let summary = try book.tick()
        #expect(summary.sequencesSkipped == 1 && summary.emailsPlanned == 0)
        let enrolment = try #require(try book.enrolments("A2").first)
        #expect(enrolment.state == .skipped)
        #expect(enrolment.stopReason == "no champion, primary, sponsor contact may be written to: Élodie Bernard has no valid email address")
    }

    @Test func aReplyStopsTheSequenceAndCancelsWhatWaits() throws {
        let book = try OutreachBook()
        try book.alert("A2", .usageDrop)
        try book.tick()
        let logged = try ActivityLog(database: book.db).record(
            ActivityDraft(kind: .email, direction: .inbound, date: OutreachBook.asOf, summary: "Élodie: thanks, let's talk"),
            on: try book.account("A2"), by: try book.user("kenji"), asOf: OutreachBook.asOf, now: OutreachBook.runAt + 3_600)
        #expect(logged.activity.direction == .inbound)
        let enrolment = try #require(try book.enrolments("A2").first)
        #expect(enrolment.state == .stopped && enrolment.stopReason == "the customer replied (inbound activity on 2026-11-23)")
        #expect(try book.messages("A2").map(\.state) == [.cancelled])
    }

    @Test(arguments: ["UPDATE contact SET opt_out = 1 WHERE id = 'C3'", "UPDATE account SET status = 'churned' WHERE id = 'A2'"])
    func optOutAndChurnStopTheSequence(change: String) throws {
        let book = try OutreachBook()
        try book.alert("A2", .usageDrop)
        try book.tick()
        try book.db.write { try $0.execute(sql: change) }
        let summary = try book.tick(OutreachBook.asOf.adding(days: 1))
        #expect(summary.sequencesStopped == 1)
        let enrolment = try #require(try book.enrolments("A2").first)
        #expect(enrolment.state == .stopped)
        #expect(["Élodie Bernard opted out of email", "the account churned"].contains(enrolment.stopReason ?? ""))
        #expect(try book.messages("A2").map(\.state) == [.cancelled])
    }

    @Test func recoveringOutOfTheBandStopsTheSequence() throws {
        let book = try OutreachBook()
        try book.alert("A2", .healthDrop)
        try book.tick(bands: ["A2": "Red"])
        try book.tick(OutreachBook.asOf.adding(days: 1), bands: ["A2": "Yellow"])
        #expect(try book.enrolments("A2").first?.stopReason == "the account recovered (Red → Yellow)")
    }

    @Test func theNextStepFollowsTheSentOneAfterItsDelayAndTheLastCompletes() throws {
        let book = try OutreachBook()
        try book.alert("A2", .usageDrop)
        try book.tick()
        let first = try #require(try book.messages("A2").first)
        try book.db.write { try $0.execute(sql: "UPDATE outbox_message SET state = 'sent', sent_at = scheduled_at WHERE id = ?", arguments: [first.id]) }
        try book.tick(OutreachBook.asOf.adding(days: 2))
        let second = try #require(try book.messages("A2").last)
        #expect(second.step == 2 && second.state == .scheduled)
        #expect(second.scheduledAt >= first.scheduledAt + 4 * 86_400)
        #expect(second.subject == "A 20-minute session for your team?")
    }

    @Test func atMostOneEmailPerContactInThreeDaysAcrossSequences() throws {
        let book = try OutreachBook()
        try book.alert("A2", .usageDrop)
        try book.tick()
        let first = try #require(try book.messages("A2").first)
        // The first is sent; a person starts another sequence on the same contact at once.
        try book.db.write { try $0.execute(sql: "UPDATE outbox_message SET state = 'sent', sent_at = scheduled_at WHERE id = ?", arguments: [first.id]) }
        let desk = SequenceDesk(library: book.library)
        _ = try desk.stop(try book.account("A2"), reason: "switching", by: try book.user("kenji"), now: first.scheduledAt, in: book.db)
        let started = try desk.start(try book.account("A2"), sequence: "re-engagement", by: try book.user("kenji"), asOf: OutreachBook.asOf,
                                     now: first.scheduledAt + 3_600, in: book.db)
        let next = try #require(started.message)
        #expect(next.scheduledAt >= first.scheduledAt + 3 * 86_400)
    }

    @Test func onlyTheCSMTheirManagersOrAVPMayStartOrApprove() throws {
        let book = try OutreachBook()
        try book.alert("A1", .detractor)
        let desk = SequenceDesk(library: book.library)
        #expect(throws: OutreachFailure.self) {
            _ = try desk.start(try book.account("A1"), sequence: nil, by: try book.user("kenji"), asOf: OutreachBook.asOf, now: OutreachBook.runAt, in: book.db)
        }
        #expect(throws: OutreachFailure.self) {
            _ = try desk.start(try book.account("A1"), sequence: nil, by: try book.user("sam"), asOf: OutreachBook.asOf, now: OutreachBook.runAt, in: book.db)
        }
        let started = try desk.start(try book.account("A1"), sequence: nil, by: try book.user("max"), asOf: OutreachBook.asOf,
                                     now: OutreachBook.runAt, in: book.db)
        let draft = try #require(started.message)
        #expect(draft.state == .draft)
        let outbox = Outbox(library: book.library)
        #expect(throws: OutreachFailure.self) { try outbox.perform(.approve, on: draft.id!, by: try book.user("kenji"), now: OutreachBook.runAt, in: book.db) }
        let approved = try outbox.perform(.approve, on: draft.id!, by: try book.user("ana"), now: OutreachBook.runAt, in: book.db)
        #expect(approved.state == .scheduled && approved.approvedBy == "ana")
        #expect(approved.scheduledAt >= OutreachBook.runAt + 24 * 3_600)
        // The audit trail has both.
        #expect(try book.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit_entry WHERE action IN ('sequence.start', 'outbox.approve')") } == 2)
    }

    @Test func thePreviewRendersEveryStepAndWritesNothing() throws {
        let book = try OutreachBook()
        try book.alert("A2", .usageDrop, raisedAt: OutreachBook.runAt - 5 * 86_400)
        let before = try book.db.dump()
        let account = try book.account("A2")
        let preview = try book.db.read { db in
            try SequenceDesk(library: book.library).preview(account, sequence: nil, asOf: OutreachBook.asOf, now: OutreachBook.runAt, in: db)
        }
        #expect(preview.sequence.name == "product-optimization")
        #expect(preview.steps.map(\.step) == [1, 2, 3])
        #expect(preview.steps.map(\.delayDays) == [0, 4, 7])
        #expect(try book.db.dump() == before)
    }
}
