/// What happened to an account at a point in time: the ground truth a score is checked
/// against (did the accounts it called Red churn?). Kept as history: imported from the CRM
/// (`outcomes.csv`) or recorded by Folio itself when a renewal closes.
public struct AccountOutcome: Hashable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case churned, renewed, expanded, contracted
    }

    public var accountID: String
    public var date: Day
    public var kind: Kind
    /// How ARR moved with it (negative for a contraction or a churn), when known.
    public var arrChange: Money?
    /// Where it came from: `import` or `folio`.
    public var source: String
    public var note: String?

    public init(accountID: String, date: Day, kind: Kind, arrChange: Money? = nil, source: String = "import", note: String? = nil) {
        self.accountID = accountID
        self.date = date
        self.kind = kind
        self.arrChange = arrChange
        self.source = source
        self.note = note
    }
}
