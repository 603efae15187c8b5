/// The shape of the demo's book before any record is drawn: which accounts exist, their
/// tier, owner, id, how healthy they start and when they renew. Decided once for the whole
/// book (owners balance the CSMs' books; renewals are spread so that 21 active accounts
/// renew within 90 days), then each account draws its records from its own random stream.
struct DemoPlan: Sendable {
    /// Where an ordinary account starts, before its latent health wanders.
    enum Condition: Int, Comparable, Sendable {
        case healthy, middling, trouble

        static func < (a: Condition, b: Condition) -> Bool { a.rawValue < b.rawValue }
    }

    var id: String
    var tier: Account.Tier
    var owner: String
    var story: DemoStory?
    /// Set for the accounts named by hand.
    var name: String?
    var slug: String?
    var locale: DemoLocale?
    var timezone: String?
    var condition = Condition.healthy
    /// A young account: its contract started this many days before the as-of day.
    var startedDaysAgo: Int?
    /// Days from the as-of day to the renewal, for an ordinary account that is not young.
    var renewalInDays: Int?
    /// An account of the stretched CSM whose calls and meetings lapsed lately.
    var lapsed = false
    /// A former customer: it left at its renewal on this day, during the replayed half-year.
    var leftOn: Day?
    /// The account's random stream when not its id's number (a former customer is drawn from
    /// candidates, each with a stream of its own).
    var stream: UInt64?

    /// Named in STORIES.md: a story, or one of the awkward names.
    var isTold: Bool { story != nil || name != nil }

    /// The number in the id (`ACC-0042` → 42), which seeds the account's random stream.
    var number: Int { Int(id.dropFirst(4))! }

    /// The first and the last day a former customer may have left on: its churn, recorded on
    /// the Monday after, falls within the replay and within 90 days of its scored runs.
    static let leavingDays = (first: Day(year: 2026, month: 6, day: 2)!, last: Day(year: 2026, month: 11, day: 9)!)

    /// A candidate former customer: a tier in the book's proportions, an owner among the CSMs,
    /// a start drawn from that book's mix, and the renewal it may leave at. Whether it did is
    /// for its latent health to say (`DemoBook`).
    static func formerCandidate(_ candidate: Int, using rng: inout SeededRandom) -> DemoPlan {
        let tier = tierSizes[rng.weighted(tierSizes.map { Double($0.1) })].0
        var plan = DemoPlan(tier: tier)
        plan.owner = rng.pick(bookSizes.map(\.0))
        let mix = mix(of: plan.owner)
        let roll = rng.unit()
        plan.condition = roll < mix.healthy ? .healthy : roll < mix.healthy + mix.middling ? .middling : .trouble
        let left = leavingDays.first.adding(days: rng.int(in: 0...leavingDays.first.days(until: leavingDays.last)))
        plan.leftOn = left
        plan.renewalInDays = DemoBook.asOf.days(until: left)
        plan.stream = 10_000 + UInt64(candidate)
        return plan
    }

    static let tierSizes: [(Account.Tier, Int)] = [(.enterprise, 20), (.midMarket, 50), (.smb, 80)]

    /// How many accounts each CSM owns (the churned one included): 23 to 26 active each.
    static let bookSizes: [(String, Int)] = [("amelie.durand", 26), ("jonas.muller", 25), ("chen.wei", 25),
                                             ("lucia.fernandez", 25), ("bjorn.lindqvist", 25), ("siobhan.oconnor", 24)]

    /// Shares of healthy, middling and troubled accounts in a book; the stretched CSM's is weaker.
    static func mix(of owner: String) -> (healthy: Double, middling: Double) {
        owner == DemoBook.stretchedCSM ? (0.32, 0.36) : (0.62, 0.25)
    }

    /// Active accounts renewing within 90 days of the as-of day, stories included.
    static let renewingWithin90Days = 21

    /// Accounts with awkward names (scripts, length) that tell no story but are named in STORIES.md.
    static let awkwardNames: [DemoPlan] = [
        DemoPlan(id: "ACC-0103", tier: .enterprise, owner: "jonas.muller", names: DemoNames.longest, timezone: "Europe/Berlin"),
        DemoPlan(id: "ACC-0037", tier: .enterprise, owner: "lucia.fernandez", names: DemoNames.japaneseSakura, timezone: "Asia/Tokyo"),
        DemoPlan(id: "ACC-0121", tier: .smb, owner: "amelie.durand", names: DemoNames.japaneseAoba, timezone: "Asia/Tokyo"),
        DemoPlan(id: "ACC-0034", tier: .smb, owner: "lucia.fernandez", names: DemoNames.chineseBailu, timezone: "Asia/Shanghai"),
        DemoPlan(id: "ACC-0003", tier: .midMarket, owner: "bjorn.lindqvist", names: DemoNames.koreanPureunbada, timezone: "Asia/Seoul"),
    ]

