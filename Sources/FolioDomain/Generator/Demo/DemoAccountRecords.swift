/// One demo account and everything that belongs to it, drawn from the account's own random
/// stream: its facts, then contacts, usage, cases, NPS answers, payment status and
/// activities. A story's script fixes what the story tells; the rest follows the account's
/// latent health, each record kind with its own noise.
struct DemoAccountRecords {
    private(set) var account: Account
    private(set) var latent: LatentHealth
    private(set) var contacts: [Contact] = []
    private(set) var usage: [UsageWeek] = []
    /// Ids are given by `DemoBook`, book-wide.
    private(set) var cases: [SupportCase] = []
    /// Answers by the index of the contact who gave them.
    private(set) var answers: [(Int, NPSResponse)] = []
    private(set) var payments: [PaymentStatus] = []
    private(set) var activities: [Activity] = []

    private let plan: DemoPlan
    private var rng: SeededRandom
    private let locale: DemoLocale
    private let slug: String

    static let asOf = DemoBook.asOf
    static let weeks = DemoBook.usageWeeks
    static let features: [Account.Tier: Int] = [.enterprise: 24, .midMarket: 16, .smb: 10]
    /// Days between the CSM's emails and notes for a healthy account.
    static let touchGap: [Account.Tier: Double] = [.enterprise: 10, .midMarket: 14, .smb: 30]
    /// The tiers' check-in limits (alerts.yaml), which calls and check-ins are paced by.
    static let checkInLimit: [Account.Tier: Double] = [.enterprise: 45, .midMarket: 30, .smb: 90]
    static let meetingGap: [Account.Tier: Double] = [.enterprise: 35, .midMarket: 56, .smb: 84]
    static let accountExecutives = ["priya.nair", "mateusz.wojcik"]

    init(plan: DemoPlan, takenNames: Set<String>) {
        self.plan = plan
        var rng = SeededRandom(seed: DemoBook.seed, stream: plan.stream ?? UInt64(plan.number))
        if let script = plan.story?.script {
            locale = .en
            slug = script.slug
            latent = LatentHealth(weekly: script.latent)
            account = Account(id: script.id, name: script.name, tier: script.tier, owner: script.owner, ae: script.ae,
                              arr: Money(cents: script.arr * 100), contractStart: script.start, renewalDate: script.renewal,
                              seats: script.seats, timezone: script.timezone, status: script.status)
        } else {
            let locale = plan.locale ?? Self.pickLocale(using: &rng)
            let company = plan.name.map { ($0, plan.slug!) }
                ?? DemoNames.company(locale, taken: takenNames, using: &rng)
                ?? ("\(plan.id) Holdings", plan.id.lowercased())
            self.locale = locale
            slug = company.1
            (account, latent) = Self.drawAccount(plan, name: company.0, locale: locale, using: &rng)
        }
        self.rng = rng
        drawContacts()
        drawUsage()
        drawCases()
        drawAnswers()
        drawPayments()
        drawActivities()
    }

    private var script: DemoScript? { plan.story?.script }

    /// The day the customer left (a story's, or a former customer's renewal): no usage,
    /// activity, answer or payment from it on.
    private var churnedOn: Day? { script?.churnedOn ?? plan.leftOn }

    // MARK: - The account

    private static func pickLocale(using rng: inout SeededRandom) -> DemoLocale {
        let total = DemoLocale.weights.reduce(0) { $0 + $1.1 }
        var roll = rng.int(in: 1...total)
        for (locale, weight) in DemoLocale.weights {
            roll -= weight
            if roll <= 0 { return locale }
        }
        return .en
    }

