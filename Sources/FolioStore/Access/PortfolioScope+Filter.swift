import FolioDomain
import GRDB

extension PortfolioScope {
    /// A condition on the `account` table aliased `a`.
    func accountFilter(for user: User, in db: Database) throws -> SQL {
        if user.role == .ae { return "a.ae = \(user.login)" }
        switch clamped(for: user) {
        case .all: return "1"
        case .mine: return "a.owner = \(user.login)"
        case .team: return "a.owner IN \(try Book.team(of: user, in: db))"
        }
    }
}
