/// Generates one account of a portfolio and everything that belongs to it, from the
/// account's own random stream.
struct AccountGenerator {
    let index: Int
    let id: String
    let portfolio: PortfolioGenerator
    var rng: SeededRandom

    /// The last day anything can have happened: the day before `asOf`.
    let lastDay: Day

    init(index: Int, portfolio: PortfolioGenerator) {
        self.index = index
        self.id = PortfolioGenerator.accountID(at: index)
        self.portfolio = portfolio
        self.rng = SeededRandom(seed: portfolio.seed, stream: UInt64(index))
        self.lastDay = portfolio.asOf.adding(days: -1)
    }

    mutating func run<E: Error>(_ emit: (PortfolioRecord) throws(E) -> Void) throws(E) {
        let account = makeAccount()
        let story = AccountStory.draw(tier: account.tier, using: &rng)
        // Nothing happens before the contract starts nor after an account churned.
        let start = max(portfolio.usageWeeks[0], account.contractStart)
        let end = account.status == .churned ? min(lastDay, account.renewalDate) : lastDay

        try emit(.account(account))
        let contacts = makeContacts(of: account, story: story)
        for contact in contacts { try emit(.contact(contact)) }
        try emitUsage(of: account, story: story, emit)
        if start <= end {
            try emitCases(of: account, story: story, from: start, to: end, emit)
            try emitNPS(of: contacts, story: story, from: start, to: end, emit)
            try emitPayments(story: story, from: start, to: end, emit)
            try emitActivities(of: account, contacts: contacts, story: story, from: start, to: end, emit)
        }
    }

    // MARK: - Account

    private var domain = ""
    private var region = SyntheticNames.Region.americas
    private var seats = 1
    private var ownerIndex = 0

    private mutating func makeAccount() -> Account {
        let tierRoll = rng.unit()
        let tier: Account.Tier = tierRoll < 0.10 ? .enterprise : tierRoll < 0.40 ? .midMarket : .smb
        let company = SyntheticNames.company(using: &rng)
        domain = company.domain
        region = company.region

        // ARR: lognormal-ish inside the tier's band, most accounts in the lower third.
        let (low, lnRatio, step): (Double, Double, Int64)
        switch tier {
        case .enterprise: (low, lnRatio, step) = (100_000, 2.70805020110221, 1_000)   // up to 1.5M
        case .midMarket: (low, lnRatio, step) = (20_000, 2.302585092994046, 100)      // up to 200k
        case .smb: (low, lnRatio, step) = (2_000, 2.70805020110221, 10)               // up to 30k
        }
        let f = min(1, max(0, 0.33 + 0.2 * rng.normal()))
        let units = low * PortableMath.exp(f * lnRatio)
        var cents = (Int64(units) / step) * step * 100
        if rng.chance(0.03) { cents += Int64(rng.int(in: 1...99)) }
        let arr = Money(cents: cents)

        let pricePerSeat: Double = tier == .enterprise ? 600 : tier == .midMarket ? 500 : 400
        seats = max(3, Int(units / (pricePerSeat * rng.uniform(0.7, 1.4))))

        // Contract: most customers for a while, some just onboarding; renewal on the next
        // anniversary of the term, so renewals spread over the coming year.
        let asOf = portfolio.asOf
        let tenure = rng.chance(0.08) ? rng.int(in: 1...89)
                                      : 90 + Int(min(rng.unit(), rng.unit()) * 2100)
        let contractStart = asOf.adding(days: -tenure)
        let termRoll = rng.unit()
        let term: Int
        switch tier {
        case .enterprise: term = termRoll < 0.6 ? 12 : termRoll < 0.85 ? 24 : 36
        case .midMarket: term = termRoll < 0.85 ? 12 : 24
        case .smb: term = 12
        }
        let (y0, m0, _) = contractStart.components
        let (y1, m1, _) = asOf.components
        var terms = max(1, ((y1 - y0) * 12 + (m1 - m0)) / term)
        while contractStart.adding(months: terms * term) <= asOf { terms += 1 }
        var renewal = contractStart.adding(months: terms * term)
        var status = Account.Status.active
        // A few accounts left at their last renewal, within the last four months.
        if rng.chance(0.045), terms >= 2 {
            let previous = contractStart.adding(months: (terms - 1) * term)
            if previous.days(until: asOf) <= 120 {
                renewal = previous
                status = .churned
            }
        }

        let team = portfolio.team
        ownerIndex = rng.index(below: team.csms.count)
        let aeIndex = rng.index(below: team.accountExecutives.count)
        let hasAE = tier != .smb || rng.chance(0.7)
        let timezone = rng.chance(0.05) ? nil : rng.pick(region.timezones)

        return Account(id: id, name: company.name, tier: tier, owner: team.csms[ownerIndex].login,
                       ae: hasAE ? team.accountExecutives[aeIndex].login : nil, arr: arr,
                       contractStart: contractStart, renewalDate: renewal,
                       seats: rng.chance(0.02) ? nil : seats, timezone: timezone,
                       emailOptOut: rng.chance(0.03), status: status)
    }