    private static func drawAccount(_ plan: DemoPlan, name: String, locale: DemoLocale,
                                    using rng: inout SeededRandom) -> (Account, LatentHealth) {
        let tier = plan.tier
        let timezone = plan.timezone ?? rng.pick(locale.timezones)
        // ARR: spread over the tier's band, most accounts in its lower part.
        let (low, lnRatio, step): (Double, Double, Double) = switch tier {
        case .enterprise: (150_000, 1.791759469228055, 500)   // up to 900k
        case .midMarket: (25_000, 1.791759469228055, 100)     // up to 150k
        case .smb: (3_000, 2.120263536200091, 10)             // up to 25k
        }
        let u = rng.unit()
        let arr = (low * PortableMath.exp(u * u.squareRoot() * lnRatio) / step).rounded() * step
        let perSeat: (Double, Double) = switch tier {
        case .enterprise: (380, 620)
        case .midMarket: (420, 720)
        case .smb: (380, 650)
        }
        let seats = max(5, Int(arr / rng.uniform(perSeat.0, perSeat.1)))

        let start: Day, renewal: Day
        if let days = plan.startedDaysAgo {
            start = asOf.adding(days: -days)
            renewal = start.adding(years: 1)
        } else {
            renewal = asOf.adding(days: plan.renewalInDays ?? 180)
            // Renewals roll forward a year at a time; a customer for one to five years, at
            // least some months before the first usage week; a few co-termed contracts.
            var years = 1
            while renewal.adding(years: -years) > weeks[0].adding(days: -rng.pick([0, 30, 120])) { years += 1 }
            years += rng.pick([0, 0, 0, 1, 1, 2, 3])
            var begun = renewal.adding(years: -years)
            if rng.chance(0.15) { begun = begun.adding(days: -rng.pick([14, 31, 45])) }
            start = begun
        }
        let ae: String? = tier == .smb && rng.chance(0.7) ? nil : rng.pick(accountExecutives)
        let optOut = rng.chance(0.04)

        let (from, to, drift): (Double, Double, (Double, Double)) = switch plan.condition {
        case .healthy: (0.70, 0.95, (-0.003, 0.004))
        case .middling: (0.42, 0.62, (-0.008, 0.002))
        case .trouble: (0.15, 0.40, (-0.016, -0.004))
        }
        let latent = LatentHealth.walk(start: rng.uniform(from, to), drift: rng.uniform(drift.0, drift.1),
                                       volatility: 0.012, count: weeks.count + 1, using: &rng)
        let account = Account(id: plan.id, name: name, tier: tier, owner: plan.owner, ae: ae,
                              arr: Money(cents: Int64(arr) * 100), contractStart: start, renewalDate: renewal,
                              seats: seats, timezone: timezone, emailOptOut: optOut, status: plan.leftOn == nil ? .active : .churned)
        return (account, latent)
    }

    // MARK: - Contacts

    private mutating func drawContacts() {
        if let people = script?.contacts {
            contacts = people.map { p in
                Contact(id: "", accountID: account.id, name: p.name, email: p.local + "@" + slug + ".example",
                        roles: p.roles, leftCompany: p.left, optOut: p.optOut)
            }
            return
        }
        let count = switch account.tier {
        case .enterprise: rng.int(in: 4...5)
        case .midMarket: rng.int(in: 3...4)
        case .smb: rng.int(in: 2...3)
        }
        var roles: [Set<Contact.Role>] = [[.primary], [.champion], [.sponsor]]
        if account.tier == .smb {
            // Small accounts: the owner is often sponsor and primary at once; some name no sponsor.
            roles = rng.chance(0.5) ? [[.sponsor, .primary], [.champion]] : [[.primary], [.champion], []]
            if rng.chance(0.15) { roles = [[.primary, .champion], []] }
        } else if rng.chance(0.15) {
            roles = [[.primary, .champion], [.sponsor]]
        }
        while roles.count < count { roles.append([]) }
        var used: Set<String> = []
        for r in roles {
            let (name, local) = drawPerson(avoiding: &used)
            contacts.append(Contact(id: "", accountID: account.id, name: name, email: local + "@" + slug + ".example",
                                    roles: r, optOut: rng.chance(0.03)))
        }
        // A few ordinary contacts moved on.
        if rng.chance(0.05), let plain = contacts.firstIndex(where: { $0.roles.isEmpty }) {
            contacts[plain].leftCompany = true
        }
    }

