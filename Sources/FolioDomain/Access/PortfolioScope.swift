/// Whose accounts a list shows (`--mine`, `--team`, `--all`), always within what the user
/// may see: a CSM their own book, a manager their team's (down the reporting chain), a VP
/// every account, an AE the accounts they sell to.
public enum PortfolioScope: String, CaseIterable, Sendable {
    case mine, team, all

    /// What the user sees when they do not say: their own book for a CSM or an AE, the
    /// team's for a manager, everything for a VP.
    public static func natural(for user: User) -> PortfolioScope {
        switch user.role {
        case .csm, .ae: return .mine
        case .manager: return .team
        case .vp: return .all
        }
    }

    /// The scope actually applied: asking for more than the role allows gets what it allows.
    public func clamped(for user: User) -> PortfolioScope {
        switch (user.role, self) {
        case (.vp, _): return self
        case (.manager, .all): return .team
        case (.csm, _), (.ae, _): return .mine
        default: return self
        }
    }

    /// How the scope reads in a heading: "your book", "your team's book", "every account".
    public func label(for user: User) -> String {
        if user.role == .ae { return "the accounts \(user.name) sells to" }
        switch clamped(for: user) {
        case .mine: return "the book of \(user.name)"
        case .team: return "the team of \(user.name)"
        case .all: return "every account"
        }
    }
}
