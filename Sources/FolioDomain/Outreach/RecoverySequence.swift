/// A recovery sequence (DESIGN §2.6): a few emails, each after a delay, each a template.
public struct RecoverySequence: Hashable, Sendable {
    public struct Step: Hashable, Sendable {
        /// The template's name (its file in the templates folder, without `.mustache`).
        public var template: String
        /// Days after the previous step was sent; the first step waits for the alert delay instead.
        public var delayDays: Int

        public init(template: String, delayDays: Int) {
            self.template = template
            self.delayDays = delayDays
        }
    }

    /// `product-optimization`, `re-engagement`…
    public var name: String
    /// What it is for, in a line: shown when a person picks one.
    public var title: String
    /// Whom to write to, first choice first; a contact who left or opted out is skipped.
    public var contacts: [Contact.Role]
    public var steps: [Step]

    public init(name: String, title: String, contacts: [Contact.Role], steps: [Step]) {
        self.name = name
        self.title = title
        self.contacts = contacts
        self.steps = steps
    }
}

/// The sequences and how they are sent: everything `sequences.yaml` says.
public struct OutreachSettings: Hashable, Sendable {
    /// Hours after the alert before the first customer email (24–48): the CSM hears first.
    public var firstEmailDelayHours: Int = 24
    public var workingHours = WorkingHours()
    /// At most one automated email per contact in this many days, across sequences.
    public var contactGapDays: Int = 3
    /// Words no template may name or say, as a field or in its text.
    public var bannedPhrases: [String] = ["score", "health", "risk", "churn"]
    /// Delivery attempts before a message is marked failed.
    public var maxAttempts: Int = 5
    /// The wait after the first failure; it doubles with each further one.
    public var retryMinutes: Int = 15
    /// Our company and product, as the customer knows them.
    public var company: String = "Folio"
    public var product: String = "Folio"
    /// The product's core metric in customer words ("emails sent").
    public var keyActions: String = "key actions"
    /// The CSM's title under their name.
    public var signatureTitle: String = "Customer Success Manager"

    public init() {}

    public static let standard = OutreachSettings()

    /// When the first step may go: never before the alert plus the delay.
    public func earliestFirstSend(alertRaisedAt: Int64) -> Int64 {
        alertRaisedAt + Int64(firstEmailDelayHours) * 3_600
    }

    /// The wait before attempt `attempts + 1`, after `attempts` failures.
    public func retryDelay(afterAttempts attempts: Int) -> Int64 {
        Int64(retryMinutes) * 60 * (Int64(1) << Int64(min(max(attempts - 1, 0), 10)))
    }
}

/// The hours in which a customer may receive an email, in the account's own time zone.
public struct WorkingHours: Hashable, Sendable {
    /// 0–23: the first hour of the day that is in.
    public var startHour: Int = 9
    /// 1–24: the first hour that is out again.
    public var endHour: Int = 17
    /// 1 = Monday … 7 = Sunday.
    public var weekdays: Set<Int> = [1, 2, 3, 4, 5]

    public init(startHour: Int = 9, endHour: Int = 17, weekdays: Set<Int> = [1, 2, 3, 4, 5]) {
        self.startHour = startHour
        self.endHour = endHour
        self.weekdays = weekdays
    }

    /// Is this local moment (seconds since 1970 in the account's wall-clock time) inside?
    public func contains(local: Int64) -> Bool {
        let day = Moment(seconds: local).day
        let hour = Int((local - Int64(day.ordinal) * 86_400) / 3_600)
        return weekdays.contains(day.weekday) && hour >= startHour && hour < endHour
    }

    /// The first moment at or after `instant` that is inside, given the account's offset from
    /// UTC at a moment (daylight saving moves it). Nil when no hour of the week is inside.
    public func next(atOrAfter instant: Int64, offset: (Int64) -> Int64) -> Int64? {
        guard !weekdays.isEmpty, startHour < endHour else { return nil }
        let local = instant + offset(instant)
        if contains(local: local) { return instant }
        var day = Moment(seconds: local).day
        let opening = Int64(startHour) * 3_600
        // Today's opening if it is still ahead, else the next allowed day's.
        if !(weekdays.contains(day.weekday) && local < Int64(day.ordinal) * 86_400 + opening) {
            day = day.adding(days: 1)
            while !weekdays.contains(day.weekday) { day = day.adding(days: 1) }
        }
        let opens = Int64(day.ordinal) * 86_400 + opening
        // The offset in force at the opening, not at `instant`.
        return max(instant, opens - offset(opens - offset(instant)))
    }
}
