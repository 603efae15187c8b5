/// How often each tier should hear from its CSM (DESIGN §2.4): past the limit, a check-in
/// is overdue. The defaults are DESIGN's; a team's config may change them.
public struct CheckInPolicy: Hashable, Sendable, Codable {
    /// Days since the last activity after which a check-in is overdue, per tier.
    public var limitDays: [Account.Tier: Int]

    public init(limitDays: [Account.Tier: Int] = [.enterprise: 45, .midMarket: 30, .smb: 90]) {
        self.limitDays = limitDays
    }

    public static let standard = CheckInPolicy()

    public func limit(for tier: Account.Tier) -> Int { limitDays[tier] ?? 90 }

    /// True when the account has gone longer than its tier allows without an activity
    /// (never having had one counts as overdue).
    public func isOverdue(tier: Account.Tier, daysSinceActivity: Int?) -> Bool {
        guard let days = daysSinceActivity else { return true }
        return days > limit(for: tier)
    }
}
