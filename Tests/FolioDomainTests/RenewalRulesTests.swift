import Testing
import FolioDomain

/// The daily run's renewal opportunities (DESIGN §2.5).
@Suite struct RenewalRulesTests {
    static let asOf = Day(iso: "2026-11-23")!

    static func account(daysToRenewal: Int, status: Account.Status = .active) -> Account {
        Account(id: "A1", name: "Acme", tier: .enterprise, owner: "ana", arr: Money(cents: 250_000_00),
                contractStart: Day(iso: "2024-01-15")!, renewalDate: asOf.adding(days: daysToRenewal), status: status)
    }

    @Test(arguments: [
        // days to renewal, lowest band?, opened at stage (nil: not opened)
        (91, false, RenewalOpportunity.Stage?.none), (90, false, .ninetyDaysOut), (61, false, .ninetyDaysOut),
        (60, false, .sixtyDaysOut), (0, false, .sixtyDaysOut), (-5, false, .sixtyDaysOut), (91, true, nil), (75, true, .atRisk),
    ])
    func opensAtNinetyDays(_ days: Int, _ red: Bool, _ stage: RenewalOpportunity.Stage?) {
        let plan = RenewalRules.standard.plan(for: Self.account(daysToRenewal: days), open: nil, isLowestBand: red, asOf: Self.asOf)
        guard let stage else {
            #expect(plan == .nothing)
            return
        }
        guard case .open(let o) = plan else {
            Issue.record("expected an opportunity, got \(plan)")
            return
        }
        #expect(o.stage == stage)
        #expect(o.amount == Money(cents: 250_000_00))
        #expect(o.closeDate == Self.asOf.adding(days: days))
        #expect(o.owner == "ana")
        #expect(o.openedOn == Self.asOf)
        #expect(o.movedBy == RenewalRules.engine)
    }

    /// An opportunity from the CRM keeps the CRM's amount and close date; the daily run still
    /// places its stage (and follows the owner).
    @Test func aCRMOpportunityKeepsTheCRMsAmountAndCloseDate() {
        var crm = Self.open(.ninetyDaysOut, daysToRenewal: 80)
        crm.crmID = "0065g00000Rn7xA"
        crm.amount = Money(units: 275_000)
        crm.closeDate = Self.asOf.adding(days: 55)
        let plan = RenewalRules.standard.plan(for: Self.account(daysToRenewal: 50), open: crm, isLowestBand: false, asOf: Self.asOf)
        guard case .update(let o) = plan else {
            Issue.record("expected the stage to move, got \(plan)")
            return
        }
        #expect(o.amount == Money(units: 275_000) && o.closeDate == Self.asOf.adding(days: 55))
        #expect(o.stage == .sixtyDaysOut)
        #expect(o.crmID == "0065g00000Rn7xA")
        // Unchanged otherwise: the account's ARR and renewal date do not overwrite the CRM's.
        #expect(RenewalRules.standard.plan(for: Self.account(daysToRenewal: 80), open: crm, isLowestBand: false, asOf: Self.asOf) == .nothing)
    }

    static func open(_ stage: RenewalOpportunity.Stage, daysToRenewal: Int) -> RenewalOpportunity {
        RenewalOpportunity(id: 7, accountID: "A1", amount: Money(cents: 250_000_00), closeDate: asOf.adding(days: daysToRenewal),
                           stage: stage, owner: "ana", openedOn: asOf.adding(days: -30), movedBy: "folio", movedAt: Moment(startOf: asOf.adding(days: -30)))
    }

