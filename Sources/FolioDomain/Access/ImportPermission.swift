/// Who may import (issue "Hardening", item 7): importing rewrites everyone's data (owners,
/// ARR, dates), so it takes a role allowed to, VP and managers by default. A database with
/// no users yet has nobody to ask, so its first import (the one that brings the team in)
/// is open. A pure rule, kept apart so the access policy can take it in whole.
public enum ImportPermission {
    /// The roles allowed to import when the database does not say otherwise.
    public static let defaultRoles: Set<User.Role> = [.vp, .manager]

    public enum Decision: Hashable, Sendable {
        case allowed
        /// Refused, with a sentence saying why and what to do.
        case refused(String)
    }

    /// Decides for `login` (the person importing), given their user record when they have
    /// one, whether the database has users at all, and the roles allowed to import.
    public static func decide(login: String?, user: User?, databaseHasUsers: Bool,
                              allowedRoles: Set<User.Role> = defaultRoles) -> Decision {
        guard databaseHasUsers else { return .allowed }
        let roles = User.Role.allCases.filter(allowedRoles.contains).map(\.rawValue).joined(separator: ", ")
        guard let user else {
            let who = login.map { "\"\($0)\" is not a user of this database" } ?? "no user was given"
            return .refused("\(who); importing is recorded under a user whose role may import (\(roles)): pass --user LOGIN, or ask one of them to add you to users.csv and import it")
        }
        guard allowedRoles.contains(user.role) else {
            return .refused("\(user.login) is a \(user.role.rawValue), and importing is allowed to \(roles) on this database (it changes owners, ARR and dates for everyone); ask one of them to import, or a VP to allow your role with `folio import --roles`")
        }
        return .allowed
    }

    /// Reads a role list as written in settings or on the command line: `vp,manager`.
    /// Nil when a name is not a role or the list is empty.
    public static func roles(from text: String) -> Set<User.Role>? {
        var roles = Set<User.Role>()
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }) {
            guard let role = User.Role(rawValue: part.lowercased()) else { return nil }
            roles.insert(role)
        }
        return roles.isEmpty ? nil : roles
    }

    /// The list as stored: roles in their declared order, comma-separated.
    public static func text(of roles: Set<User.Role>) -> String {
        User.Role.allCases.filter(roles.contains).map(\.rawValue).joined(separator: ",")
    }
}
