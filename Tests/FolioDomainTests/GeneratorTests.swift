import Testing
import FolioDomain

/// The synthetic-portfolio generator: deterministic, streaming, consistent, believable.
@Suite struct GeneratorTests {
    static let asOf = Day(iso: "2026-03-09")!   // a Monday

    /// Every record of a portfolio, grouped: users, then one entry per account.
    struct Portfolio {
        var users: [User] = []
        var accounts: [[PortfolioRecord]] = []

        init(_ generator: PortfolioGenerator) {
            generator.generate { (record) in
                switch record {
                case .user(let user): users.append(user)
                case .account: accounts.append([record])
                default: accounts[accounts.count - 1].append(record)
                }
            }
        }

        var all: [PortfolioRecord] { users.map(PortfolioRecord.user) + accounts.flatMap { $0 } }
        var accountRecords: [Account] { all.compactMap { if case .account(let a) = $0 { a } else { nil } } }
        var contacts: [Contact] { all.compactMap { if case .contact(let c) = $0 { c } else { nil } } }
        var usage: [UsageWeek] { all.compactMap { if case .usage(let u) = $0 { u } else { nil } } }
        var cases: [SupportCase] { all.compactMap { if case .supportCase(let c) = $0 { c } else { nil } } }
        var nps: [NPSResponse] { all.compactMap { if case .nps(let n) = $0 { n } else { nil } } }
        var payments: [PaymentStatus] { all.compactMap { if case .payment(let p) = $0 { p } else { nil } } }
        var activities: [Activity] { all.compactMap { if case .activity(let a) = $0 { a } else { nil } } }
    }

    static func portfolio(accounts: Int, weeks: Int = 12, seed: UInt64 = 7, asOf: Day = asOf) -> Portfolio {
        Portfolio(PortfolioGenerator(accounts: accounts, weeks: weeks, seed: seed, asOf: asOf))
    }

    // A larger book shared by the distribution tests.
    static let book = portfolio(accounts: 2_000, weeks: 16, seed: 2026)

    // MARK: - Random numbers

