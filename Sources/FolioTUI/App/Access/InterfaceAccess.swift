import FolioDomain
import FolioStore

/// Who may do what in the interface, in one place: the reducer asks before it asks the
/// store, and the store side asks again before it writes or opens another person's book.
/// (The domain's access policy is to take these over; until then they are the interface's.)
enum InterfaceAccess {
    /// Why the viewer may not change anything, or nil when they may.
    static func refusalToAct(_ viewer: Viewer) -> String? {
        if viewer.isReadonly { return "read-only (--readonly): nothing can be changed in this session" }
        if viewer.role == "ae" { return "account executives see their accounts read-only: no acknowledging, snoozing, resolving, logging or moving" }
        return nil
    }

    /// Managers and VPs have a team view and open other people's books.
    static func hasTeam(_ viewer: Viewer) -> Bool { viewer.role == "manager" || viewer.role == "vp" }

    /// Why the viewer has no team view, or nil when they have one.
    static func refusalOfTeamView(_ viewer: Viewer) -> String? {
        hasTeam(viewer) ? nil : "the team view is for managers and VPs; \(viewer.login) is a \(viewer.role)"
    }

    /// Why the viewer may not ask for another person's book (`:as LOGIN`), or nil.
    static func refusalToView(_ login: String?, viewer: Viewer) -> String? {
        guard !hasTeam(viewer), let login, login != viewer.login else { return nil }
        return "only managers (their team's) and VPs (anyone's) open another person's book"
    }

    /// The store side of a change: an account executive writes nothing, whatever asked.
    static func refusalToChange(by user: User) -> ChangeRefusal? {
        user.role == .ae ? .accountExecutive(login: user.login) : nil
    }

    /// The store side of `:as LOGIN`: a VP opens anyone's book, a manager those of their
    /// team (`team`: the manager first, then everyone below), nobody else another's.
    static func refusalToOpenBook(of target: User?, login: String, by user: User, team: [String]) -> BookRefusal? {
        guard target != nil else { return .noSuchUser(login: login, example: team.dropFirst().first ?? user.login) }
        switch user.role {
        case .vp: return nil
        case .manager where team.contains(login): return nil
        case .manager: return .notInTeam(login: login, manager: user.login, team: Array(team.dropFirst().prefix(6)))
        case .csm, .ae: return .notAManager(login: user.login, role: user.role.rawValue)
        }
    }
}

/// Why another person's book did not open, in words for the flash.
public enum BookRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case noSuchUser(login: String, example: String)
    case notInTeam(login: String, manager: String, team: [String])
    case notAManager(login: String, role: String)
    /// The store could not read it.
    case unreadable(login: String, reason: String)

    public var description: String {
        switch self {
        case let .noSuchUser(login, example):
            "no user \"\(TerminalText.sanitize(login))\"; :as takes a login, e.g. :as \(example)"
        case let .notInTeam(login, manager, team):
            "\(login) is not in the team of \(manager); a manager opens the books of their team (\(team.joined(separator: ", ")))"
        case let .notAManager(login, role):
            "\(login) is a \(role): only managers and VPs open another person's book"
        case let .unreadable(login, reason):
            "could not open the book of \(login): \(reason)"
        }
    }
}

/// Why a change was not made, before the store was asked to make it.
public enum ChangeRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reducer refuses first; the store side holds the line too.
    case accountExecutive(login: String)
    case noSequences
    case accountGone(String)

    public var description: String {
        switch self {
        case .accountExecutive(let login): "\(login) is an account executive: accounts are read-only for AEs"
        case .noSequences: "no recovery sequences are configured (sequences.yaml: --sequences, FOLIO_SEQUENCES or SampleData)"
        case .accountGone(let id): "account \(id) is gone"
        }
    }
}
