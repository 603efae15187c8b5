import Testing
import FolioDomain

/// When check-ins fall due (DESIGN §2.4) and the planning horizon.
@Suite struct CheckInCalendarTests {
    static func account(start: String, renewal: String = "2030-01-01", tier: Account.Tier = .midMarket) -> Account {
        Account(id: "A", name: "A", tier: tier, owner: "ana", arr: Money(cents: 100_000_00),
                contractStart: Day(iso: start)!, renewalDate: Day(iso: renewal)!)
    }

    func due(_ c: [CheckIn]) -> [String] { c.map { "\($0.kind.rawValue) \($0.due)" } }

    @Test func onboardingOnDays30_60_90() {
        let a = Self.account(start: "2026-09-24")
        let plan = CheckInCalendar.standard.checkIns(for: a, from: Day(iso: "2026-09-24")!, through: Day(iso: "2026-12-31")!)
        #expect(due(plan.filter { $0.kind == .onboarding }) == ["onboarding 2026-10-24", "onboarding 2026-11-23", "onboarding 2026-12-23"])
        #expect(plan.filter { $0.kind == .onboarding }.map { $0.title(contractStart: a.contractStart) }
                == ["onboarding day 30", "onboarding day 60", "onboarding day 90"])
    }

    @Test func qbrPreparationThirtyDaysBeforeEachQuarterEnd() {
        let a = Self.account(start: "2024-02-10")
        let plan = CheckInCalendar.standard.checkIns(for: a, from: Day(iso: "2026-01-01")!, through: Day(iso: "2026-12-31")!)
        #expect(due(plan.filter { $0.kind == .qbrPrep }) == ["qbr-prep 2026-03-01", "qbr-prep 2026-05-31", "qbr-prep 2026-08-31", "qbr-prep 2026-12-01"])
        #expect(plan.first { $0.kind == .qbrPrep }?.title(contractStart: a.contractStart) == "QBR preparation (2026-Q1)")
    }

    @Test func noQBRDuringOnboardingAndOnlyForConfiguredTiers() {
        let young = Self.account(start: "2026-08-25")
        let plan = CheckInCalendar.standard.checkIns(for: young, from: Day(iso: "2026-08-25")!, through: Day(iso: "2026-12-31")!)
        #expect(due(plan.filter { $0.kind == .qbrPrep }) == ["qbr-prep 2026-12-01"]) // not 2026-08-31, six days in
        var enterpriseOnly = CheckInCalendar.standard
        enterpriseOnly.qbrTiers = [.enterprise]
        let smb = Self.account(start: "2020-01-10", tier: .smb)
        #expect(enterpriseOnly.checkIns(for: smb, from: Day(iso: "2026-01-01")!, through: Day(iso: "2026-12-31")!).allSatisfy { $0.kind != .qbrPrep })
    }

    @Test func anniversariesEveryYear() {
        let a = Self.account(start: "2023-05-17")
        let plan = CheckInCalendar.standard.checkIns(for: a, from: Day(iso: "2024-01-01")!, through: Day(iso: "2026-12-31")!)
        #expect(due(plan.filter { $0.kind == .anniversary }) == ["anniversary 2024-05-17", "anniversary 2025-05-17", "anniversary 2026-05-17"])
        #expect(plan.last { $0.kind == .anniversary }?.title(contractStart: a.contractStart) == "anniversary (year 3)")
        // 29 February falls on the 28th in other years.
        let leap = Self.account(start: "2024-02-29")
        #expect(due(CheckInCalendar.standard.checkIns(for: leap, from: Day(iso: "2025-02-01")!, through: Day(iso: "2025-03-31")!)
            .filter { $0.kind == .anniversary }) == ["anniversary 2025-02-28"])
    }

    /// The window is 7 days before to 14 after by default, and comes from the calendar.
    @Test(arguments: [(7, 14, "2026-11-16", "2026-12-07"), (3, 5, "2026-11-20", "2026-11-28")])
    func windowAroundTheDueDate(_ before: Int, _ after: Int, _ opens: String, _ closes: String) {
        var calendar = CheckInCalendar.standard
        calendar.daysBefore = before
        calendar.daysAfter = after
        let c = calendar.checkIn(accountID: "A", kind: .onboarding, due: Day(iso: "2026-11-23")!)
        #expect(c.opens == Day(iso: opens))
        #expect(c.closes == Day(iso: closes))
        #expect(c.state == .due)
    }

    @Test func theRunPlansFromWindowsStillOpenToThirtyDaysAhead() {
        let asOf = Day(iso: "2026-11-23")!
        let calendar = CheckInCalendar.standard
        #expect(calendar.planFrom(asOf: asOf) == Day(iso: "2026-11-09"))
        #expect(calendar.planThrough(asOf: asOf) == Day(iso: "2026-12-23"))
        let a = Self.account(start: "2026-09-24")
        let plan = calendar.checkIns(for: a, from: calendar.planFrom(asOf: asOf), through: calendar.planThrough(asOf: asOf))
        #expect(due(plan) == ["onboarding 2026-11-23", "onboarding 2026-12-23"]) // day 30 (10-24) closed; QBR prep before day 90
    }

    @Test func nothingBeforeTheContractStartsAndNothingInAnEmptyRange() {
        let a = Self.account(start: "2027-01-10")
        #expect(CheckInCalendar.standard.checkIns(for: a, from: Day(iso: "2026-11-01")!, through: Day(iso: "2027-01-05")!).isEmpty)
        #expect(CheckInCalendar.standard.checkIns(for: a, from: Day(iso: "2027-03-01")!, through: Day(iso: "2027-02-01")!).isEmpty)
    }
}

