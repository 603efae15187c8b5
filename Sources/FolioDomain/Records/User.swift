/// Someone who uses Folio: a CSM owns accounts, a manager leads CSMs, a VP sees all,
/// an account executive (AE) sells and renews.
public struct User: Hashable, Sendable, Codable {
    public enum Role: String, CaseIterable, Sendable, Codable {
        case csm, manager, vp, ae
    }

    public var login: String
    public var name: String
    public var email: String
    public var role: Role
    /// The login of this user's manager; nil at the top.
    public var managerLogin: String?

    public init(login: String, name: String, email: String, role: Role, managerLogin: String? = nil) {
        self.login = login
        self.name = name
        self.email = email
        self.role = role
        self.managerLogin = managerLogin
    }
}