    private mutating func drawPerson(avoiding used: inout Set<String>) -> (String, String) {
        let (given, family) = locale.people
        var last = ("", "")
        for _ in 0..<100 {
            let first = rng.pick(given)
            let person = locale.person(given: first, family: rng.pick(family))
            last = person
            if !used.contains(person.name), !used.contains(first.0) {
                used.insert(person.name)
                used.insert(first.0)
                return person
            }
        }
        return last
    }

    /// Names for the summaries: the primary, champion and sponsor (the primary where a role is missing).
    private var roleNames: [String: String] {
        func named(_ role: Contact.Role) -> String? { contacts.first { $0.roles.contains(role) }?.name }
        let primary = named(.primary) ?? contacts.first?.name ?? "the customer"
        return ["{primary}": primary, "{champion}": named(.champion) ?? primary, "{sponsor}": named(.sponsor) ?? primary]
    }

    // MARK: - Usage

    /// The weeks the account was a customer: from its contract's first Monday, until it left.
    private var activeWeeks: [(index: Int, week: Day)] {
        Self.weeks.enumerated().compactMap { i, week in
            guard week >= account.contractStart.weekStart else { return nil }
            if let left = churnedOn, week >= left { return nil }
            return (i, week)
        }
    }

    private mutating func drawUsage() {
        let seats = Double(account.seats ?? 1)
        let available = Self.features[account.tier]!
        // The account's own level around what its health suggests (a story's is what its
        // health says, so the story stays as told).
        let told = script != nil
        let utilisationOffset = 0.08 * rng.normal() * (told ? 0 : 1)
        let depthOffset = 0.1 * rng.normal() * (told ? 0 : 1)
        let actionsPerUser = rng.uniform(35, 110)
        let young = plan.startedDaysAgo.map { $0 < 180 } ?? false
        for (n, (i, week)) in activeWeeks.enumerated() {
            let h = latent[week: i]
            let august = week.month == 8
            // New customers take a few months to reach their level.
            let ramp = young ? min(1, 0.6 + 0.05 * Double(n)) : 1
            // A story's utilisation is as told; anyone else's wanders a little (fewer people in August).
            let wander = (august ? 0.96 : 1) * (1 + 0.025 * rng.normal())
            let utilisation = script?.utilisation?[i] ?? (0.10 + 0.88 * h + utilisationOffset) * ramp * wander
            var active = max(0, Int((seats * utilisation).rounded()))
            if rng.unit() > 0.9 {
                active = min(active, Int((seats * 1.1).rounded()))   // a week slightly over the licence
            } else if utilisation <= 1 {
                active = min(active, Int(seats))
            }
            let level = script?.keyActions?[i] ?? (0.2 + 0.8 * h) * ramp
            let actions = seats * 0.7 * actionsPerUser * level * (august ? 0.88 : 1) * (1 + (told ? 0.015 : 0.04) * rng.normal())
            let logins = Int((Double(active) * rng.uniform(2.2, 4.8)).rounded())
            var used: Int
            if let features = script?.features {
                used = Int(features[i].rounded())
            } else {
                let share = min(1, max(0.02, 0.04 + 0.72 * h + depthOffset))
                used = Int((Double(available) * share).rounded()) + (told ? 0 : rng.pick([0, 0, 0, 0, -1, 1]))
                if young { used = min(used, 1 + n / 2) }
            }
            usage.append(UsageWeek(accountID: account.id, week: week, activeUsers: active, logins: logins,
                                   keyActions: max(0, Int(actions.rounded())),
                                   featuresUsed: min(available, max(0, used)), featuresAvailable: available))
        }
    }

    /// The account's mean latent health over the weeks it was a customer.
    private var meanHealth: Double {
        let weeks = activeWeeks
        guard !weeks.isEmpty else { return latent.asOf }
        return weeks.reduce(0) { $0 + latent[week: $1.index] } / Double(weeks.count)
    }

