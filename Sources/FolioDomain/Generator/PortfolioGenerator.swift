/// Builds a believable synthetic portfolio — a team, then each account with its contacts,
/// weekly usage, support cases, NPS answers, payment status and activities — for demos,
/// import tests and benchmarks.
///
/// Pure and deterministic: the same `(accounts, weeks, seed, asOf)` always gives the same
/// records. It streams: records go to the caller's closure one at a time and only one account's
/// are ever held, so a million accounts need no more memory than ten. Each account draws
/// from its own random stream, seeded by `(seed, account index)`, so account `i` comes out
/// the same whether 10 or 10,000 accounts are generated (only the people it names — owner,
/// AE, activity authors, drawn from a team sized to the portfolio — can differ when the
/// team's size does).
public struct PortfolioGenerator: Sendable {
    public let accountCount: Int
    public let weeks: Int
    public let seed: UInt64
    /// "Today" for the generated data: every date lies before it, renewals after it.
    public let asOf: Day
    public let team: Team
    /// The Mondays of the usage history, oldest first; the last is the Monday of the last
    /// whole week before `asOf`.
    public let usageWeeks: [Day]
    /// How busy each usage week is (1 = an ordinary week): a summer dip, a December dip.
    let seasonality: [Double]

    /// - Precondition: `accounts ≥ 0`, `weeks ≥ 1`.
    public init(accounts: Int, weeks: Int, seed: UInt64, asOf: Day) {
        precondition(accounts >= 0, "a portfolio cannot have a negative number of accounts")
        precondition(weeks >= 1, "a portfolio needs at least one week of usage")
        self.accountCount = accounts
        self.weeks = weeks
        self.seed = seed
        self.asOf = asOf
        self.team = Team(accountCount: accounts, seed: seed)
        let last = asOf.adding(days: -7).weekStart
        let mondays = (0..<weeks).map { last.adding(days: -7 * (weeks - 1 - $0)) }
        self.usageWeeks = mondays
        self.seasonality = mondays.map(PortfolioGenerator.seasonality(ofWeek:))
    }

    /// `G0000001` for index 0: the CRM id of the account at `index`.
    public static func accountID(at index: Int) -> String {
        let digits = String(index + 1)
        return "G" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    /// Emits the whole portfolio: the team's users, then account after account.
    public func generate<E: Error>(_ emit: (PortfolioRecord) throws(E) -> Void) throws(E) {
        for user in team.users { try emit(.user(user)) }
        for index in 0..<accountCount {
            try generateAccount(at: index, emit)
        }
    }

    /// Emits one account and everything that belongs to it, in import order: the account,
    /// its contacts, usage weeks, cases, NPS responses, payment status rows, activities.
    public func generateAccount<E: Error>(at index: Int, _ emit: (PortfolioRecord) throws(E) -> Void) throws(E) {
        precondition(index >= 0, "account indices start at 0")
        var account = AccountGenerator(index: index, portfolio: self)
        try account.run(emit)
    }

    /// A month-by-month factor with the holidays called out: July and August run at about
    /// 80 %, the last fortnight of the year at about 55 %.
    static func seasonality(ofWeek monday: Day) -> Double {
        let (_, month, day) = monday.components
        if month == 12 && day >= 20 { return 0.55 }
        if month == 1 && day <= 3 { return 0.7 }
        let byMonth = [0.96, 1.0, 1.02, 1.0, 0.99, 0.95, 0.84, 0.8, 1.0, 1.03, 1.01, 0.97]
        return byMonth[month - 1]
    }
}
