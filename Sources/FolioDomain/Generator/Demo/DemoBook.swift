/// Folio's demo portfolio: a customer-success team of eleven and its book of 150 accounts
/// on Monday 2026-11-23, with 26 weeks of usage and everything else a team imports, and the
/// 30 customers who left at a renewal during those weeks. The
/// twenty accounts of `DemoStory.all` follow their stories (SampleData/STORIES.md); every
/// other account is drawn from a latent health (`LatentHealth`) with noise. Deterministic:
/// the same records every time, on every platform. `folio demo` builds its database from
/// these records; `folio generate --demo` writes them as the CSVs in SampleData/.
public struct DemoBook: Sendable {
    /// The demo's "today".
    public static let asOf = Day(year: 2026, month: 11, day: 23)!
    /// The Mondays of the usage history, 2026-05-25 … 2026-11-16.
    public static let usageWeeks: [Day] = (0..<26).map { Day(year: 2026, month: 5, day: 25)!.adding(days: 7 * $0) }
    static let seed: UInt64 = 20_261_123

    /// The team: a VP, two managers, six CSMs and two account executives.
    public static let users: [User] = [
        person("helena.vasquez", "Helena Vásquez", .vp, nil),
        person("marta.novak", "Marta Nováková", .manager, "helena.vasquez"),
        person("omar.haddad", "Omar Haddad", .manager, "helena.vasquez"),
        person("amelie.durand", "Amélie Durand", .csm, "marta.novak"),
        person("jonas.muller", "Jonas Müller", .csm, "marta.novak"),
        person("chen.wei", "陈伟 (Chen Wei)", .csm, "marta.novak"),
        person("lucia.fernandez", "Lucía Fernández", .csm, "omar.haddad"),
        person("bjorn.lindqvist", "Björn Lindqvist", .csm, "omar.haddad"),
        person("siobhan.oconnor", "Siobhán O'Connor", .csm, "omar.haddad"),
        person("priya.nair", "Priya Nair", .ae, "helena.vasquez"),
        person("mateusz.wojcik", "Mateusz Wójcik", .ae, "helena.vasquez"),
    ]

    /// The CSM with the weak book (STORIES.md): fewer touches, more accounts in trouble.
    public static let stretchedCSM = "jonas.muller"

    private static func person(_ login: String, _ name: String, _ role: User.Role, _ manager: String?) -> User {
        User(login: login, name: name, email: login + "@folio-demo.example", role: role, managerLogin: manager)
    }

    /// Every account, by id.
    public let accounts: [Account]
    /// The hidden health each account's records were drawn from, by account id.
    public let latentHealth: [String: LatentHealth]
    /// The accounts STORIES.md names (the stories and the accounts with awkward names):
    /// the demo keeps them out of its control group, so their alerts are seen.
    public let toldAccountIDs: Set<String>
    /// The told accounts whose CSM never picks their alerts up (`DemoStory.unanswered`).
    public let unansweredAccountIDs = Set(DemoStory.all.filter(\.unanswered).map(\.accountID))
    /// Customers who left at a renewal during the replayed half-year (ACC-0151 on).
    public let formerAccountIDs: Set<String>

    /// How many former customers the book has: enough churns (with ACC-0025's) for
    /// `folio model fit`, which wants at least 30.
    public static let formerCustomers = 30

    let contacts: [Contact]
    let usage: [UsageWeek]
    let cases: [SupportCase]
    let answers: [NPSResponse]
    let payments: [PaymentStatus]
    let activities: [Activity]

    public init() {
        let plans = DemoPlan.book()
        var names = Set(plans.compactMap(\.name))
        var drawn: [DemoAccountRecords] = []
        for plan in plans.sorted(by: { $0.id < $1.id }) {
            let records = DemoAccountRecords(plan: plan, takenNames: names)
            names.insert(records.account.name)
            drawn.append(records)
        }
        // Former customers: candidates drawn like any ordinary account, each kept when a draw
        // from its latent health at its renewal says it left (the lower, the likelier), so who
        // left follows the hidden health with noise and a backtest has something honest to rank.
        var rng = SeededRandom(seed: Self.seed, stream: 1)
        var formers: [DemoAccountRecords] = []
        var candidate = 0
        while formers.count < Self.formerCustomers {
            candidate += 1
            var plan = DemoPlan.formerCandidate(candidate, using: &rng)
            plan.id = Self.number("ACC", plans.count + formers.count + 1, digits: 4)
            let records = DemoAccountRecords(plan: plan, takenNames: names)
            let left = plan.leftOn!
            let h = records.latent[week: Self.usageWeeks.lastIndex { $0 < left } ?? 0]
            guard rng.chance(LatentHealth.leavingChance(h)) else { continue }
            names.insert(records.account.name)
            formers.append(records)
        }
        drawn += formers
        formerAccountIDs = Set(formers.map(\.account.id))
        accounts = drawn.map(\.account)
        latentHealth = Dictionary(uniqueKeysWithValues: drawn.map { ($0.account.id, $0.latent) })
        toldAccountIDs = Set(plans.filter(\.isTold).map(\.id))

        // Ids the way a CRM export numbers them: contacts and cases account by account,
        // activities in the order they happened.
        var contacts: [Contact] = [], cases: [SupportCase] = [], answers: [NPSResponse] = []
        var payments: [PaymentStatus] = [], usage: [UsageWeek] = []
        var touches: [(Activity, Int)] = []
        for records in drawn {
            var ids: [String] = []
            for var contact in records.contacts {
                contact.id = Self.number("CON", contacts.count + 1)
                ids.append(contact.id)
                contacts.append(contact)
            }
            for var c in records.cases {
                c.id = Self.number("CASE", cases.count + 1)
                cases.append(c)
            }
            for (index, answer) in records.answers {
                answers.append(NPSResponse(contactID: ids[index], date: answer.date, score: answer.score, comment: answer.comment))
            }
            payments += records.payments
            usage += records.usage
            for activity in records.activities { touches.append((activity, touches.count)) }
        }
        touches.sort { ($0.0.date, $0.0.accountID, $0.1) < ($1.0.date, $1.0.accountID, $1.1) }
        activities = touches.enumerated().map { n, touch in
            var activity = touch.0
            activity.id = Self.number("ACT", n + 1)
            return activity
        }
        self.contacts = contacts
        self.cases = cases
        self.usage = usage
        self.answers = answers.sorted { ($0.date, $0.contactID) < ($1.date, $1.contactID) }
        self.payments = payments.sorted { ($0.asOf, $0.accountID) < ($1.asOf, $1.accountID) }
    }

    /// Emits the whole book in import order: users, accounts, contacts, usage, cases, NPS
    /// responses, payment status, activities.
    public func generate<E: Error>(_ emit: (PortfolioRecord) throws(E) -> Void) throws(E) {
        for user in Self.users { try emit(.user(user)) }
        for account in accounts { try emit(.account(account)) }
        for contact in contacts { try emit(.contact(contact)) }
        for week in usage { try emit(.usage(week)) }
        for c in cases { try emit(.supportCase(c)) }
        for answer in answers { try emit(.nps(answer)) }
        for payment in payments { try emit(.payment(payment)) }
        for activity in activities { try emit(.activity(activity)) }
    }

    /// `CON-00042` (`ACC-0151` with four digits).
    static func number(_ prefix: String, _ n: Int, digits: Int = 5) -> String {
        let text = String(n)
        return prefix + "-" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