    private init(id: String, tier: Account.Tier, owner: String, names: (String, String, DemoLocale), timezone: String) {
        self.id = id
        self.tier = tier
        self.owner = owner
        self.name = names.0
        self.slug = names.1
        self.locale = names.2
        self.timezone = timezone
    }

    private init(story: DemoStory) {
        id = story.accountID
        tier = story.tier
        owner = story.owner
        self.story = story
    }

    private init(tier: Account.Tier) {
        id = ""
        self.tier = tier
        owner = ""
    }

    /// The whole book's plan.
    static func book() -> [DemoPlan] {
        var rng = SeededRandom(seed: DemoBook.seed, stream: 0)
        let fixed = DemoStory.all.map(DemoPlan.init(story:)) + awkwardNames
        var generic: [DemoPlan] = []
        for (tier, size) in tierSizes {
            let have = fixed.filter { $0.tier == tier }.count
            generic += (0..<(size - have)).map { _ in DemoPlan(tier: tier) }
        }

        // Owners: the rest dealt so each CSM has a spread of tiers and the book size above.
        var load: [String: [Account.Tier: Int]] = [:]
        var total: [String: Int] = [:]
        for plan in fixed {
            load[plan.owner, default: [:]][plan.tier, default: 0] += 1
            total[plan.owner, default: 0] += 1
        }
        rng.shuffle(&generic)
        generic = generic.enumerated().sorted { ($0.element.tier, $0.offset) < ($1.element.tier, $1.offset) }.map(\.element)
        for i in generic.indices {
            let tier = generic[i].tier
            let open = bookSizes.enumerated().filter { total[$0.element.0, default: 0] < $0.element.1 }
            let (_, (csm, _)) = open.min { a, b in
                (load[a.element.0]?[tier] ?? 0, total[a.element.0] ?? 0, a.offset)
                    < (load[b.element.0]?[tier] ?? 0, total[b.element.0] ?? 0, b.offset)
            }!
            generic[i].owner = csm
            load[csm, default: [:]][tier, default: 0] += 1
            total[csm, default: 0] += 1
        }

        // How each book's ordinary accounts start out.
        for (csm, _) in bookSizes {
            var book = generic.indices.filter { generic[$0].owner == csm }
            rng.shuffle(&book)
            let mix = mix(of: csm)
            let healthy = Int((Double(book.count) * mix.healthy).rounded())
            let middling = Int((Double(book.count) * mix.middling).rounded())
            for (k, i) in book.enumerated() {
                generic[i].condition = k < healthy ? .healthy : k < healthy + middling ? .middling : .trouble
            }
        }
        // The stretched CSM's weakest accounts: only emails lately, no calls (coverage under 80 %).
        let weak = generic.indices.filter { generic[$0].owner == DemoBook.stretchedCSM && generic[$0].condition != .healthy }
            .sorted { (generic[$0].tier, generic[$0].condition, $0) < (generic[$1].tier, generic[$1].condition, $1) }
        for i in weak.prefix(5) { generic[i].lapsed = true }

        // A few young accounts: in adoption (90–180 days) or still onboarding.
        var young = generic.indices.filter { generic[$0].condition == .healthy }
        rng.shuffle(&young)
        for (i, days) in zip(young, [100, 115, 128, 140, 152, 166, 175, 12, 41, 76]) { generic[i].startedDaysAgo = days }

        // Renewals over the coming year; the ones within 90 days go to accounts not in
        // trouble, so the Red renewal at risk is the story's.
        let storiesSoon = DemoStory.all.filter {
            $0.script.status == .active && DemoBook.asOf.days(until: $0.script.renewal) <= 90
        }.count
        var settled = generic.indices.filter { generic[$0].startedDaysAgo == nil }
        rng.shuffle(&settled)
        let soon = Array(settled.filter { generic[$0].condition != .trouble }.prefix(renewingWithin90Days - storiesSoon))
        let later = settled.filter { !soon.contains($0) }
        for (k, i) in soon.enumerated() {
            generic[i].renewalInDays = 2 + 88 * k / soon.count + rng.int(in: 0...(88 / soon.count - 1))
        }
        for (k, i) in later.enumerated() {
            generic[i].renewalInDays = 91 + 273 * k / later.count + rng.int(in: 0...(273 / later.count - 1))
        }

        // Ids: the told accounts keep theirs; the others take the rest, spread over the range.
        let taken = Set(fixed.map(\.id))
        var free = (1...(fixed.count + generic.count)).map { "ACC-" + pad($0) }.filter { !taken.contains($0) }
        rng.shuffle(&free)
        for i in generic.indices { generic[i].id = free[i] }
        return fixed + generic
    }

    private static func pad(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension SeededRandom {
    /// Fisher–Yates, with this generator's own `index(below:)` (the standard library's
    /// shuffle does not promise its algorithm).
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, index(below: i + 1))
        }
    }
}