    @Test(arguments: [
        // stage now, days to renewal, lowest band?, stage after (nil: unchanged)
        (RenewalOpportunity.Stage.ninetyDaysOut, 61, false, RenewalOpportunity.Stage?.none),
        (.ninetyDaysOut, 60, false, .sixtyDaysOut),     // moves at 60 days
        (.ninetyDaysOut, 70, true, .atRisk),            // at risk while Red
        (.sixtyDaysOut, 40, true, .atRisk),
        (.atRisk, 40, true, nil),                       // stays while Red
        (.atRisk, 40, false, .sixtyDaysOut),            // back when it recovers
        (.atRisk, 75, false, .ninetyDaysOut),
        (.committed, 40, true, nil),                    // a person's stage is never overridden
    ])
    func stagesFollowTheDaysAndTheBand(_ stage: RenewalOpportunity.Stage, _ days: Int, _ red: Bool, _ after: RenewalOpportunity.Stage?) {
        let current = Self.open(stage, daysToRenewal: days)
        let plan = RenewalRules.standard.plan(for: Self.account(daysToRenewal: days), open: current, isLowestBand: red, asOf: Self.asOf)
        guard let after else {
            #expect(plan == .nothing)
            return
        }
        guard case .update(let o) = plan else {
            Issue.record("expected an update, got \(plan)")
            return
        }
        #expect(o.stage == after)
        #expect(o.movedBy == RenewalRules.engine)
        #expect(o.movedAt == Moment(startOf: Self.asOf))
    }

    @Test func anOpenOpportunityFollowsTheAccountsDateARRAndOwner() {
        var account = Self.account(daysToRenewal: 70)
        account.arr = Money(cents: 300_000_00)
        account.owner = "kenji"
        let plan = RenewalRules.standard.plan(for: account, open: Self.open(.ninetyDaysOut, daysToRenewal: 70), isLowestBand: false, asOf: Self.asOf)
        guard case .update(let o) = plan else {
            Issue.record("expected an update, got \(plan)")
            return
        }
        #expect(o.amount == Money(cents: 300_000_00) && o.owner == "kenji" && o.stage == .ninetyDaysOut)
        #expect(o.movedBy == "folio" && o.movedAt == Moment(startOf: Self.asOf.adding(days: -30))) // no stage move
    }

    @Test func configurableDays() {
        let rules = RenewalRules(openDays: 120, sixtyDays: 45)
        guard case .open(let o) = rules.plan(for: Self.account(daysToRenewal: 120), open: nil, isLowestBand: false, asOf: Self.asOf) else {
            Issue.record("expected an opportunity at 120 days")
            return
        }
        #expect(o.stage == .ninetyDaysOut)
        #expect(rules.engineStage(daysToRenewal: 46, isLowestBand: false) == .ninetyDaysOut)
        #expect(rules.engineStage(daysToRenewal: 45, isLowestBand: false) == .sixtyDaysOut)
    }
}

/// A person moving a renewal: who may, to what.
@Suite struct RenewalMoveTests {
    static let opportunity = RenewalOpportunity(id: 12, accountID: "A1", amount: Money(cents: 100), closeDate: Day(iso: "2027-01-15")!,
                                                stage: .sixtyDaysOut, owner: "ana", movedBy: "folio", movedAt: Moment(seconds: 1_795_392_000))

    static func user(_ login: String, _ role: User.Role) -> User {
        User(login: login, name: login, email: "\(login)@example.com", role: role)
    }

    func refusal(_ user: User, to stage: RenewalOpportunity.Stage = .committed, from: RenewalOpportunity = opportunity) -> RenewalMove.Refusal? {
        RenewalMove.refusal(moving: from, to: stage, by: user, accountOwner: "ana", ownerManagers: ["max", "vera"], subject: "renewal 12 (A1 Acme)")
    }

    @Test(arguments: [
        ("ana", User.Role.csm, true),       // the owner
        ("kenji", .csm, false),             // another CSM
        ("max", .manager, true),            // her manager
        ("vera", .manager, true),           // up the chain
        ("olga", .manager, false),          // another team's manager
        ("helena", .vp, true),              // any VP
        ("sam", .ae, false),                // AEs read, never move
    ])
    func whoMayMove(_ login: String, _ role: User.Role, _ allowed: Bool) {
        #expect((refusal(Self.user(login, role)) == nil) == allowed)
    }

