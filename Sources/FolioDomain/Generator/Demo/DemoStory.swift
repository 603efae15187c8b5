/// One of the demo's told accounts (SampleData/STORIES.md): who it is, the script its
/// records follow, and what Folio shows for it on the demo's day — the band it lands in
/// and the alerts it raises, which a test checks against the real scoring and daily run.
public struct DemoStory: Sendable {
    /// An alert the story raises during the demo's replay.
    public struct ExpectedAlert: Hashable, Sendable, CustomStringConvertible {
        public var kind: Alert.Kind
        /// Its severity today: a health drop escalates while the score keeps falling.
        public var severity: Alert.Severity
        public var raisedOn: Day
        /// True when the engine resolves it because the condition cleared (outcome `recovered`).
        public var recovers: Bool

        public init(_ kind: Alert.Kind, _ severity: Alert.Severity, on raisedOn: String, recovers: Bool = false) {
            self.kind = kind
            self.severity = severity
            self.raisedOn = Day(iso: raisedOn)!
            self.recovers = recovers
        }

        public var description: String {
            "\(kind.rawValue) \(severity.rawValue) raised \(raisedOn.iso)\(recovers ? ", recovered" : "")"
        }
    }

    /// Its row in STORIES.md.
    public let number: Int
    /// A short name for the story ("champion-left").
    public let key: String
    public let accountID: String
    public let name: String
    public let owner: String
    public let tier: Account.Tier
    /// The band it is in on the demo's day; nil when it has left the active book.
    public let band: String?
    /// Every alert the replay raises for it, in the order they are raised.
    public let alerts: [ExpectedAlert]
    /// The CSM never picks its alerts up: they go overdue and reach the manager's escalations.
    public let unanswered: Bool
    let script: DemoScript

    init(_ number: Int, _ key: String, _ script: DemoScript, band: String?, alerts: [ExpectedAlert], unanswered: Bool = false) {
        self.number = number
        self.key = key
        self.accountID = script.id
        self.name = script.name
        self.owner = script.owner
        self.tier = script.tier
        self.band = band
        self.alerts = alerts
        self.unanswered = unanswered
        self.script = script
    }
}

/// What a told account's records are made of: the facts its story needs, fixed; whatever
/// the story does not fix is filled in the way every other account's is, from its latent
/// health.
struct DemoScript: Sendable {
    struct Person: Sendable {
        var name: String
        var local: String
        var roles: Set<Contact.Role>
        var left = false
        var optOut = false

        init(_ name: String, _ local: String, _ roles: Set<Contact.Role>, left: Bool = false, optOut: Bool = false) {
            self.name = name
            self.local = local
            self.roles = roles
            self.left = left
            self.optOut = optOut
        }
    }

    struct Case: Sendable {
        var priority: SupportCase.Priority
        var opened: Day
        var closed: Day?

        init(_ priority: SupportCase.Priority, _ opened: String, _ closed: String? = nil) {
            self.priority = priority
            self.opened = Day(iso: opened)!
            self.closed = closed.map { Day(iso: $0)! }
        }
    }

    struct Answer: Sendable {
        var role: Contact.Role
        var date: Day
        var score: Int

        init(_ role: Contact.Role, _ date: String, _ score: Int) {
            self.role = role
            self.date = Day(iso: date)!
            self.score = score
        }
    }

    /// An activity as the story tells it; `{primary}`, `{champion}` and `{sponsor}` in the
    /// summary become the contacts' names.
    struct Touch: Sendable {
        var kind: Activity.Kind
        var direction: Activity.Direction
        var date: Day
        var author: String
        var summary: String

        init(_ kind: Activity.Kind, _ direction: Activity.Direction, _ date: String, _ author: String, _ summary: String) {
            self.kind = kind
            self.direction = direction
            self.date = Day(iso: date)!
            self.author = author
            self.summary = summary
        }
    }

    var id: String
    var name: String
    /// The stem of the company's e-mail domain.
    var slug: String
    var tier: Account.Tier
    var owner: String
    var ae: String?
    var arr: Int64
    var seats: Int
    var start: Day
    var renewal: Day
    var timezone: String
    var status: Account.Status = .active
    var contacts: [Person]
    /// The truth behind the story, one value per usage week and one for the as-of day.
    var latent: [Double]

    // Usage, one value per usage week: seat utilisation, key actions against the
    // account's ordinary week, advanced features used. Nil: drawn from the latent health.
    var utilisation: [Double]? = nil
    var keyActions: [Double]? = nil
    var features: [Double]? = nil

    /// Days between the CSM's touches, week by week (every kind in one stream); nil: the
    /// usual rhythm for the account's health.
    var touchGap: [Double]? = nil
    var meetings: [Day]? = nil
    var qbrs: [Day]? = nil
    var meetingGap: Double? = nil
    /// Nothing after this day (but what `outboundAfterQuiet` lets through).
    var quietAfter: Day? = nil
    /// The CSM still writes (emails and notes) after `quietAfter`; nobody answers.
    var outboundAfterQuiet = false
    /// Only the story's own activities, none of the usual rhythm.
    var onlyTold = false
    /// The customer left on this day: no usage or activity from it on.
    var churnedOn: Day? = nil

    /// Nil: drawn from the latent health.
    var cases: [Case]? = nil
    var answers: [Answer]? = nil
    /// Payment status reports after the first (which is always "paid up").
    var payments: [(Day, Int)]? = nil
    var touches: [Touch] = []
}

extension DemoScript {
    /// `count` values: `a` up to index `i0`, a straight line to `b` at `i1`, then `b`.
    static func line(_ a: Double, _ b: Double, _ i0: Int, _ i1: Int, count: Int = 26) -> [Double] {
        (0..<count).map { i in
            if i <= i0 { return a }
            if i >= i1 { return b }
            return a + (b - a) * Double(i - i0) / Double(i1 - i0)
        }
    }

    /// A latent health: `a` up to week `i0`, a straight line to `b` at week `i1`, then `b`
    /// (26 usage weeks and the as-of day).
    static func latent(_ a: Double, _ b: Double = .nan, _ i0: Int = 26, _ i1: Int = 26) -> [Double] {
        b.isNaN ? Array(repeating: a, count: 27) : line(a, b, i0, i1, count: 27)
    }

    /// `value` for `count` weeks.
    static func flat(_ value: Double, _ count: Int = 26) -> [Double] { Array(repeating: value, count: count) }
}
