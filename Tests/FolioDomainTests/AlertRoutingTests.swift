import FolioDomain
import Testing

/// Who hears of what (DESIGN §2.3), when it is due, and who is held out.
@Suite("Alert routing, SLA and control group")
struct AlertRoutingTests {
    static let asOf = Day(iso: "2026-11-23")!
    static let users: [String: User] = Dictionary(uniqueKeysWithValues: [
        User(login: "vera", name: "Vera", email: "v@x", role: .vp),
        User(login: "max", name: "Max", email: "m@x", role: .manager, managerLogin: "vera"),
        User(login: "ana", name: "Ana", email: "a@x", role: .csm, managerLogin: "max"),
        User(login: "sam", name: "Sam", email: "s@x", role: .ae, managerLogin: "vera"),
    ].map { ($0.login, $0) })

    static func account(_ tier: Account.Tier, renewalIn days: Int) -> Account {
        Account(id: "A1", name: "Acme", tier: tier, owner: "ana", ae: "sam", arr: Money(cents: 100),
                contractStart: asOf.adding(days: -700), renewalDate: asOf.adding(days: days))
    }

    @Test(arguments: [
        // kind, severity, tier, days to renewal → recipients
        (Alert.Kind.healthDrop, Alert.Severity.amber, Account.Tier.midMarket, 200, ["ana"]),
        (.healthDrop, .orange, .midMarket, 200, ["ana", "max"]),
        (.healthDrop, .red, .midMarket, 200, ["ana", "max"]),
        (.healthDrop, .red, .enterprise, 200, ["ana", "max", "vera"]),
        (.healthDrop, .red, .smb, 60, ["ana", "max", "vera", "sam"]),
        (.healthDrop, .amber, .smb, 90, ["ana", "sam"]),       // renewal ≤ 90 days: the AE too
        (.healthDrop, .amber, .smb, 91, ["ana"]),
        (.usageDrop, .orange, .enterprise, 200, ["ana"]),
        (.usageSurge, .info, .smb, 200, ["ana", "sam"]),
        (.criticalCases, .orange, .midMarket, 200, ["ana"]),
        (.criticalCases, .orange, .enterprise, 200, ["ana", "max"]),
        (.sponsorLeft, .orange, .smb, 200, ["ana", "sam"]),
        (.detractor, .orange, .enterprise, 30, ["ana", "max", "sam"]),
        (.paymentOverdue, .orange, .midMarket, 200, ["ana", "sam"]),
        (.goneDark, .orange, .midMarket, 150, ["ana"]),
        (.checkinOverdue, .amber, .enterprise, 80, ["ana", "sam"]),
    ] as [(Alert.Kind, Alert.Severity, Account.Tier, Int, [String])])
    func routing(_ kind: Alert.Kind, _ severity: Alert.Severity, _ tier: Account.Tier, _ renewal: Int, _ expected: [String]) {
        let got = AlertRouting.standard.recipients(kind: kind, severity: severity, account: Self.account(tier, renewalIn: renewal),
                                                   asOf: Self.asOf, users: Self.users)
        #expect(got == expected)
    }

    /// Routing is asked again as the account stands: the Ferrovia Verde story, a red drop
    /// raised 105 days before renewal, reaches the AE and the VP once the renewal is 90 days off.
    @Test(arguments: [
        // days to renewal when raised → days later → who is missing then
        (105, 10, [String]()),
        (105, 15, ["vera", "sam"]),
        (200, 120, ["vera", "sam"]),
        (60, 30, []),                 // told at raising already
    ] as [(Int, Int, [String])])
    func anOpenAlertIsRoutedAgainAsTheRenewalComesNear(raisedAt renewal: Int, daysLater: Int, missing: [String]) {
        let account = Self.account(.midMarket, renewalIn: renewal)
        let told = AlertRouting.standard.recipients(kind: .healthDrop, severity: .red, account: account, asOf: Self.asOf, users: Self.users)
        let alert = Alert(id: 1, accountID: "A1", kind: .healthDrop, severity: .red, reason: "score 49 → 33", raisedOn: Self.asOf,
                          raisedAt: 0, dueBy: 0, recipients: told)
        let later = Self.asOf.adding(days: daysLater)
        #expect(AlertRouting.standard.missing(from: alert, account: account, asOf: later, users: Self.users) == missing)
        // A resolved or shadow alert tells no one more.
        var resolved = alert
        resolved.state = .resolved
        #expect(AlertRouting.standard.missing(from: resolved, account: account, asOf: later, users: Self.users).isEmpty)
        var shadow = alert
        shadow.shadow = true
        shadow.recipients = []
        #expect(AlertRouting.standard.missing(from: shadow, account: account, asOf: later, users: Self.users).isEmpty)
    }

    @Test func aMissingManagerIsSkippedNotInvented() {
        let alone = ["ana": User(login: "ana", name: "Ana", email: "a@x", role: .csm)]
        let got = AlertRouting.standard.recipients(kind: .healthDrop, severity: .red, account: Self.account(.enterprise, renewalIn: 200),
                                                   asOf: Self.asOf, users: alone)
        #expect(got == ["ana"])
    }

    @Test func aReportingCycleEnds() {
        let cyclic = ["a": User(login: "a", name: "A", email: "", role: .csm, managerLogin: "b"),
                      "b": User(login: "b", name: "B", email: "", role: .manager, managerLogin: "a")]
        #expect(AlertRouting.chain(above: "a", users: cyclic) == ["b"])
    }

    @Test(arguments: [
        (Alert.Kind.healthDrop, Alert.Severity.amber, Int64(120 * 3600)),
        (.healthDrop, .orange, 48 * 3600),
        (.criticalCases, .orange, 24 * 3600),
        (.detractor, .orange, 48 * 3600),
        (.paymentOverdue, .orange, 48 * 3600),
        (.goneDark, .orange, 7 * 24 * 3600),
        (.checkinOverdue, .amber, 72 * 3600),
        (.usageSurge, .info, 14 * 24 * 3600),
    ] as [(Alert.Kind, Alert.Severity, Int64)])
    func slaPerKindAndSeverity(_ kind: Alert.Kind, _ severity: Alert.Severity, _ seconds: Int64) {
        let raised = AlertPolicy.standard.runInstant(of: Self.asOf)
        #expect(AlertPolicy.standard.dueBy(kind: kind, severity: severity, raisedAt: raised) == raised + seconds)
    }

    @Test func redIsDueTheSameDay() {
        let raised = AlertPolicy.standard.runInstant(of: Self.asOf)
        let due = AlertPolicy.standard.dueBy(kind: .healthDrop, severity: .red, raisedAt: raised)
        #expect(due == Int64(Self.asOf.adding(days: 1).ordinal) * 86_400 - 1)
        #expect(raised == Int64(Self.asOf.ordinal) * 86_400 + 6 * 3600)
    }

    @Test func theControlGroupIsAStableShare() {
        let ids = (0..<20_000).map { "ACC-\($0)" }
        let held = ids.filter(AlertPolicy.standard.isHeldOut)
        #expect(abs(Double(held.count) / Double(ids.count) - 0.1) < 0.01)
        #expect(ids.filter(AlertPolicy.standard.isHeldOut) == held)
        #expect(!ids.contains(where: AlertPolicy(holdoutShare: 0).isHeldOut))
        #expect(ids.allSatisfy(AlertPolicy(holdoutShare: 1).isHeldOut))
    }
}
