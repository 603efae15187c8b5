/// What to talk about at a check-in, by where the customer is in the contract (DESIGN §2.4):
/// months 1–3 ask what would make the team use it more, months 6–12 introduce the next
/// capability tier, before a renewal lead with a value summary. Between those, the
/// lifecycle stage's next action.
public struct CheckInHints: Hashable, Sendable, Codable {
    /// Days before the renewal when the pre-renewal hint takes over.
    public var preRenewalDays: Int
    /// The first months of the contract (1–3 by default).
    public var earlyMonths: ClosedRange<Int>
    /// The months the next capability tier is introduced (6–12 by default).
    public var expansionMonths: ClosedRange<Int>

    public init(preRenewalDays: Int = 90, earlyMonths: ClosedRange<Int> = 1...3, expansionMonths: ClosedRange<Int> = 6...12) {
        self.preRenewalDays = preRenewalDays
        self.earlyMonths = earlyMonths
        self.expansionMonths = expansionMonths
    }

    public static let standard = CheckInHints()

    public static let preRenewal = "pre-renewal: lead with a value summary"
    public static let early = "early months: ask what would make the team use it more"
    public static let expansion = "months 6–12: introduce the next capability tier"

    /// The hint for a conversation with the account on `day`; `stageAction` when no period applies.
    public func hint(for account: Account, on day: Day, stageAction: String) -> String {
        let toRenewal = account.daysToRenewal(asOf: day)
        if toRenewal >= 0 && toRenewal <= preRenewalDays { return Self.preRenewal }
        // The month of the contract the day falls in: month 1 is the first 30 days or so.
        let month = monthOfContract(account.contractStart, day)
        if earlyMonths.contains(month) { return Self.early }
        if expansionMonths.contains(month) { return Self.expansion }
        return stageAction
    }

    /// 1 in the first month after the start (by calendar months), 2 in the second…
    func monthOfContract(_ start: Day, _ day: Day) -> Int {
        guard day >= start else { return 0 }
        var months = (day.year - start.year) * 12 + (day.month - start.month)
        if start.adding(months: months) > day { months -= 1 }
        return months + 1
    }
}