    // MARK: - Support cases

    private mutating func drawCases() {
        if let told = script?.cases {
            cases = told.map { SupportCase(id: "", accountID: account.id, priority: $0.priority, opened: $0.opened, closed: $0.closed) }
            return
        }
        let weeks = activeWeeks
        guard !weeks.isEmpty else { return }
        let h = meanHealth
        // Troubled accounts file more cases, and more severe ones, in their worst weeks.
        let mean = (account.tier == .smb ? 0.6 : 1) * (0.35 + 4.5 * (1 - h) * (1 - h))
        let t = min(1, max(0, (0.85 - h) / 0.6))
        let weights = zip([45.0, 40, 14, 1], [20.0, 30, 35, 15]).map { $0 * (1 - t) + $1 * t }
        let lastDay = (churnedOn ?? Self.asOf).adding(days: -1)
        var criticalOpen = false
        for _ in 0..<rng.poisson(mean) {
            let priority = SupportCase.Priority.allCases[rng.weighted(weights)]
            let week = weeks[rng.weighted(weeks.map { 1.2 - latent[week: $0.index] })].week
            let opened = Self.weekday(onOrBefore: min(lastDay, max(account.contractStart, week.adding(days: rng.int(in: 0...6)))))
            let days: ClosedRange<Int> = switch priority {
            case .low: 2...20
            case .medium: 1...14
            case .high: 1...10
            case .critical: 1...5
            }
            var closed: Day? = opened.adding(days: rng.int(in: days))
            if closed! >= Self.asOf || (priority != .critical && rng.chance(0.08)) { closed = nil }
            // At most one critical case open at once: three would be a story of their own.
            if priority == .critical, closed == nil {
                if criticalOpen { closed = min(lastDay, opened.adding(days: 2)) }
                criticalOpen = true
            }
            // A customer that left has its cases closed by then.
            if churnedOn != nil { closed = max(opened, min(closed ?? lastDay, lastDay)) }
            cases.append(SupportCase(id: "", accountID: account.id, priority: priority, opened: opened, closed: closed))
        }
        cases = cases.enumerated().sorted { ($0.element.opened, $0.offset) < ($1.element.opened, $1.offset) }.map(\.element)
    }

    // MARK: - NPS

    static let comments: (promoter: [String], passive: [String], detractor: [String]) = (
        ["Saves my team hours every week.", "Solid product, great support. Keep it up!",
         "Honestly the best tool we adopted this year.", "Our CSM is fantastic — always one step ahead.",
         "Easy to roll out, \"just works\" for the team.", "Très bon outil, l'équipe l'a adopté en deux semaines.",
         "Sehr zufrieden, vor allem mit den Berichten.", "Muy útil, y el soporte responde rápido.",
         "とても使いやすいです。サポートも丁寧です。", "Reporting is great.\nWould love a dark mode, though."],
        ["Does the job. Reporting could be faster.", "Good, but the mobile app lags behind the web version.",
         "Fine overall; pricing for extra seats is steep.", "OK. Export to Excel, please!",
         "Funciona, pero la curva de aprendizaje es larga.", "Bien, mais il manque l'intégration avec notre ERP."],
        ["Too many outages this quarter, and nobody told us in advance.",
         "We pay for features we can't get working. Setup was painful.",
         "Support tickets sit for days.\nWe're evaluating alternatives.",
         "The \"simple\" import took three weeks, and it still drops rows.",
         "Zu teuer für das, was wir tatsächlich nutzen.", "Muitas falhas na sincronização, o time perdeu a confiança."])

    /// The detractor story's comment: right-to-left, then English on a second line.
    static let arabicComplaint = "قوالب العربية ما زالت لا تعمل بشكل صحيح من اليمين إلى اليسار، رغم وعود الإصلاح منذ شهرين."
        + "\nWe raised this twice, with screenshots."

