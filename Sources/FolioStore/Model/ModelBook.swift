import FolioDomain
import GRDB

/// The accounts a backtest or a fit may count, and when each churned (the churned outcomes
/// on record, imported or recorded by Folio). An account marked churned with no churned
/// outcome has no date to test against: it is left out, and counted.
public struct ModelBook: Sendable {
    public var accounts: [Account]
    /// Parallel to `accounts`: churn days, oldest first.
    public var churns: [[Day]]
    public var index: [String: Int]
    /// Accounts marked churned with no churned outcome on record.
    public var undated: Set<Int>
    /// Parallel to `accounts`: the days renewals closed won (`renewed` outcomes), oldest first.
    public var renewals: [[Day]] = []

    /// The accounts `user` may see (`PortfolioScope.natural`, as the reports read them: a CSM
    /// their own book, a manager their team's, a VP all), or the whole book when nil.
    public static func load(for user: User? = nil, in db: Database) throws -> ModelBook {
        let filter: SQL = try user.map { try PortfolioScope.natural(for: $0).accountFilter(for: $0, in: db) } ?? "1"
        let accounts = try SQLRequest<Account>("SELECT a.* FROM account a WHERE \(filter) ORDER BY a.id").fetchAll(db)
        var index: [String: Int] = [:]
        index.reserveCapacity(accounts.count)
        for (i, a) in accounts.enumerated() { index[a.id] = i }
        var churns = [[Day]](repeating: [], count: accounts.count)
        let rows = try Row.fetchCursor(db, sql: "SELECT account_id, date FROM account_outcome WHERE outcome = 'churned' ORDER BY date")
        while let row = try rows.next() {
            if let i = index[row[0]], let day = Day(iso: row[1] as String) { churns[i].append(day) }
        }
        var renewals = [[Day]](repeating: [], count: accounts.count)
        let renewed = try Row.fetchCursor(db, sql: "SELECT account_id, date FROM account_outcome WHERE outcome = 'renewed' ORDER BY date")
        while let row = try renewed.next() {
            if let i = index[row[0]], let day = Day(iso: row[1] as String) { renewals[i].append(day) }
        }
        var undated = Set<Int>()
        for (i, a) in accounts.enumerated() where a.status == .churned && churns[i].isEmpty { undated.insert(i) }
        return ModelBook(accounts: accounts, churns: churns, index: index, undated: undated, renewals: renewals)
    }

    /// Account `i` as it stood on `day`, as far as the outcomes tell: an account whose renewal
    /// closed won after the day has rolled its renewal date on by a term since; on the day,
    /// the renewal ahead of it was the one a term earlier. Without this a re-scored past day
    /// would read today's renewal date, far off for every account that renewed and near for
    /// every one that churned: the answer leaking into the question. Only a `renewed` outcome
    /// within a month of that earlier date counts as its closing, so a renewal date that has
    /// not rolled (an export taken on the day) is read as it is.
    public func account(_ i: Int, on day: Day) -> Account {
        var account = accounts[i]
        guard i < renewals.count, account.termMonths > 0 else { return account }
        for renewed in renewals[i].reversed() where renewed > day {
            let earlier = account.renewalDate.adding(months: -account.termMonths)
            guard earlier > day, abs(earlier.days(until: renewed)) <= 31 else { break }
            account.renewalDate = earlier
        }
        return account
    }

    /// What followed account `i`'s score on `day`: true when it churned within the horizon,
    /// false when it did not, nil when it had already churned (or its churn has no date).
    public func outcome(_ i: Int, after day: Day, horizonDays: Int) -> Bool? {
        if undated.contains(i) { return nil }
        let end = day.adding(days: horizonDays)
        var churned = false
        for c in churns[i] {
            if c <= day { churned = false; continue }   // an earlier churn: it came back, or it is gone
            if c <= end { churned = true }
            break
        }
        // Gone before the day, with no later churn and not back: no case.
        if let last = churns[i].last, last <= day, accounts[i].status == .churned { return nil }
        return churned
    }

    /// The accounts that were customers on `day` and had not churned by then.
    public func active(on day: Day) -> [Int] {
        accounts.indices.filter { i in accounts[i].contractStart <= day && outcome(i, after: day, horizonDays: 0) != nil }
    }

    /// Churns in `range`, with the account.
    public func churns(in range: ClosedRange<Day>) -> [(account: Int, day: Day)] {
        var out: [(Int, Day)] = []
        for (i, days) in churns.enumerated() where !undated.contains(i) {
            for d in days where range.contains(d) { out.append((i, d)) }
        }
        return out
    }
}
