import FolioDomain
import FolioStore

/// The interface's questions to the domain's access policy (`Access`, DESIGN §5): the
/// reducer asks before it asks the store (so a key that can never work says why at once,
/// and the hint bar leaves it out), and the store's desks ask again, with the account and
/// the alert in hand, before they write.
enum InterfaceAccess {
    /// The domain's act behind an interface command that changes data.
    static func act(of command: CommandName) -> Access.Act? {
        switch command {
        case .acknowledge: .acknowledgeAlert
        case .snooze: .snoozeAlert
        case .resolve: .resolveAlert
        case .logActivity: .logActivity
        case .moveRenewal: .moveRenewal
        case .recover, .approve, .cancelEmail: .emailCustomers
        default: nil
        }
    }

    /// Why the viewer may not run `command` at all (a read-only session, a guest of the demo,
    /// a role that never may), or nil when the store is to decide.
    static func refusal(of command: Command, by viewer: Viewer) -> String? {
        guard command.changesData else { return nil }
        if viewer.isReadonly { return "read-only (--readonly): nothing can be changed in this session" }
        if let guest = viewer.guest { return Access.Refusal.notAUser(guest.changing()).description }
        guard let act = act(of: command.name), let role = User.Role(rawValue: viewer.role) else { return nil }
        return Access.refusal(act, byRole: role, login: viewer.login)?.description
    }

    /// Managers and VPs have a team view and open other people's books.
    static func hasTeam(_ viewer: Viewer) -> Bool { User.Role(rawValue: viewer.role).map(Access.opensOtherBooks) ?? false }

    /// Why the viewer has no team view, or nil when they have one.
    static func refusalOfTeamView(_ viewer: Viewer) -> String? {
        hasTeam(viewer) ? nil : "the team view is for managers and VPs; \(viewer.login) is a \(viewer.role)"
    }

    /// Why the viewer may not ask for another person's book (`:as LOGIN`), or nil.
    static func refusalToView(_ login: String?, viewer: Viewer) -> String? {
        guard !hasTeam(viewer), let login, login != viewer.login else { return nil }
        return "only managers (their team's) and VPs (anyone's) open another person's book"
    }

    /// The store side of `:as LOGIN`: a VP opens anyone's book, a manager those of their
    /// team (`team`: the manager and everyone below), nobody else another's.
    static func refusalToOpenBook(of target: User?, login: String, by user: User, team: [String]) -> BookRefusal? {
        guard let target else { return .noSuchUser(login: login, example: team.dropFirst().first ?? user.login) }
        return Access.refusalToOpenBook(of: target, by: user, team: team).map(BookRefusal.refused)
    }
}

/// Why another person's book did not open, in words for the flash.
public enum BookRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case noSuchUser(login: String, example: String)
    /// Not theirs to open (`Access`).
    case refused(Access.Refusal)
    /// The store could not read it.
    case unreadable(login: String, reason: String)

    public var description: String {
        switch self {
        case let .noSuchUser(login, example):
            "no user \"\(TerminalText.sanitize(login))\"; :as takes a login, e.g. :as \(example)"
        case .refused(let refusal):
            refusal.description
        case let .unreadable(login, reason):
            "could not open the book of \(login): \(reason)"
        }
    }
}

/// Why a change was not made, before the store was asked to make it.
public enum ChangeRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not a user of the database (a guest of the demo): the reducer refuses first, the
    /// store side holds the line too.
    case notAUser(NotAUser)
    case noSequences
    case accountGone(String)

    public var description: String {
        switch self {
        case .notAUser(let who): Access.Refusal.notAUser(who.changing()).description
        case .noSequences: "no recovery sequences are configured (sequences.yaml: --sequences, FOLIO_SEQUENCES or SampleData)"
        case .accountGone(let id): "account \(id) is gone"
        }
    }
}