    private mutating func comment(on score: Int) -> String? {
        if plan.story?.key == "detractor", score <= 6 { return Self.arabicComplaint }
        guard !rng.chance(0.35) else { return nil }
        return rng.pick(score >= 9 ? Self.comments.promoter : score >= 7 ? Self.comments.passive : Self.comments.detractor)
    }

    private mutating func drawAnswers() {
        if let told = script?.answers {
            for answer in told {
                let index = contacts.firstIndex { $0.roles.contains(answer.role) } ?? 0
                answers.append((index, NPSResponse(contactID: "", date: answer.date, score: answer.score,
                                                   comment: comment(on: answer.score))))
            }
            return
        }
        // Two survey waves (June, September); one or two of the contacts with a role answer.
        guard account.contractStart <= Day(year: 2026, month: 9, day: 1)!, rng.chance(0.55) else { return }
        var responders = contacts.indices.filter { !contacts[$0].roles.isEmpty && !contacts[$0].leftCompany }
        rng.shuffle(&responders)
        responders = Array(responders.prefix(rng.int(in: 1...2)))
        for wave in [Day(year: 2026, month: 6, day: 8)!, Day(year: 2026, month: 9, day: 7)!] where wave >= account.contractStart {
            let h = latent[week: Self.weeks.firstIndex { $0 >= wave } ?? 0]
            for index in responders where rng.chance(0.75) {
                let score = min(10, max(0, Int((3 + 7 * h + 1.6 * rng.normal()).rounded())))
                let date = wave.adding(days: rng.int(in: 0...11))
                if let left = churnedOn, date >= left { continue }
                answers.append((index, NPSResponse(contactID: "", date: date, score: score, comment: comment(on: score))))
            }
        }
    }

    // MARK: - Payments

    private mutating func drawPayments() {
        // Every account starts the window (or its contract) paid up, so a replay has a
        // commercial input from its first week.
        let first = max(Self.weeks[0], account.contractStart.weekStart)
        var rows: [(Day, Int)] = []
        if let told = script?.payments {
            rows = told
        } else if script != nil || account.contractStart > Self.asOf.adding(days: -45) {
            rows = [(Self.asOf, 0)]
        } else {
            // Late payers are mostly the troubled accounts (a former customer: as it was when it left).
            let h = churnedOn.map { left in latent[week: Self.weeks.lastIndex { $0 < left } ?? 0] } ?? latent.asOf
            let roll = rng.unit()
            let late = 0.02 + 0.45 * (1 - h) * (1 - h) * (1 - h)
            let once = 0.01 + 0.06 * (1 - h)
            if roll < late {
                rows = [(Self.asOf, rng.int(in: 3...24))]
            } else if roll < late + once {
                rows = [(Day(year: 2026, month: 8, day: 31)!, rng.int(in: 31...40)), (Day(year: 2026, month: 9, day: 28)!, 0),
                        (Self.asOf, 0)]
            } else {
                rows = [(Self.asOf, 0)]
            }
        }
        if let left = churnedOn, script == nil {
            // Nothing after it left: the last status is the one on its way out.
            let last = left.adding(days: -1)
            rows = rows.map { ($0.0 == Self.asOf ? last : $0.0, $0.1) }.filter { $0.0 <= last }
        }
        payments = [PaymentStatus(accountID: account.id, asOf: first, daysOverdue: 0)]
            + rows.filter { $0.0 > first }.map { PaymentStatus(accountID: account.id, asOf: $0.0, daysOverdue: $0.1) }
    }

    // MARK: - Activities

