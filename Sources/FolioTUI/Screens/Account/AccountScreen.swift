public struct AccountScreen: Sendable {
    public var accountID: String
    public var name: String
    public var page: AccountPage?
    /// The first line shown.
    public var scroll: Int = 0
    public var error: String?

    public init(accountID: String, name: String) {
        self.accountID = accountID
        self.name = name
    }
}
