/// A change made by a person (an import, an acknowledgement, a stage moved): who, when,
/// what, and the record before and after, as JSON text.
public struct AuditEntry: Hashable, Sendable, Codable {
    public var id: Int64?
    /// Login of who did it.
    public var actor: String
    /// Seconds since 1970 (UTC).
    public var at: Int64
    /// What was done, in a word or two: `import`, `alert.acknowledge`.
    public var action: String
    /// What it was done to: `accounts.csv`, `alert 42`.
    public var subject: String
    public var before: String?
    public var after: String?

    public init(id: Int64? = nil, actor: String, at: Int64, action: String, subject: String,
                before: String? = nil, after: String? = nil) {
        self.id = id
        self.actor = actor
        self.at = at
        self.action = action
        self.subject = subject
        self.before = before
        self.after = after
    }
}