    static let summaries: [String: [String]] = [
        "email outbound": ["Sent {primary} the release notes and two tips for their use case.", "Shared the admin checklist with {primary}.",
                           "Followed up on last week's training with a recording.", "Sent usage summary for the month to {champion}.",
                           "Invited {champion} to the customer roundtable."],
        "email inbound": ["{primary} asked how to bulk-invite new users.", "{champion} asked about the API rate limits.",
                          "{primary} confirmed the new billing contact.", "{champion}: thanks for the quick fix, team is happy."],
        "call outbound": ["Call with {primary}: reviewed adoption by team, no blockers.", "Call with {champion} on the new workflow builder.",
                          "Quick call with {primary} about the upcoming price change."],
        "call inbound": ["{primary} called about a permissions question; resolved on the call.",
                         "{champion} called to plan the rollout to a second team."],
        "check-in outbound": ["Check-in with {primary}: all good, wants the new dashboards.",
                              "Check-in with {champion}: usage steady, two feature requests logged.",
                              "Check-in: {primary} is onboarding three new hires next month."],
        "note outbound": ["Internal: expansion potential in the marketing team.", "Internal: {champion} is our best advocate there.",
                          "Internal: renewal owner on their side is {sponsor}."],
        "meeting outbound": ["Working session with {champion}: automations and templates.",
                             "Meeting with {primary} and {sponsor}: goals for next quarter.", "Admin training for {primary}'s team."],
        "qbr outbound": ["QBR with {sponsor} and {champion}: value review, next-quarter goals.",
                         "QBR: reviewed ROI, agreed on rollout to two more regions.", "QBR with {sponsor}: renewal timeline and success plan."],
    ]

    /// Saturday and Sunday move to the Friday before: nobody logs a call on a Sunday.
    static func weekday(onOrBefore day: Day) -> Day { day.weekday > 5 ? day.adding(days: 5 - day.weekday) : day }

    private func week(of day: Day) -> Int { min(25, max(0, Self.weeks[0].days(until: day) / 7)) }