/// Done inside the window, missed outside it (DESIGN §2.4).
@Suite struct CheckInOutcomeTests {
    static let checkIn = CheckInCalendar.standard.checkIn(accountID: "A", kind: .onboarding, due: Day(iso: "2026-11-23")!)

    static func logged(_ kind: Activity.Kind, _ date: String, id: String = "X") -> CheckInOutcome.Logged {
        CheckInOutcome.Logged(id: id, kind: kind, date: Day(iso: date)!)
    }

    @Test(arguments: [
        // activity, judged on, expected state
        (Activity.Kind.call, "2026-11-16", "2026-11-23", CheckIn.State.done),      // first day of the window
        (.meeting, "2026-12-07", "2026-12-10", .done),                             // last day of the window
        (.qbr, "2026-11-20", "2026-11-23", .done),
        (.checkIn, "2026-11-30", "2026-12-01", .done),
        (.call, "2026-11-15", "2026-12-08", .missed),                              // a day too early
        (.call, "2026-12-08", "2026-12-09", .missed),                              // a day too late
        (.email, "2026-11-23", "2026-12-08", .missed),                             // an email is not a check-in
        (.note, "2026-11-23", "2026-11-30", .due),                                 // nor a note; the window is still open
        (.call, "2026-11-25", "2026-11-23", .due),                                 // logged for a day after the one judged
    ])
    func judged(_ kind: Activity.Kind, _ date: String, _ asOf: String, _ state: CheckIn.State) {
        let judged = CheckInOutcome.judge(Self.checkIn, activities: [Self.logged(kind, date)], asOf: Day(iso: asOf)!)
        #expect(judged.state == state)
        #expect((judged.activityID != nil) == (state == .done))
    }

    @Test func theFirstQualifyingActivityCompletesIt() {
        let judged = CheckInOutcome.judge(Self.checkIn, activities: [Self.logged(.call, "2026-11-25", id: "late"),
                                                                    Self.logged(.meeting, "2026-11-18", id: "early")],
                                          asOf: Day(iso: "2026-11-30")!)
        #expect(judged.activityID == "early")
    }

    @Test func aMissedCheckInTurnsDoneWhenLoggedLateButDoneStaysDone() {
        var missed = Self.checkIn
        missed.state = .missed
        #expect(CheckInOutcome.judge(missed, activities: [Self.logged(.call, "2026-11-24")], asOf: Day(iso: "2026-12-20")!).state == .done)
        var done = Self.checkIn
        done.state = .done
        done.activityID = "A1"
        #expect(CheckInOutcome.judge(done, activities: [], asOf: Day(iso: "2027-01-01")!) == done)
    }

    @Test(arguments: [("2026-11-10", CheckInOutcome.Standing.upcoming), ("2026-11-16", .due), ("2026-11-23", .due),
                      ("2026-11-24", .overdue), ("2026-12-07", .overdue), ("2026-12-08", .missed)])
    func standing(_ asOf: String, _ standing: CheckInOutcome.Standing) {
        #expect(CheckInOutcome.standing(of: Self.checkIn, asOf: Day(iso: asOf)!) == standing)
    }
}

