/// A person at a customer account.
public struct Contact: Hashable, Sendable, Codable {
    public enum Role: String, CaseIterable, Sendable, Codable {
        case sponsor, champion, primary
    }

    public var id: String
    public var accountID: String
    public var name: String
    public var email: String
    public var roles: Set<Role>
    public var leftCompany: Bool
    public var optOut: Bool

    public init(id: String, accountID: String, name: String, email: String, roles: Set<Role> = [],
                leftCompany: Bool = false, optOut: Bool = false) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.email = email
        self.roles = roles
        self.leftCompany = leftCompany
        self.optOut = optOut
    }

    /// Someone we may still write to.
    public var isReachable: Bool { !leftCompany && !optOut }

    /// The first word of the name, for a greeting.
    public var firstName: String {
        name.split(separator: " ", maxSplits: 1).first.map(String.init) ?? name
    }

    /// Roles in their canonical order, `;`-separated as in the import format.
    public var rolesText: String {
        Role.allCases.filter(roles.contains).map(\.rawValue).joined(separator: ";")
    }
}
