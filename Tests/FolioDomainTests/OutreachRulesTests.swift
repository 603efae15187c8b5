import Testing
@testable import FolioDomain

@Suite struct OutreachRulesTests {
    // 2026-11-23 is a Monday.
    static let monday = Int64(Day(iso: "2026-11-23")!.ordinal) * 86_400
    static func at(_ dayOffset: Int, _ hour: Int, _ minute: Int = 0) -> Int64 {
        monday + Int64(dayOffset) * 86_400 + Int64(hour * 3600 + minute * 60)
    }

    @Test(arguments: [
        // (instant, offset hours, expected)
        (at(0, 10), 0, at(0, 10)),        // inside: as is
        (at(0, 6), 0, at(0, 9)),          // before opening: today's opening
        (at(0, 17), 0, at(1, 9)),         // at closing: tomorrow's opening
        (at(4, 18), 0, at(7, 9)),         // Friday evening: Monday
        (at(5, 12), 0, at(7, 9)),         // Saturday: Monday
        (at(0, 6), 8, at(0, 6)),          // 14:00 in Shanghai: inside
        (at(0, 10), 8, at(1, 1)),         // 18:00 in Shanghai: 09:00 there next day = 01:00 UTC
        (at(0, 12), -5, at(0, 14)),       // 07:00 in New York: 09:00 there = 14:00 UTC
    ])
    func workingHours(instant: Int64, offsetHours: Int, expected: Int64) {
        let hours = WorkingHours()
        #expect(hours.next(atOrAfter: instant, offset: { _ in Int64(offsetHours) * 3_600 }) == expected)
    }

    /// The kinds no email answers are known from the kind alone (the daily run skips them
    /// unread), and whatever the facts, they get no signal.
    @Test(arguments: Alert.Kind.allCases)
    func onlyKindsAnEmailMayAnswerGetASignal(kind: Alert.Kind) {
        var facts = OutreachFacts(alert: kind)
        facts.weakestGroup = "usage activity"
        facts.keyActionChange = -40
        #expect((OutreachSignal.kind(of: facts) != nil) == OutreachSignal.mayAnswer(kind))
        #expect(OutreachSignal.mayAnswer(kind) == ![.criticalCases, .paymentOverdue, .checkinOverdue].contains(kind))
    }

    @Test func firstEmailWaitsForTheAlertDelay() {
        var settings = OutreachSettings()
        #expect(settings.earliestFirstSend(alertRaisedAt: 1_000) == 1_000 + 24 * 3_600)
        settings.firstEmailDelayHours = 48
        #expect(settings.earliestFirstSend(alertRaisedAt: 1_000) == 1_000 + 48 * 3_600)
        #expect(settings.retryDelay(afterAttempts: 1) == 15 * 60)
        #expect(settings.retryDelay(afterAttempts: 3) == 60 * 60)
    }

    @Test(arguments: [
        ("jane@acme.test", true), ("j.doe+x@mail.example.com", true), ("", false), ("jane", false),
        ("jane@acme", false), ("jane@@acme.test", false), ("\"Jane\" <jane@acme.test>", false), ("jane@acme.test\r\nBcc: x@y.z", false),
        ("jane doe@acme.test", false), ("jané@acme.test", false), (".jane@acme.test", false), ("jane@-acme.test", false),
    ])
    func emailAddresses(text: String, valid: Bool) {
        #expect(EmailAddress.isValid(text) == valid)
    }

    static func message(toName: String = "Jane Roe", subject: String = "Hello") -> MailMessage {
        MailMessage(fromName: "Ana Lima", from: "ana@example.com", toName: toName, to: "jane@acme.test", subject: subject,
                    body: "Hi Jane,\n\nLine with = sign and é.\n", messageID: "<folio.1.1.x@example.com>", date: monday + 3_600)
    }

    @Test func headersCannotBeInjectedFromNamesOrSubjects() throws {
        let text = try Self.message(toName: "Jane\r\nBcc: victim@evil.test", subject: "Hi\nBcc: victim@evil.test\r\n\r\nbody").rendered()
        let headers = text.split(separator: "\n\n", maxSplits: 1)[0].split(separator: "\n")
        #expect(!headers.contains { $0.hasPrefix("Bcc") })
        #expect(headers.allSatisfy { !$0.contains("\r") })
        // Every header line is a header or a folded continuation.
        #expect(headers.allSatisfy { $0.first == " " || $0.contains(":") })
        #expect(text.contains("Subject: Hi Bcc: victim@evil.test body"))
    }