/// Coverage: accounts with a check-in within their tier's limit, flagged under 80 %.
@Suite struct CheckInCoverageTests {
    static let asOf = Day(iso: "2026-11-23")!

    static func entry(_ owner: String, _ tier: Account.Tier, daysAgo: Int?) -> CheckInCoverage.Entry {
        CheckInCoverage.Entry(owner: owner, tier: tier, lastCheckIn: daysAgo.map { asOf.adding(days: -$0) })
    }

    @Test func anEmptyBookHasNoRateAndNoFlag() {
        let coverage = CheckInCoverage([], asOf: Self.asOf)
        #expect(coverage.overall.accounts == 0)
        #expect(coverage.overall.rate == nil)
        #expect(!coverage.overall.isFlagged)
        #expect(coverage.byOwner.isEmpty)
    }

    @Test(arguments: [
        // tier, days since the last check-in (nil: never), covered?
        (Account.Tier.enterprise, Optional(45), true), (.enterprise, 46, false), (.midMarket, 30, true), (.midMarket, 31, false),
        (.smb, 90, true), (.smb, 91, false), (.smb, nil, false), (.smb, -1, false),
    ])
    func oneAccountBook(_ tier: Account.Tier, _ daysAgo: Int?, _ covered: Bool) {
        let coverage = CheckInCoverage([Self.entry("ana", tier, daysAgo: daysAgo)], asOf: Self.asOf)
        #expect(coverage.overall.covered == (covered ? 1 : 0))
        #expect(coverage.overall.rate == (covered ? 1 : 0))
        #expect(coverage.overall.isFlagged == !covered)
    }

    @Test func perCSMAndOverallWithTheFlagAt80Percent() {
        // ana: 4 of 5 (80 %, not flagged); kenji: 3 of 4 (75 %, flagged); overall 7 of 9 (78 %, flagged).
        let entries = (0..<4).map { _ in Self.entry("ana", .midMarket, daysAgo: 10) } + [Self.entry("ana", .midMarket, daysAgo: 40)]
            + (0..<3).map { _ in Self.entry("kenji", .smb, daysAgo: 80) } + [Self.entry("kenji", .smb, daysAgo: nil)]
        let coverage = CheckInCoverage(entries, asOf: Self.asOf)
        #expect(coverage.byOwner.map(\.owner) == ["ana", "kenji"])
        #expect(coverage.byOwner[0].rate.covered == 4 && coverage.byOwner[0].rate.accounts == 5)
        #expect(coverage.byOwner[0].rate.rate == 0.8)
        #expect(!coverage.byOwner[0].rate.isFlagged)
        #expect(coverage.byOwner[1].rate.isFlagged)
        #expect(coverage.overall.covered == 7 && coverage.overall.accounts == 9)
        #expect(coverage.overall.isFlagged)
        // A lower flag from config.
        #expect(!CheckInCoverage(entries, asOf: Self.asOf, flag: 0.75).byOwner[1].rate.isFlagged)
    }
}

/// What to talk about at a check-in (DESIGN §2.4).
@Suite struct CheckInHintTests {
    @Test(arguments: [
        ("2026-10-24", "2030-01-01", CheckInHints.early),          // month 1
        ("2026-09-01", "2030-01-01", CheckInHints.early),          // month 3
        ("2026-07-01", "2030-01-01", "stage"),                     // month 5: the stage's action
        ("2026-03-01", "2030-01-01", CheckInHints.expansion),      // month 9
        ("2025-05-01", "2030-01-01", "stage"),                     // month 19
        ("2025-05-01", "2027-01-20", CheckInHints.preRenewal),     // 58 days to renewal
        ("2026-10-24", "2027-01-20", CheckInHints.preRenewal),     // pre-renewal wins over the early months
    ])
    func hint(_ start: String, _ renewal: String, _ expected: String) {
        let a = CheckInCalendarTests.account(start: start, renewal: renewal)
        #expect(CheckInHints.standard.hint(for: a, on: Day(iso: "2026-11-23")!, stageAction: "stage") == expected)
    }
}