    // MARK: - Contacts

    private mutating func makeContacts(of account: Account, story: AccountStory) -> [Contact] {
        let count: Int
        switch account.tier {
        case .enterprise: count = rng.int(in: 4...8)
        case .midMarket: count = rng.int(in: 2...5)
        case .smb: count = rng.int(in: 1...3)
        }
        var contacts: [Contact] = []
        var locals: Set<String> = []
        for n in 0..<count {
            let person = SyntheticNames.person(using: &rng)
            var local = person.emailLocal
            if !locals.insert(local).inserted { local += String(n + 1) }
            let roles: Set<Contact.Role>
            switch (count, n) {
            case (1, _): roles = [.sponsor, .champion, .primary]
            case (2, 0), (_, 0): roles = [.sponsor]
            case (2, 1): roles = [.champion, .primary]
            case (_, 1): roles = [.champion]
            case (_, 2): roles = [.primary]
            default: roles = []
            }
            let left = n == 0 ? story.sponsorLeft : rng.chance(0.04)
            contacts.append(Contact(id: "\(id)-C\(n + 1)", accountID: id, name: person.name,
                                    email: local + "@" + domain, roles: roles,
                                    leftCompany: left, optOut: rng.chance(0.02)))
        }
        return contacts
    }

    // MARK: - Usage

    private mutating func emitUsage<E: Error>(of account: Account, story: AccountStory,
                                    _ emit: (PortfolioRecord) throws(E) -> Void) throws(E) {
        let weeks = portfolio.usageWeeks
        let firstWeek = account.contractStart.weekStart
        let available: Int
        switch account.tier {
        case .enterprise: available = 24
        case .midMarket: available = 16
        case .smb: available = 10
        }
        let reportsFeatures = !rng.chance(0.03)
        let reportsLogins = !rng.chance(0.02)
        let ceiling = Double(seats) * 1.25
        for (t, week) in weeks.enumerated() {
            if week < firstWeek { continue }
            if account.status == .churned && week >= account.renewalDate { break }
            // New customers take about two months to reach their usual level.
            let weeksIn = firstWeek.days(until: week) / 7
            let adoption = min(1, 0.25 + 0.75 * Double(weeksIn) / 8)
            let level = story.level(weeksBeforeEnd: weeks.count - 1 - t) * adoption
            let season = portfolio.seasonality[t]
            // People show up less elastically than their work: users move 60 % as much.
            let userLevel = 1 - (1 - level * season) * 0.6
            let users = min(ceiling, Double(seats) * story.utilisation * userLevel * rng.uniform(0.95, 1.05))
            let actions = users * story.actionsPerUser * (level / max(userLevel, 0.05)) * season
                * rng.uniform(0.88, 1.12)
            let activeUsers = Int(users.rounded())
            let used = min(available, Int((Double(available) * story.depth * min(1.2, level)
                                             * rng.uniform(0.9, 1.1)).rounded()))
            let logins = Double(activeUsers) * rng.uniform(2.5, 6)
            try emit(.usage(UsageWeek(accountID: id, week: week, activeUsers: activeUsers,
                                      logins: reportsLogins ? Int(logins) : nil,
                                      keyActions: Int(actions),
                                      featuresUsed: reportsFeatures ? used : nil,
                                      featuresAvailable: reportsFeatures ? available : nil)))
        }
    }

    // MARK: - Support cases

