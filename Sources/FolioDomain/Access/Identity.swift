/// Who is at the keyboard, as far as the database knows (DESIGN §5.1). A user of the
/// database sees and acts by their role. On a demo database, someone who is not one of its
/// people may look at it through its manager's eyes, and changes nothing: a change is always
/// recorded under the name of a real user.
public enum Identity: Hashable, Sendable {
    case user(User)
    /// Not a user of this demo database: shown what `showing` sees, refused every change.
    case guest(NotAUser, showing: User)

    /// Whose view the lists show.
    public var viewer: User {
        switch self {
        case .user(let user): return user
        case .guest(_, let showing): return showing
        }
    }

    /// The user changes are made and audited as; a guest is refused with how to become one.
    public func actingUser() throws(Access.Refusal) -> User {
        switch self {
        case .user(let user): return user
        case .guest(let who, _): throw .notAUser(who.changing())
        }
    }

    /// The identity of `login`: `user` is the user of that exact login, if any; `standIn` the
    /// demo's default user, when the database is a demo; `logins` every user's login, sorted
    /// as they are to be suggested.
    public static func resolve(login: String?, user: User?, standIn: User?, logins: [String]) -> Result<Identity, Access.Refusal> {
        if let user { return .success(.user(user)) }
        let who = NotAUser(login: login, logins: logins, standIn: standIn?.login)
        if let standIn { return .success(.guest(who, showing: standIn)) }
        return .failure(.notAUser(who))
    }
}

/// A login that is not a user of the database, with what to do about it: pick a user, or add
/// oneself through users.csv.
public struct NotAUser: Hashable, Sendable, CustomStringConvertible {
    /// The login given; nil when none was.
    public var login: String?
    /// Every user's login, in the order they are suggested.
    public var logins: [String]
    /// The demo's default user, when there is one.
    public var standIn: String?
    /// True when refusing a change (rather than refusing to open at all).
    public var isChange = false

    public init(login: String?, logins: [String], standIn: String? = nil) {
        self.login = login
        self.logins = logins
        self.standIn = standIn
    }

    /// The same person, refused a change.
    public func changing() -> NotAUser {
        var copy = self
        copy.isChange = true
        return copy
    }

    /// A user whose login differs from the one given only in case ("Chen.Wei" for chen.wei).
    public var sameButForCase: String? {
        guard let login else { return nil }
        return logins.first { $0 != login && $0.lowercased() == login.lowercased() }
    }

    public var description: String {
        guard !logins.isEmpty else { return "the database has no users yet; import users.csv first (folio import)" }
        var who = login.map { "\"\($0)\" is not a user of this database" } ?? "no user given"
        if let close = sameButForCase { who += " (logins are exact: did you mean \(close)?)" }
        let because = isChange ? "; changes are recorded under a real user's name, so nothing was changed" : ""
        let shown = logins.prefix(12).joined(separator: ", ") + (logins.count > 12 ? ", …" : "")
        let manager = standIn ?? logins.last ?? "manager"
        return "\(who)\(because); use --user or FOLIO_USER with one of: \(shown); "
            + "to add \(login ?? "someone"), put a line like \"\(login ?? "login"),Their Name,them@example.com,csm,\(manager)\" "
            + "in a users.csv (login,name,email,role,manager) and run folio import users.csv"
    }
}