    @Test func nonASCIINamesAndSubjectsAreEncodedWords() throws {
        let text = try Self.message(toName: "赵敏", subject: "A few ideas for 上海青松软件有限公司's team").rendered()
        #expect(text.contains("To: =?UTF-8?B?"))
        #expect(text.contains("Subject: =?UTF-8?B?"))
        #expect(text.contains("Date: Mon, 23 Nov 2026 01:00:00 +0000"))
        #expect(text.contains("Message-ID: <folio.1.1.x@example.com>"))
        #expect(text.contains("Line with =3D sign and =C3=A9."))
        for line in text.split(separator: "\n") { #expect(line.utf8.count <= 78) }
    }

    /// A name or subject with no space to fold at (10,000 letters, a pile of combining
    /// marks) goes as encoded words: no header line passes 78 characters.
    @Test(arguments: [String(repeating: "A", count: 10_000), "Zed" + String(repeating: "\u{301}", count: 3_000),
                      String(repeating: "x", count: 65), String(repeating: "陈", count: 4_000)])
    func longNamesAndSubjectsFoldUnder78Characters(long: String) throws {
        var m = Self.message(toName: long, subject: "A few ideas for \(long)'s team")
        m.fromName = long
        let text = try m.rendered()
        let headers = text.split(separator: "\n\n", maxSplits: 1)[0].split(separator: "\n")
        for line in headers { #expect(line.utf8.count <= MailMessage.foldWidth, "\(line.prefix(90))…") }
        #expect(headers.allSatisfy { $0.first == " " || $0.contains(":") })
        #expect(text.contains("Subject: =?UTF-8?B?") || text.contains("Subject:\n =?UTF-8?B?"))
    }

    @Test func aShortPlainNameStaysReadable() throws {
        let text = try Self.message(toName: "Jane Roe", subject: "A few ideas for Acme's team").rendered()
        #expect(text.contains("To: \"Jane Roe\" <jane@acme.test>"))
        #expect(text.contains("Subject: A few ideas for Acme's team"))
    }

    @Test func aBadAddressIsRefused() {
        var m = Self.message()
        m.to = "jane@acme.test, other@evil.test"
        #expect(throws: MailMessage.Problem.self) { try m.rendered() }
    }

    @Test func templatesNameOnlyTheEmailsFields() {
        let text = """
            Subject: Hi {{contact.firstName}}

            {{#signal}}{{summary}}{{/signal}} {{csm.signature}}
            {{account.score}} {{healthBand}}
            Your health is great and we see no churn risk.
            {{#tenure.long}}{{years}}{{/tenure.long}}
            """
        let problems = TemplateCheck.problems(in: text, banned: ["score", "health", "risk", "churn"])
        let lines = problems.map { "\($0.line):\($0.column) \($0.message.prefix(24))" }
        #expect(lines == [
            "4:1 names \"account.score\": a",
            "4:19 names \"healthBand\": a te",
            "5:6 says \"health\": customer ",
            "5:36 says \"churn\": customer e",
            "5:42 says \"risk\": customer em",
            "6:17 names \"years\", which is ",
        ])
    }

    @Test func everyContextValueIsAListedField() {
        let signal = OutreachSignal(.usageDecline, facts: OutreachFacts(alert: .usageDrop, keyActionChange: -42.4, activeUsers: 12, seats: 40),
                                    keyActions: "sending volume")
        let context = EmailContext(contact: Contact(id: "C", accountID: "A", name: "Jane Roe", email: "jane@acme.test"),
                                   csm: User(login: "ana", name: "Ana Lima", email: "ana@example.com", role: .csm),
                                   account: Account(id: "A", name: "Acme", tier: .smb, owner: "ana", arr: Money(cents: 0),
                                                    contractStart: Day(iso: "2020-01-01")!, renewalDate: Day(iso: "2027-01-01")!),
                                   asOf: Day(iso: "2026-11-23")!, signal: signal, step: 1, steps: 3, settings: .standard)
        func names(_ value: Any, _ prefix: String) -> [String] {
            guard let dict = value as? [String: Any] else { return [prefix] }
            return dict.flatMap { key, v in [prefix.isEmpty ? key : prefix + "." + key] + (v is [String: Any] ? names(v, prefix.isEmpty ? key : prefix + "." + key) : []) }
        }
        let given = Set(names(context.values, ""))
        #expect(given.isSubset(of: EmailContext.fieldNames))
        #expect(!given.contains { n in ["score", "band", "risk", "health", "churn"].contains { n.lowercased().contains($0) } })
        #expect(signal.summary == "your team's sending volume fell 42 % over the last four weeks, compared with the four before")
    }

    @Test(arguments: [
        (OutreachFacts(alert: .usageDrop), OutreachSignal.Kind.usageDecline),
        (OutreachFacts(alert: .usageDrop, isOnboarding: true), .onboardingTrouble),
        (OutreachFacts(alert: .usageSurge), .usageSurge),
        (OutreachFacts(alert: .detractor), .detractor),
        (OutreachFacts(alert: .goneDark), .relationshipDecline),
        (OutreachFacts(alert: .sponsorLeft), .relationshipDecline),
        (OutreachFacts(alert: .healthDrop, weakestGroup: "usage activity"), .usageDecline),
        (OutreachFacts(alert: .healthDrop, weakestGroup: "relationship"), .relationshipDecline),
    ])
    func theSignalPicksTheBranch(facts: OutreachFacts, kind: OutreachSignal.Kind) {
        #expect(OutreachSignal.kind(of: facts) == kind)
    }

    @Test(arguments: [Alert.Kind.paymentOverdue, .criticalCases, .checkinOverdue])
    func someAlertsAreForPeopleNotEmails(kind: Alert.Kind) {
        #expect(OutreachSignal.kind(of: OutreachFacts(alert: kind)) == nil)
        #expect(OutreachSignal.kind(of: OutreachFacts(alert: .healthDrop, weakestGroup: "commercial")) == nil)
    }

    @Test func repliesAndMeetingsStopSequences() {
        let start = Day(iso: "2026-11-23")!
        func activity(_ kind: Activity.Kind, _ direction: Activity.Direction, _ day: String) -> Activity {
            Activity(id: "x", accountID: "A", kind: kind, direction: direction, date: Day(iso: day)!, author: "ana")
        }
        #expect(SequenceStop.ending(activity(.email, .inbound, "2026-11-24"), after: start) == .replied(on: Day(iso: "2026-11-24")!))
        #expect(SequenceStop.ending(activity(.meeting, .outbound, "2026-11-24"), after: start) == .meeting(on: Day(iso: "2026-11-24")!))
        #expect(SequenceStop.ending(activity(.email, .outbound, "2026-11-24"), after: start) == nil)
        #expect(SequenceStop.ending(activity(.email, .inbound, "2026-11-23"), after: start) == nil)
        #expect(SequenceStop.ending(activity(.note, .inbound, "2026-11-24"), after: start) == nil)
    }
}
