/// The people an account belongs to, as the access rules need them: its CSM, the CSM's
/// managers up the reporting chain (nearest first) and its account executive.
public struct AccountPeople: Hashable, Sendable {
    public var accountID: String
    public var owner: String
    public var managers: [String]
    public var ae: String?

    public init(accountID: String, owner: String, managers: [String] = [], ae: String? = nil) {
        self.accountID = accountID
        self.owner = owner
        self.managers = managers
        self.ae = ae
    }

    public init(_ account: Account, managers: [String]) {
        self.init(accountID: account.id, owner: account.owner, managers: managers, ae: account.ae)
    }
}
