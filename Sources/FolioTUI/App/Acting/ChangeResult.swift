/// What a change did, in words for the flash. Made only from the store's answer, so the
/// screen never says "done" before the transaction committed.
public struct ChangeResult: Sendable, Hashable {
    public var message: String
    public var isError: Bool
    /// Problems by form field, when the store refused the values (the form stays open).
    public var problems: [String: String]

    /// A view to show once it is done (an enterprise sequence's draft opens the outbox).
    public var then: CommandName?

    public init(message: String, isError: Bool = false, problems: [String: String] = [:], then: CommandName? = nil) {
        self.message = message
        self.isError = isError
        self.problems = problems
        self.then = then
    }
}
