/// ARR at risk by renewal month: the open renewals at the `at risk` stage or whose account
/// sits in the worst band, summed by the month they close in.
public struct ARRAtRisk: Hashable, Sendable {
    public struct Month: Hashable, Sendable {
        /// The first day of the month.
        public var month: Day
        public var renewals: Int
        public var amount: Money
    }

    /// Soonest first; only months with something at risk.
    public var months: [Month]

    /// `open`: renewals with their account's latest band; closed ones are left out.
    public init(_ open: [(opportunity: RenewalOpportunity, band: String?)], worstBand: String?) {
        var byMonth: [Day: Month] = [:]
        for (o, band) in open where o.isOpen && (o.stage == .atRisk || (band != nil && band == worstBand)) {
            let first = Day(year: o.closeDate.year, month: o.closeDate.month, day: 1) ?? o.closeDate
            var month = byMonth[first] ?? Month(month: first, renewals: 0, amount: .zero)
            month.renewals += 1
            month.amount += o.amount
            byMonth[first] = month
        }
        months = byMonth.keys.sorted().map { byMonth[$0]! }
    }

    public var renewals: Int { months.reduce(0) { $0 + $1.renewals } }
    public var total: Money { months.reduce(Money.zero) { $0 + $1.amount } }
}
