/// How far a long piece of work has got (a daily run, the demo's replay, generating or
/// importing a book, fitting a model): what it is doing now and, when known, how many of
/// how many. Whoever does the work reports it; whoever shows it (`folio`'s progress line on
/// a terminal) decides how often and whether at all.
public struct WorkProgress: Hashable, Sendable {
    /// What is being done now: "scoring", "week 12 of 26", "usage.csv".
    public var activity: String
    public var done: Int
    public var total: Int?
    /// What `done` counts: "accounts", "steps", "rows".
    public var unit: String

    public init(_ activity: String, done: Int = 0, of total: Int? = nil, unit: String = "") {
        self.activity = activity
        self.done = done
        self.total = total
        self.unit = unit
    }

    /// 0…1 when the total is known.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, max(0, Double(done) / Double(total)))
    }
}

/// Receives progress from any thread; must return quickly.
public typealias ProgressHandler = @Sendable (WorkProgress) -> Void
