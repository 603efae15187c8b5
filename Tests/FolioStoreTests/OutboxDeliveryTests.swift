import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// Records what it was handed, or fails as told.
final class RecordingTransport: MailTransport, @unchecked Sendable {
    let name = "test"
    private let lock = NSLock()
    private var _delivered: [String] = []
    var failure: DeliveryError?

    var delivered: [String] { lock.withLock { _delivered } }

    func deliver(_ text: String, to address: String) throws(DeliveryError) {
        if let failure { throw failure }
        lock.withLock { _delivered.append(text) }
    }
}

@Suite("Delivering the outbox")
struct OutboxDeliveryTests {
    /// A2's first product-optimization email, scheduled for Tuesday 09:00 UTC.
    static func book() throws -> (OutreachBook, OutboxMessage) {
        let book = try OutreachBook()
        try book.alert("A2", .usageDrop)
        try book.tick()
        return (book, try #require(try book.messages("A2").first))
    }

    @Test func aDueMessageIsSentOnceAndASecondRunSendsNothing() throws {
        let (book, message) = try Self.book()
        let transport = RecordingTransport()
        let delivery = OutboxDelivery(library: book.library, transport: transport)
        let early = try delivery.run(now: message.scheduledAt - 60, wall: 1, in: book.db)
        #expect(early.sent.isEmpty && transport.delivered.isEmpty)
        let report = try delivery.run(now: message.scheduledAt + 60, wall: 2, in: book.db)
        #expect(report.sent.map(\.id) == [message.id!])
        #expect(transport.delivered.count == 1)
        let text = try #require(transport.delivered.first)
        #expect(text.contains("Message-ID: \(message.messageID)"))
        #expect(text.contains("To: =?UTF-8?B?"))  // Élodie Bernard
        let again = try delivery.run(now: message.scheduledAt + 120, wall: 3, in: book.db)
        #expect(again == OutboxDelivery.Report())
        #expect(transport.delivered.count == 1)
        let stored = try #require(try book.messages("A2").first)
        #expect(stored.state == .sent && stored.sentAt == message.scheduledAt + 60 && stored.transport == "test")
    }

    @Test func outsideWorkingHoursItWaits() throws {
        let (book, message) = try Self.book()
        let transport = RecordingTransport()
        // Tuesday 20:00 UTC: A2 is on UTC, closed.
        let report = try OutboxDelivery(library: book.library, transport: transport).run(now: message.scheduledAt + 11 * 3_600, wall: 1, in: book.db)
        #expect(report.sent.isEmpty && report.waiting.count == 1)
        #expect(report.waiting.first?.note?.hasPrefix("outside working hours in UTC; next window 2026-11-25 09:00 UTC") == true)
    }

    @Test func aFailingCommandKeepsItQueuedRetriesWithBackoffThenFails() throws {
        let (book, message) = try Self.book()
        let transport = RecordingTransport()
        transport.failure = DeliveryError("the sendmail command exited with status 75: try later")
        let delivery = OutboxDelivery(library: book.library, transport: transport)
        var now = message.scheduledAt
        var waits: [Int64] = []
        for attempt in 1...5 {
            let report = try delivery.run(now: now, wall: now, in: book.db)
            let stored = try #require(try book.messages("A2").first)
            #expect(stored.attempts == attempt)
            if attempt < 5 {
                #expect(report.retrying.count == 1 && stored.state == .scheduled)
                waits.append(stored.nextAttemptAt! - now)
                // Nothing happens before the wait is over.
                #expect(try delivery.run(now: now + 60, wall: now + 60, in: book.db) == OutboxDelivery.Report())
                now = stored.nextAttemptAt!
            } else {
                #expect(report.failed.count == 1 && stored.state == .failed)
                #expect(stored.lastError == "the sendmail command exited with status 75: try later")
            }
        }
        #expect(waits == [900, 1_800, 3_600, 7_200])
    }

    @Test func aRunInterruptedMidDeliveryLeavesItUnconfirmedNotResent() throws {
        let (book, message) = try Self.book()
        // A run on this machine claimed it and died (that pid is not running).
        try book.db.write {
            try $0.execute(sql: "UPDATE outbox_message SET state = 'sending', claimed_at = 1, claimed_by = ?, attempts = 1 WHERE id = ?",
                           arguments: ["\(OutboxDelivery.machineName):999999", message.id])
        }
        let transport = RecordingTransport()
        let report = try OutboxDelivery(library: book.library, transport: transport).run(now: message.scheduledAt + 60, wall: 2, in: book.db)
        #expect(report.unconfirmed.map(\.id) == [message.id!])
        #expect(transport.delivered.isEmpty)
        let stored = try #require(try book.messages("A2").first)
        #expect(stored.state == .unconfirmed)
        #expect(stored.lastError?.contains("check the mail log, then `folio outbox retry") == true)
        // A person checks and retries: it goes on the next run.
        try Outbox(library: book.library).perform(.retry, on: message.id!, by: try book.user("kenji"), now: 3, in: book.db)
        let next = try OutboxDelivery(library: book.library, transport: transport).run(now: message.scheduledAt + 120, wall: 4, in: book.db)
        #expect(next.sent.count == 1 && transport.delivered.count == 1)
    }

    @Test func aCancelledSequenceIsNotSent() throws {
        let (book, message) = try Self.book()
        try Outbox(library: book.library).perform(.cancel(reason: "spoke on the phone"), on: message.id!, by: try book.user("kenji"),
                                                  now: 1, in: book.db)
        #expect(try book.enrolments("A2").first?.state == .stopped)
        let transport = RecordingTransport()
        let report = try OutboxDelivery(library: book.library, transport: transport).run(now: message.scheduledAt + 60, wall: 2, in: book.db)
        #expect(report == OutboxDelivery.Report() && transport.delivered.isEmpty)
        // Cancelled is final.
        #expect(throws: OutreachFailure.self) {
            try Outbox(library: book.library).perform(.approve, on: message.id!, by: try book.user("kenji"), now: 3, in: book.db)
        }
    }

    @Test func theSendmailCommandFailsHangsOrIsMissingWithAClearError() throws {
        let scratch = Scratch()
        let ok = SendmailTransport(command: "cat > \(scratch.path("out.eml"))", timeout: 10)
        try ok.deliver("Subject: x\n\nbody\n", to: "a@b.test")
        #expect(try String(contentsOfFile: scratch.path("out.eml"), encoding: .utf8) == "Subject: x\n\nbody\n")

        func error(_ t: SendmailTransport) -> String {
            do { try t.deliver("x", to: "a@b.test"); return "" } catch { return error.message }
        }
        #expect(error(SendmailTransport(command: "echo 'relay refused' >&2; exit 75")) == "the sendmail command exited with status 75: relay refused")
        #expect(error(SendmailTransport(command: "no-such-sendmail-here -t")).hasPrefix("the sendmail command cannot be run (not found): no-such-sendmail-here -t"))
        let started = Date()
        #expect(error(SendmailTransport(command: "sleep 30", timeout: 0.5)) == "the sendmail command did not finish within 0 s and was stopped: sleep 30")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func theMaildirGetsOneCompleteFilePerMessage() throws {
        let scratch = Scratch()
        let maildir = MaildirTransport(folder: scratch.path("Mail"))
        try maildir.deliver("Subject: one\n\nbody\n", to: "a@b.test")
        try maildir.deliver("Subject: two\n\nbody\n", to: "a@b.test")
        let new = try FileManager.default.contentsOfDirectory(atPath: scratch.path("Mail/new"))
        #expect(new.count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("Mail/tmp")).isEmpty)
    }
}