    private mutating func emitCases<E: Error>(of account: Account, story: AccountStory, from start: Day, to end: Day,
                                    _ emit: (PortfolioRecord) throws(E) -> Void) throws(E) {
        var perWeek: Double
        switch account.tier {
        case .enterprise: perWeek = 0.6
        case .midMarket: perWeek = 0.25
        case .smb: perWeek = 0.07
        }
        if case .declining = story.trajectory { perWeek *= 1.5 }

        var cases: [(priority: SupportCase.Priority, opened: Day, closed: Day?)] = []
        let expOfMinusRate = PortableMath.exp(-perWeek)
        var week = start
        while week <= end {
            for _ in 0..<rng.poisson(expOfMinusMean: expOfMinusRate) {
                let opened = week.adding(days: rng.int(in: 0...6))
                guard opened <= end else { continue }
                let roll = rng.unit()
                let priority: SupportCase.Priority = roll < 0.35 ? .low : roll < 0.75 ? .medium
                    : roll < 0.95 ? .high : .critical
                let typical: ClosedRange<Int>
                switch priority {
                case .critical: typical = 1...5
                case .high: typical = 2...10
                case .medium: typical = 3...20
                case .low: typical = 5...40
                }
                let closed = opened.adding(days: rng.int(in: typical))
                cases.append((priority, opened, closed <= end ? closed : nil))
            }
            week = week.adding(days: 7)
        }
        // A burst: several critical cases within days of each other, mostly still open.
        if let began = story.criticalBurst {
            var opened = portfolio.asOf.adding(days: -began)
            for _ in 0..<rng.int(in: 3...5) where opened >= start && opened <= end {
                let closed = opened.adding(days: rng.int(in: 1...4))
                cases.append((.critical, opened, rng.chance(0.2) && closed <= end ? closed : nil))
                opened = opened.adding(days: rng.int(in: 0...3))
            }
        }
        cases.sort { $0.opened < $1.opened }
        for (n, c) in cases.enumerated() {
            try emit(.supportCase(SupportCase(id: "\(id)-T\(n + 1)", accountID: id, priority: c.priority,
                                              opened: c.opened, closed: c.closed)))
        }
    }

    // MARK: - NPS

    private static let promoterComments = [
        "Love it", "The team adopted it in a week.", "Great support, fast answers",
        "Indispensable pour notre équipe", "とても使いやすい", "Reports save us hours every Monday",
    ]
    private static let passiveComments = [
        "Good, but reporting could be faster", "Does the job.", "Pricing is a bit high for us",
        "Setup was hard.\nNow it's fine.", "Funciona bien, falta integración con SAP",
    ]
    private static let detractorComments = [
        "Too slow since the last update", "We can't find the \"export\" button anymore, please fix",
        "Support took a week to answer", "Considering alternatives", "太复杂了", "Not worth the price, honestly",
    ]

    private mutating func emitNPS<E: Error>(of contacts: [Contact], story: AccountStory, from start: Day, to end: Day,
                                  _ emit: (PortfolioRecord) throws(E) -> Void) throws(E) {
        // Quarterly survey waves; about a third of the reachable contacts answer each one.
        var wave = end.adding(days: -rng.int(in: 0...90))
        var waves: [Day] = []
        while wave >= start.adding(days: 30) {
            waves.append(wave)
            wave = wave.adding(days: -91)
        }
        let declining: Bool
        if case .declining = story.trajectory { declining = true } else { declining = false }
        for (w, day) in waves.reversed().enumerated() {
            let recent = w >= waves.count - 2
            for contact in contacts where !contact.leftCompany && !contact.optOut {
                guard rng.chance(0.35) else { continue }
                let answered = day.adding(days: rng.int(in: 0...6))
                guard answered <= end else { continue }
                let mean = story.sentiment.meanScore - (declining && recent ? 1.5 : 0)
                let score = min(10, max(0, Int((mean + 1.2 * rng.normal()).rounded())))
                var comment: String?
                if rng.chance(0.4) {
                    comment = score <= 6 ? rng.pick(Self.detractorComments)
                        : score <= 8 ? rng.pick(Self.passiveComments) : rng.pick(Self.promoterComments)
                }
                try emit(.nps(NPSResponse(contactID: contact.id, date: answered, score: score, comment: comment)))
            }
        }
    }

