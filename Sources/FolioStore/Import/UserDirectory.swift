/// Finds a user by login, email or exact name, as the import formats allow
/// (`owner`, `ae`, `author` and `manager` may be any of the three).
struct UserDirectory {
    private var logins: Set<String> = []
    private var byEmail: [String: String] = [:]
    private var byName: [String: String] = [:]
    /// Names (or emails) that two different users share: they cannot identify one user.
    private var ambiguous: Set<String> = []

    enum Lookup: Equatable {
        case found(String)
        case unknown
        case ambiguous
    }

    mutating func add(login: String, name: String, email: String) {
        logins.insert(login)
        for (key, isEmail) in [(email.lowercased(), true), (name, false)] {
            let existing = isEmail ? byEmail[key] : byName[key]
            if let existing, existing != login {
                ambiguous.insert(key)
            } else if isEmail {
                byEmail[key] = login
            } else {
                byName[key] = login
            }
        }
    }

    func find(_ reference: String) -> Lookup {
        if logins.contains(reference) { return .found(reference) }
        let email = reference.lowercased()
        if ambiguous.contains(email) || ambiguous.contains(reference) { return .ambiguous }
        if let login = byEmail[email] { return .found(login) }
        if let login = byName[reference] { return .found(login) }
        return .unknown
    }

    var isEmpty: Bool { logins.isEmpty }
}
