/// How early the score warned: for each account that churned, the days from its first day
/// in the lowest band (within the look-back before the churn) to the churn. Churners never
/// in the lowest band were not caught.
public struct LeadTime: Hashable, Sendable, Codable {
    /// One account that churned.
    public struct Churner: Hashable, Sendable {
        public var tier: Account.Tier
        public var churnedOn: Day
        /// The first scored day in the lowest band within the look-back, if any.
        public var firstInLowestBand: Day?

        public init(tier: Account.Tier, churnedOn: Day, firstInLowestBand: Day?) {
            self.tier = tier
            self.churnedOn = churnedOn
            self.firstInLowestBand = firstInLowestBand
        }
    }

    public struct Summary: Hashable, Sendable, Codable {
        public var churners: Int
        /// Churners that were in the lowest band before they churned.
        public var caught: Int
        /// caught / churners; nil without churners.
        public var caughtRate: Double?
        /// Days from the first lowest-band score to the churn, over the caught ones
        /// (quartiles by nearest rank); nil when none was caught.
        public var medianDays: Int?
        public var p25Days: Int?
        public var p75Days: Int?

        public init(_ churners: [Churner]) {
            self.churners = churners.count
            let leads = churners.compactMap { c in c.firstInLowestBand.map { $0.days(until: c.churnedOn) } }.sorted()
            caught = leads.count
            caughtRate = churners.isEmpty ? nil : Double(caught) / Double(churners.count)
            func rank(_ q: Double) -> Int? {
                guard !leads.isEmpty else { return nil }
                let k = Swift.max(1, Int((q * Double(leads.count)).rounded(.up)))
                return leads[Swift.min(leads.count, k) - 1]
            }
            medianDays = rank(0.5)
            p25Days = rank(0.25)
            p75Days = rank(0.75)
        }
    }

    public var overall: Summary
    public var byTier: [Account.Tier: Summary]

    public init(_ churners: [Churner]) {
        overall = Summary(churners)
        var byTier: [Account.Tier: Summary] = [:]
        for tier in Account.Tier.allCases {
            let these = churners.filter { $0.tier == tier }
            if !these.isEmpty { byTier[tier] = Summary(these) }
        }
        self.byTier = byTier
    }

    /// The first day in the lowest band within `lookbackDays` before (and not on or after)
    /// the churn, from the account's scored days and bands in any order.
    public static func firstInLowestBand(scored: [(day: Day, band: String?)], lowest: String, churnedOn: Day,
                                         lookbackDays: Int) -> Day? {
        let from = churnedOn.adding(days: -lookbackDays)
        return scored.filter { $0.band == lowest && $0.day >= from && $0.day < churnedOn }.map(\.day).min()
    }
}
