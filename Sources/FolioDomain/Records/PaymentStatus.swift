/// What finance reported on a day: how late the account's oldest unpaid invoice is.
public struct PaymentStatus: Hashable, Sendable, Codable {
    public var accountID: String
    public var asOf: Day
    public var daysOverdue: Int

    public init(accountID: String, asOf: Day, daysOverdue: Int) {
        self.accountID = accountID
        self.asOf = asOf
        self.daysOverdue = daysOverdue
    }
}
