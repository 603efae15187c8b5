import FolioDomain
import FolioStore

/// One screen on the view stack.
public enum Screen: Sendable {
    case book
    case alerts
    case checkIns
    case renewals
    case team
    case outbox
    case account(AccountScreen)
    case dashboard

    public var isBook: Bool { if case .book = self { return true } else { return false } }

    public var kind: ScreenKind {
        switch self {
        case .book: .book
        case .alerts: .alerts
        case .checkIns: .checkIns
        case .renewals: .renewals
        case .team: .team
        case .outbox: .outbox
        case .account: .account
        case .dashboard: .dashboard
        }
    }
}