    @Test func refusalsSayWhatToDo() {
        #expect(refusal(Self.user("kenji", .csm))?.description
                == "kenji may not move renewal 12 (A1 Acme): only its owner ana, their managers (max, vera) or a VP may")
        #expect(refusal(Self.user("sam", .ae))?.description
                == "sam is an account executive: renewals are read-only for AEs; ask the owner CSM to move it")
        #expect(refusal(Self.user("ana", .csm), to: .atRisk)?.description
                == "\"at risk\" is set by the daily run; a person moves a renewal to \"committed\", \"closed won\", \"churned\"")
    }

    @Test func alreadyThereOrClosedSaysByWhomAndWhen() {
        var closed = Self.opportunity
        closed.stage = .closedWon
        closed.movedBy = "max"
        closed.movedAt = Moment(seconds: 1_795_433_700) // 2026-11-23 11:35 UTC
        #expect(refusal(Self.user("ana", .csm), to: .churned, from: closed)?.description
                == "renewal 12 (A1 Acme) was already moved to closed won by max at 2026-11-23 11:35 UTC")
        var committed = Self.opportunity
        committed.stage = .committed
        #expect(refusal(Self.user("ana", .csm), to: .committed, from: committed) != nil)
        #expect(refusal(Self.user("ana", .csm), to: .closedWon, from: committed) == nil)
    }
}

/// The term a won renewal rolls the date by.
@Suite struct ContractTermTests {
    @Test(arguments: [
        ("2026-01-15", 12, "2027-01-15", "1 year"),
        ("2027-01-15", 36, "2030-01-15", "3 years"),
        ("2026-02-28", 24, "2028-02-28", "2 years"),
        ("2026-08-31", 6, "2027-02-28", "6 months"),     // the month's last day when the day does not exist
        ("2026-11-30", 18, "2028-05-30", "18 months"),
    ])
    func rollsByTheAccountsTerm(_ renewal: String, _ months: Int, _ next: String, _ words: String) {
        #expect(ContractTerm.rolled(Day(iso: renewal)!, months: months) == Day(iso: next))
        #expect(ContractTerm.text(months: months) == words)
    }
}

/// The pipeline by quarter and stage, ARR at risk and renewal rate.
@Suite struct RenewalPipelineTests {
    static func o(_ stage: RenewalOpportunity.Stage, _ close: String, _ amount: Int64) -> RenewalOpportunity {
        RenewalOpportunity(accountID: "A", amount: Money(cents: amount * 100), closeDate: Day(iso: close)!, stage: stage, owner: "ana")
    }

    @Test func anEmptyPipelineHasNoRate() {
        let p = RenewalPipeline([])
        #expect(p.quarters.isEmpty)
        #expect(p.totals.count == 0)
        #expect(p.totals.renewalRate == nil)
    }

    @Test func byQuarterAndStage() {
        let p = RenewalPipeline([
            Self.o(.closedWon, "2026-10-05", 100), Self.o(.churned, "2026-11-01", 50), Self.o(.atRisk, "2026-12-20", 30),
            Self.o(.sixtyDaysOut, "2026-12-31", 20), Self.o(.ninetyDaysOut, "2027-02-10", 10), Self.o(.committed, "2027-01-02", 5),
            Self.o(.closedWon, "2026-12-01", 40),
        ])
        #expect(p.quarters.map(\.quarter.description) == ["2026-Q4", "2027-Q1"])
        let q4 = p.quarters[0]
        #expect(q4.stages.map(\.stage) == RenewalOpportunity.Stage.allCases)
        #expect(q4.stages.first { $0.stage == .closedWon }?.count == 2)
        #expect(q4.stages.first { $0.stage == .closedWon }?.amount == Money(cents: 14_000))
        #expect(q4.totals.arr == Money(cents: 24_000))
        #expect(q4.totals.arrAtRisk == Money(cents: 3_000))
        #expect(q4.totals.openARR == Money(cents: 5_000))
        #expect(q4.totals.closedWon == 2 && q4.totals.closed == 3)
        #expect(q4.totals.renewalRate == 2.0 / 3.0)
        let q1 = p.quarters[1]
        #expect(q1.totals.renewalRate == nil) // nothing closed yet: no rate, not 0 %
        #expect(q1.totals.openARR == Money(cents: 1_500))
        #expect(p.totals.count == 7 && p.totals.renewalRate == 2.0 / 3.0)
    }

    @Test func thePeriodStartsThreeQuartersBack() {
        #expect(RenewalPipeline.firstDay(asOf: Day(iso: "2026-11-23")!) == Day(iso: "2026-01-01"))
        #expect(RenewalPipeline.firstDay(asOf: Day(iso: "2026-02-10")!, pastQuarters: 1) == Day(iso: "2025-10-01"))
    }
}