    // MARK: - Payments

    private mutating func emitPayments<E: Error>(story: AccountStory, from start: Day, to end: Day,
                                       _ emit: (PortfolioRecord) throws(E) -> Void) throws(E) {
        // Finance reports every four weeks, the last time the day before `asOf`.
        var count = 0
        while lastDay.adding(days: -28 * count) >= start { count += 1 }
        for k in stride(from: count - 1, through: 0, by: -1) {
            let day = lastDay.adding(days: -28 * k)
            guard day <= end else { break }
            let overdue: Int
            switch story.payer {
            case .onTime: overdue = rng.chance(0.1) ? rng.int(in: 1...10) : 0
            case .sometimesLate: overdue = rng.chance(0.4) ? rng.int(in: 1...25) : 0
            case .overdue(let days): overdue = max(0, days - 28 * k)
            }
            try emit(.payment(PaymentStatus(accountID: id, asOf: day, daysOverdue: overdue)))
        }
    }

    // MARK: - Activities

    private static func summaries(of kind: Activity.Kind) -> [String] {
        switch kind {
        case .call: return ["Intro call with the new admin", "Walked through the usage report",
                            "Discussed expansion to a second team", "Call about the SSO rollout",
                            "Renewal timeline, budget confirmed"]
        case .email: return ["Sent the adoption report", "Shared training links", "Follow-up on the open ticket",
                             "Asked about rollout plans", "Invitation to the customer webinar"]
        case .meeting: return ["Workshop: advanced reporting", "Onboarding session", "Roadmap preview",
                               "Admin training, part 2"]
        case .qbr: return ["QBR: adoption, outcomes, next quarter goals", "QBR with the leadership team"]
        case .checkIn: return ["Monthly check-in", "Quick check-in, all good", "Check-in: usage questions"]
        case .note: return ["Champion on parental leave until next quarter", "Budget review in Q3",
                            "Reorg announced, new VP of Operations", "Prefers Slack over email"]
        }
    }

    private mutating func emitActivities<E: Error>(of account: Account, contacts: [Contact], story: AccountStory,
                                         from start: Day, to end: Day,
                                         _ emit: (PortfolioRecord) throws(E) -> Void) throws(E) {
        guard let silent = story.silentDays else { return }
        let meanGap: Double
        switch account.tier {
        case .enterprise: meanGap = 9
        case .midMarket: meanGap = 16
        case .smb: meanGap = 35
        }
        let until = min(end, lastDay.adding(days: -silent))
        let team = portfolio.team
        let owner = team.csms[ownerIndex]
        let reachable = contacts.filter { !$0.leftCompany }
        var lastQBR = start.adding(days: -rng.int(in: 0...90))
        var day = start.adding(days: rng.int(in: 0...Int(meanGap)))
        var n = 0
        while day <= until {
            let roll = rng.unit()
            var kind: Activity.Kind = roll < 0.40 ? .email : roll < 0.58 ? .call : roll < 0.72 ? .meeting
                : roll < 0.90 ? .checkIn : .note
            if account.tier != .smb, lastQBR.days(until: day) >= 85, rng.chance(0.5) {
                kind = .qbr
                lastQBR = day
            }
            let inbound = (kind == .email && rng.chance(0.4)) || (kind == .call && rng.chance(0.25))
            let authorRoll = rng.unit()
            let author: String
            if authorRoll < 0.10, let ae = account.ae { author = ae }
            else if authorRoll > 0.95, account.tier == .enterprise, let manager = owner.managerLogin { author = manager }
            else { author = owner.login }
            var summary = rng.pick(Self.summaries(of: kind))
            if inbound, let contact = reachable.isEmpty ? nil : rng.pick(reachable) {
                summary = "Reply from \(contact.firstName): " + summary.prefix(1).lowercased() + summary.dropFirst()
            }
            n += 1
            try emit(.activity(Activity(id: "\(id)-A\(n)", accountID: id, kind: kind,
                                        direction: inbound ? .inbound : .outbound, date: day,
                                        author: author, summary: summary)))
            day = day.adding(days: max(1, Int(meanGap * rng.uniform(0.4, 1.6))))
        }
    }
}