    private mutating func drawActivities() {
        let names = roleNames
        func fill(_ text: String) -> String {
            names.reduce(text) { $0.replacing($1.key, with: $1.value) }
        }
        var drawn: [Activity] = []
        func add(_ kind: Activity.Kind, _ direction: Activity.Direction, _ day: Day, _ author: String, _ summary: String) {
            drawn.append(Activity(id: "", accountID: account.id, kind: kind, direction: direction,
                                  date: Self.weekday(onOrBefore: day), author: author, summary: fill(summary)))
        }
        let tier = account.tier, owner = account.owner
        let first = max(Self.weeks[0], account.contractStart)
        let last = [Self.asOf, script?.quietAfter, churnedOn].compactMap { $0 }.min()!
        let stretched = owner == DemoBook.stretchedCSM
        let young = plan.startedDaysAgo.map { $0 < 90 } ?? false

        if !(script?.onlyTold ?? false) {
            // The CSM's emails and notes, less often as the account cools (a story may set its own rhythm,
            // every kind of touch in one stream).
            var day = first.adding(days: rng.int(in: 0...5))
            while day <= last {
                let h = latent[week: week(of: day)]
                let gap = script?.touchGap?[week(of: day)]
                    ?? Self.touchGap[tier]! * max(0.8, 1 + 2.2 * (0.82 - h)) * (stretched ? 1.5 : 1) * (young ? 0.8 : 1)
                let kind: Activity.Kind = script?.touchGap != nil
                    ? [.email, .call, .checkIn, .note][rng.weighted([42, 24, 27, 7])]
                    : [.email, .note][rng.weighted([82, 18])]
                let inbound = (kind == .email || kind == .call) && rng.chance(0.15 + 0.3 * h)
                let direction: Activity.Direction = inbound ? .inbound : .outbound
                add(kind, direction, day, owner, rng.pick(Self.summaries["\(kind.rawValue) \(direction.rawValue)"]!))
                day = day.adding(days: max(3, Int((rng.uniform(0.5, 1.5) * gap).rounded())))
            }
            // Calls and check-ins, paced by the tier's check-in limit.
            if script?.touchGap == nil {
                var day = first.adding(days: rng.int(in: 2...11))
                while day <= last {
                    let h = latent[week: week(of: day)]
                    var pace = max(0.6, 0.75 + 1.3 * (0.82 - h))
                    if stretched && h < 0.7 { pace *= 1.8 }
                    let kind: Activity.Kind = rng.pick([.call, .checkIn, .checkIn])
                    let direction: Activity.Direction = kind == .call && rng.chance(0.3) ? .inbound : .outbound
                    add(kind, direction, day, owner, rng.pick(Self.summaries["\(kind.rawValue) \(direction.rawValue)"]!))
                    day = day.adding(days: max(4, Int((Self.checkInLimit[tier]! * pace * rng.uniform(0.6, 1)).rounded())))
                }
            }
            // Meetings, and a kickoff for an account that started in the window.
            var meetings = script?.meetings ?? []
            if script?.meetings == nil {
                let h = latent[week: 0]
                let gap = script?.meetingGap
                    ?? Self.meetingGap[tier]! * max(0.8, 1 + 3.6 * (0.82 - h)) * (stretched && h < 0.7 ? 1.5 : 1)
                var day = first.adding(days: rng.int(in: 3...(Int(gap) - 1)))
                while day <= last {
                    meetings.append(day)
                    day = day.adding(days: Int((rng.uniform(0.7, 1.3) * gap).rounded()))
                }
            }
            if script == nil, account.contractStart >= Self.weeks[0] {
                meetings.append(account.contractStart.adding(days: rng.int(in: 2...5)))
            }
            for day in meetings where day >= first && day <= last {
                add(.meeting, .outbound, day, owner, rng.pick(Self.summaries["meeting outbound"]!))
            }
            // QBRs: every enterprise account, some healthy mid-market ones; the AE writes up.
            var qbrs = script?.qbrs ?? []
            if script?.qbrs == nil, tier == .enterprise || (tier == .midMarket && latent[week: 0] >= 0.7 && rng.chance(0.4)) {
                let offset = rng.int(in: 0...19)
                qbrs = [Day(year: 2026, month: 6, day: 8)!.adding(days: offset), Day(year: 2026, month: 9, day: 7)!.adding(days: offset)]
            }
            for day in qbrs where day >= first && day <= last {
                add(.qbr, .outbound, day, owner, rng.pick(Self.summaries["qbr outbound"]!))
                if let ae = account.ae, tier == .enterprise {
                    add(.note, .outbound, day.adding(days: 1), ae, "AE note after the QBR: renewal conversation to start next quarter.")
                }
            }
            // An account in trouble gets the manager's attention.
            if latent.asOf < 0.4, tier != .smb, let manager = DemoBook.users.first(where: { $0.login == owner })?.managerLogin {
                add(.note, .outbound, max(first, last.adding(days: -rng.int(in: 10...39))), manager,
                    "Manager review of the account plan with \(owner).")
            }
        }
        for touch in script?.touches ?? [] {
            add(touch.kind, touch.direction, touch.date, touch.author, touch.summary)
        }

        // Nothing in the future, nothing before the contract; a quiet story stays quiet.
        drawn = drawn.filter { $0.date < Self.asOf.adding(days: 1) && $0.date >= min(first, account.contractStart) }
        if let quiet = script?.quietAfter {
            if script?.outboundAfterQuiet == true {
                drawn = drawn.filter { $0.date <= quiet || ($0.direction == .outbound && ($0.kind == .email || $0.kind == .note)) }
            } else {
                // The last contact is a call on the day the silence begins.
                drawn = drawn.filter { $0.date <= quiet }
                if !drawn.contains(where: { $0.date == Self.weekday(onOrBefore: quiet) }) {
                    add(.call, .outbound, quiet, owner, Self.summaries["call outbound"]![0])
                }
            }
        }
        if plan.lapsed {
            let since = Self.asOf.adding(days: -(Int(Self.checkInLimit[tier]!) + rng.int(in: 4...20)))
            drawn = drawn.filter { $0.date <= since || $0.kind == .email || $0.kind == .note }
        }
        activities = drawn.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }
}

extension SeededRandom {
    /// An index drawn with probability proportional to its weight (weights ≥ 0, not all 0).
    mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var roll = unit() * total
        for (i, w) in weights.enumerated() {
            roll -= w
            if roll < 0 { return i }
        }
        return weights.count - 1
    }
}
