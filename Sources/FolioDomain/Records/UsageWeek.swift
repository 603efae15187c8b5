/// One week of product usage for an account; `week` is that week's Monday.
public struct UsageWeek: Hashable, Sendable, Codable {
    public var accountID: String
    public var week: Day
    public var activeUsers: Int
    public var logins: Int?
    /// The product's core metric (emails sent, reports run…).
    public var keyActions: Int
    public var featuresUsed: Int?
    public var featuresAvailable: Int?

    public init(accountID: String, week: Day, activeUsers: Int, logins: Int? = nil, keyActions: Int,
                featuresUsed: Int? = nil, featuresAvailable: Int? = nil) {
        self.accountID = accountID
        self.week = week
        self.activeUsers = activeUsers
        self.logins = logins
        self.keyActions = keyActions
        self.featuresUsed = featuresUsed
        self.featuresAvailable = featuresAvailable
    }
}