    @Test func splitMix64MatchesTheReferenceOutput() {
        var mixer = SplitMix64(state: 0)
        #expect([mixer.next(), mixer.next(), mixer.next()]
                == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test func seededRandomIsXoshiro256StarStarSeededBySplitMix64() {
        // Values from the reference algorithm, computed independently.
        var rng = SeededRandom(seed: 42)
        #expect([rng.next(), rng.next(), rng.next()]
                == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1])
    }

    @Test func streamsAreIndependentAndRepeatable() {
        var a = SeededRandom(seed: 1, stream: 5), b = SeededRandom(seed: 1, stream: 5)
        var c = SeededRandom(seed: 1, stream: 6), d = SeededRandom(seed: 2, stream: 5)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(first != (0..<4).map { _ in c.next() })
        #expect(first != (0..<4).map { _ in d.next() })
    }

    @Test func distributionHelpersStayInRange() {
        var rng = SeededRandom(seed: 9)
        for _ in 0..<10_000 {
            let u = rng.unit()
            #expect(u >= 0 && u < 1)
            #expect((3...7).contains(rng.int(in: 3...7)))
            #expect(abs(rng.normal()) <= 3.47)
            #expect(rng.poisson(0.5) >= 0)
        }
        let mean = (0..<20_000).map { _ in Double(rng.poisson(2)) }.reduce(0, +) / 20_000
        #expect(abs(mean - 2) < 0.1)
    }

    @Test(arguments: [-20.0, -3.3, -1, -0.5, 0, 0.1, 1, 2.302585092994046, 7.5, 14])
    func portableExpAgreesWithTheKnownValues(x: Double) {
        // e^x by its defining series, summed in wide steps: independent of the range reduction.
        var term = 1.0, sum = 1.0
        let steps = 64
        let y = x / Double(steps)
        for k in 1...30 { term *= y / Double(k); sum += term }
        var expected = 1.0
        for _ in 0..<steps { expected *= sum }
        #expect(abs(PortableMath.exp(x) - expected) <= 1e-12 * expected)
    }

    // MARK: - Determinism and streaming

    @Test func sameSeedGivesTheSameRecords() {
        #expect(Self.portfolio(accounts: 50).all == Self.portfolio(accounts: 50).all)
    }

    @Test func differentSeedsGiveDifferentRecords() {
        let a = Self.portfolio(accounts: 50, seed: 1), b = Self.portfolio(accounts: 50, seed: 2)
        #expect(a.accountRecords != b.accountRecords)
        #expect(a.usage != b.usage)
        #expect(a.users != b.users)
    }

    @Test func anAccountIsTheSameWhateverTheSizeOfThePortfolio() {
        let small = Self.portfolio(accounts: 10), large = Self.portfolio(accounts: 20)
        #expect(small.users == large.users)
        for i in 0..<10 {
            #expect(small.accounts[i] == large.accounts[i], "account \(i) changed with the portfolio's size")
        }
    }

    @Test func generatingOneAccountGivesTheSameRowsAsTheWholePortfolio() {
        let generator = PortfolioGenerator(accounts: 30, weeks: 8, seed: 3, asOf: Self.asOf)
        let whole = Portfolio(generator)
        for i in [0, 17, 29] {
            var rows: [PortfolioRecord] = []
            generator.generateAccount(at: i) { rows.append($0) }
            #expect(rows == whole.accounts[i])
        }
    }

    @Test func accountIDsAreNumberedFromG0000001() {
        #expect(PortfolioGenerator.accountID(at: 0) == "G0000001")
        #expect(PortfolioGenerator.accountID(at: 41) == "G0000042")
        #expect(PortfolioGenerator.accountID(at: 9_999_999) == "G10000000")
        #expect(Self.book.accountRecords.map(\.id) == (0..<2_000).map(PortfolioGenerator.accountID(at:)))
    }

    // MARK: - Team

    @Test(arguments: [(1, 2, 1, 1), (10, 2, 1, 1), (1_000, 7, 1, 3), (2_000, 13, 2, 5), (100_000, 667, 83, 250)])
    func teamIsSizedToThePortfolio(accounts: Int, csms: Int, managers: Int, aes: Int) {
        let team = PortfolioGenerator.Team(accountCount: accounts, seed: 1)
        #expect(team.csms.count == csms)
        #expect(team.managers.count == managers)
        #expect(team.accountExecutives.count == aes)
        #expect(team.vp.role == .vp && team.vp.managerLogin == nil)
        #expect(Set(team.users.map(\.login)).count == team.users.count, "logins are unique")
    }

    @Test func teamReportingLinesResolve() {
        let users = Self.book.users
        let byLogin = Dictionary(uniqueKeysWithValues: users.map { ($0.login, $0) })
        #expect(users.first?.role == .vp)
        for user in users where user.role != .vp {
            let manager = user.managerLogin.flatMap { byLogin[$0] }
            #expect(manager?.role == (user.role == .csm ? .manager : .vp), "\(user.login)'s manager")
        }
        #expect(users.allSatisfy { $0.email.allSatisfy(\.isASCII) && $0.login.allSatisfy(\.isASCII) })
    }

    // MARK: - Dates

    @Test(arguments: ["2026-03-09", "2026-03-11", "2026-03-15", "2025-12-29"])
    func usageWeeksAreMondaysEndingWithTheLastWholeWeekBeforeAsOf(asOfText: String) {
        let asOf = Day(iso: asOfText)!
        let generator = PortfolioGenerator(accounts: 40, weeks: 10, seed: 5, asOf: asOf)
        #expect(generator.usageWeeks.count == 10)
        let last = generator.usageWeeks.last!
        #expect(last.isMonday)
        #expect((7...13).contains(last.days(until: asOf)), "the last week ends before \(asOf)")
        let usage = Portfolio(generator).usage
        #expect(!usage.isEmpty)
        #expect(usage.allSatisfy { $0.week.isMonday && $0.week <= last && $0.week >= generator.usageWeeks[0] })
        #expect(usage.contains { $0.week == last })
    }

    @Test func everythingHappensBeforeAsOfAndRenewalsComeAfter() {
        let book = Self.book
        let asOf = Self.asOf
        #expect(book.cases.allSatisfy { $0.opened < asOf && ($0.closed.map { $0 < asOf } ?? true) })
        #expect(book.cases.allSatisfy { c in c.closed.map { c.opened <= $0 } ?? true })
        #expect(book.nps.allSatisfy { $0.date < asOf && (0...10).contains($0.score) })
        #expect(book.payments.allSatisfy { $0.asOf < asOf && $0.daysOverdue >= 0 })
        #expect(book.activities.allSatisfy { $0.date < asOf })
        for account in book.accountRecords {
            #expect(account.contractStart < asOf)
            #expect(account.contractStart < account.renewalDate)
            if account.status == .active {
                #expect(account.renewalDate > asOf && account.daysToRenewal(asOf: asOf) <= 1_100)
            } else {
                #expect(account.renewalDate <= asOf)
            }
        }
    }

    @Test func nothingHappensBeforeTheContractStarts() {
        let starts = Dictionary(uniqueKeysWithValues: Self.book.accountRecords.map { ($0.id, $0.contractStart) })
        #expect(Self.book.usage.allSatisfy { $0.week >= starts[$0.accountID]!.weekStart })
        #expect(Self.book.cases.allSatisfy { $0.opened >= starts[$0.accountID]! })
        #expect(Self.book.activities.allSatisfy { $0.date >= starts[$0.accountID]! })
    }

    // MARK: - References

    @Test func everyReferenceResolves() {
        let book = Self.book
        let logins = Set(book.users.map(\.login))
        let csms = Set(book.users.filter { $0.role == .csm }.map(\.login))
        let aes = Set(book.users.filter { $0.role == .ae }.map(\.login))
        let accountIDs = Set(book.accountRecords.map(\.id))
        let contactIDs = Set(book.contacts.map(\.id))
        #expect(accountIDs.count == 2_000)
        #expect(contactIDs.count == book.contacts.count, "contact ids are unique")
        #expect(Set(book.cases.map(\.id)).count == book.cases.count, "case ids are unique")
        #expect(Set(book.activities.map(\.id)).count == book.activities.count, "activity ids are unique")
        for account in book.accountRecords {
            #expect(csms.contains(account.owner))
            #expect(account.ae.map(aes.contains) ?? true)
        }
        #expect(book.users.allSatisfy { $0.managerLogin.map(logins.contains) ?? true })
        #expect(book.contacts.allSatisfy { accountIDs.contains($0.accountID) })
        #expect(book.usage.allSatisfy { accountIDs.contains($0.accountID) })
        #expect(book.cases.allSatisfy { accountIDs.contains($0.accountID) })
        #expect(book.payments.allSatisfy { accountIDs.contains($0.accountID) })
        #expect(book.activities.allSatisfy { accountIDs.contains($0.accountID) && logins.contains($0.author) })
        #expect(book.nps.allSatisfy { contactIDs.contains($0.contactID) })
    }

    @Test func recordsOfAnAccountFollowItInImportOrder() {
        func rank(_ record: PortfolioRecord) -> Int {
            switch record {
            case .user: return 0
            case .account: return 1
            case .contact: return 2
            case .usage: return 3
            case .supportCase: return 4
            case .nps: return 5
            case .payment: return 6
            case .activity: return 7
            }
        }
        for rows in Self.book.accounts.prefix(200) {
            guard case .account(let account) = rows[0] else { Issue.record("an account comes first"); return }
            let ranks = rows.map(rank)
            #expect(ranks == ranks.sorted())
            #expect(ranks.dropFirst().allSatisfy { $0 > 1 })
            for row in rows.dropFirst() {
                switch row {
                case .contact(let c): #expect(c.accountID == account.id)
                case .usage(let u): #expect(u.accountID == account.id)
                case .nps(let n): #expect(n.contactID.hasPrefix(account.id + "-"))
                default: break
                }
            }
        }
    }

    // MARK: - Distributions

    @Test func tiersAreAboutTenThirtySixtyPercent() {
        let accounts = Self.book.accountRecords
        func share(_ tier: Account.Tier) -> Double {
            Double(accounts.filter { $0.tier == tier }.count) / Double(accounts.count)
        }
        #expect(abs(share(.enterprise) - 0.10) < 0.03)
        #expect(abs(share(.midMarket) - 0.30) < 0.04)
        #expect(abs(share(.smb) - 0.60) < 0.04)
    }

    @Test func arrAndSeatsFollowTheTier() {
        let bands: [Account.Tier: ClosedRange<Int64>] = [
            .enterprise: 100_000_00...1_500_000_99, .midMarket: 20_000_00...200_000_99, .smb: 2_000_00...30_000_99,
        ]
        var medians: [Account.Tier: Int64] = [:]
        for tier in Account.Tier.allCases {
            let arrs = Self.book.accountRecords.filter { $0.tier == tier }.map(\.arr.cents).sorted()
            #expect(arrs.allSatisfy(bands[tier]!.contains), "\(tier) ARR inside its band")
            medians[tier] = arrs[arrs.count / 2]
            // Log-normal-ish: most in the lower part of the band, a long tail up.
            let band = bands[tier]!
            #expect(medians[tier]! < (band.lowerBound + band.upperBound) / 2)
            #expect(arrs.last! > band.lowerBound * 4)
        }
        let seats = Self.book.accountRecords.compactMap { a in a.seats.map { (a.tier, $0) } }
        let meanSeats = { (tier: Account.Tier) in
            Double(seats.filter { $0.0 == tier }.map(\.1).reduce(0, +)) / Double(seats.filter { $0.0 == tier }.count)
        }
        #expect(meanSeats(.enterprise) > meanSeats(.midMarket) && meanSeats(.midMarket) > meanSeats(.smb))
    }

    /// Key actions of the last 4 usage weeks against the 4 before, per account.
    static func usageTrend() -> [Double] {
        var byAccount: [String: [Int]] = [:]
        for row in book.usage { byAccount[row.accountID, default: []].append(row.keyActions) }
        return byAccount.values.compactMap { actions in
            guard actions.count >= 8 else { return nil }
            let last = Double(actions.suffix(4).reduce(0, +)), before = Double(actions.suffix(8).prefix(4).reduce(0, +))
            return before > 0 ? last / before - 1 : nil
        }
    }

    @Test func mostAccountsAreSteadySomeDeclineSomeSurge() {
        let trends = Self.usageTrend()
        let declining = Double(trends.filter { $0 <= -0.3 }.count) / Double(trends.count)
        let surging = Double(trends.filter { $0 >= 0.3 }.count) / Double(trends.count)
        #expect((0.04...0.25).contains(declining), "declining share \(declining)")
        #expect((0.03...0.20).contains(surging), "surging share \(surging)")
        #expect(1 - declining - surging > 0.6)
    }

    @Test func usageDipsInSummerAndAtTheEndOfTheYear() {
        let generator = PortfolioGenerator(accounts: 300, weeks: 52, seed: 11, asOf: Day(iso: "2026-03-02")!)
        var totals: [Day: Int] = [:]
        generator.generate { record in
            if case .usage(let u) = record { totals[u.week, default: 0] += u.keyActions }
        }
        func total(_ iso: String) -> Int { totals[Day(iso: iso)!.weekStart]! }
        #expect(Double(total("2025-08-11")) < 0.9 * Double(total("2025-10-13")))
        #expect(Double(total("2025-12-22")) < 0.7 * Double(total("2025-11-17")))
    }

    @Test func someSponsorsLeftAndSomeDetractorsAnswered() {
        let book = Self.book
        let sponsorsLeft = book.contacts.filter { $0.roles.contains(.sponsor) && $0.leftCompany }.count
        #expect(sponsorsLeft > 40 && sponsorsLeft < 300)
        let detractors = book.nps.filter(\.isDetractor).count
        #expect(detractors > 0 && Double(detractors) / Double(book.nps.count) < 0.4)
        #expect(book.nps.filter(\.isPromoter).count > detractors)
        #expect(book.contacts.allSatisfy { $0.email.allSatisfy(\.isASCII) && $0.email.hasSuffix(".example") })
        // Every account has exactly one sponsor, champion and primary contact.
        var roles: [String: [Contact.Role]] = [:]
        for c in book.contacts { roles[c.accountID, default: []] += c.roles }
        #expect(roles.values.allSatisfy { $0.sorted { $0.rawValue < $1.rawValue } == [.champion, .primary, .sponsor] })
    }

    @Test func somePaymentsAreThirtyAndSixtyDaysLate() {
        var latest: [String: PaymentStatus] = [:]
        for p in Self.book.payments where p.asOf >= (latest[p.accountID]?.asOf ?? p.asOf) { latest[p.accountID] = p }
        let overdue = latest.values.map(\.daysOverdue)
        let thirty = overdue.filter { $0 >= 30 }.count, sixty = overdue.filter { $0 >= 60 }.count
        #expect(thirty > 60 && thirty < 400, "\(thirty) accounts 30+ days overdue")
        #expect(sixty > 20 && sixty < thirty)
        #expect(overdue.filter { $0 == 0 }.count > 1_200)
    }

    @Test func criticalCasesComeInBursts() {
        var openCritical: [String: Int] = [:]
        for c in Self.book.cases where c.priority == .critical && c.isOpen(on: Self.asOf) {
            openCritical[c.accountID, default: 0] += 1
        }
        let bursting = openCritical.values.filter { $0 >= 3 }.count
        #expect(bursting >= 10 && bursting < 200, "\(bursting) accounts with 3+ open critical cases")
        let priorities = Dictionary(grouping: Self.book.cases, by: \.priority).mapValues(\.count)
        #expect(priorities[.medium]! > priorities[.high]! && priorities[.high]! > 0)
    }

    @Test func renewalsSpreadOverTheComingYearAndSomeAccountsAreOnboarding() {
        let active = Self.book.accountRecords.filter { $0.status == .active }
        var quarters = [0, 0, 0, 0]
        for a in active where a.daysToRenewal(asOf: Self.asOf) <= 364 {
            quarters[min(3, a.daysToRenewal(asOf: Self.asOf) / 91)] += 1
        }
        #expect(quarters.allSatisfy { $0 > 300 }, "renewals per quarter \(quarters)")
        let onboarding = active.filter { $0.tenureDays(asOf: Self.asOf) < 90 }.count
        #expect(onboarding > 80 && onboarding < 300)
        let veterans = active.filter { $0.tenureDays(asOf: Self.asOf) >= 730 }.count
        #expect(veterans > 300)
        let churned = Self.book.accountRecords.count - active.count
        #expect(churned > 0 && churned < 100)
    }

    @Test func someAccountsHaveGoneQuiet() {
        var lastActivity: [String: Day] = [:]
        for a in Self.book.activities { lastActivity[a.accountID] = max(lastActivity[a.accountID] ?? a.date, a.date) }
        let active = Self.book.accountRecords.filter { $0.status == .active }
        let quiet = active.filter { a in lastActivity[a.id].map { $0.days(until: Self.asOf) > 60 } ?? true }.count
        #expect(quiet > 100 && quiet < 800, "\(quiet) accounts without activity for 60 days")
        #expect(Self.book.activities.contains { $0.kind == .qbr })
        #expect(Self.book.activities.contains { $0.isCustomerReply })
    }

    @Test func namesExerciseUnicode() {
        let names = Self.book.accountRecords.map(\.name) + Self.book.contacts.map(\.name)
        #expect(names.contains { $0.unicodeScalars.contains { (0x00C0...0x024F).contains($0.value) } }, "accents")
        #expect(names.contains { $0.unicodeScalars.contains { (0x3040...0x9FFF).contains($0.value) } }, "CJK")
        #expect(names.contains { $0.contains(",") }, "a name the CSV must quote")
        #expect(names.allSatisfy { !$0.isEmpty && !$0.contains("\n") })
    }
}
