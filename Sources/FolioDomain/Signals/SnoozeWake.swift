/// What ends a snooze before its day (DESIGN §2.3), whichever comes first: the account
/// worsening (its score below what it was when snoozed, or a new alert on it) or the
/// customer replying (an inbound activity on or after the day it was snoozed).
public struct SnoozeWake: Hashable, Sendable, Codable {
    public var onWorse: Bool
    public var onReply: Bool
    /// The account's score when it was snoozed (nil: it had none).
    public var score: Double?
    /// The day it was snoozed.
    public var since: Day

    public init(onWorse: Bool, onReply: Bool, score: Double?, since: Day) {
        self.onWorse = onWorse
        self.onReply = onReply
        self.score = score
        self.since = since
    }

    /// What the account did since, as the daily run or a logged activity sees it.
    public struct Since: Sendable, Hashable {
        /// Its score today (nil: none).
        public var score: Double?
        /// The kinds of alerts raised on it after the snooze's day.
        public var newAlerts: [Alert.Kind]
        public var replied: Bool

        public init(score: Double? = nil, newAlerts: [Alert.Kind] = [], replied: Bool = false) {
            self.score = score
            self.newAlerts = newAlerts
            self.replied = replied
        }
    }

    /// Why it wakes now, or nil while nothing it waits for happened.
    public func wakes(_ since: Since) -> String? {
        if onReply, since.replied { return "the customer replied" }
        if onWorse, let before = score, let now = since.score, now < before {
            return "the score fell to \(Int(now.rounded())) (\(Int(before.rounded())) when snoozed)"
        }
        if onWorse, let kind = since.newAlerts.first { return "a new \(kind.title) alert" }
        return nil
    }

    /// "if it worsens or they reply", for the lines that show the snooze.
    public var words: String { Self.words(onWorse: onWorse, onReply: onReply) }

    public static func words(onWorse: Bool, onReply: Bool) -> String {
        switch (onWorse, onReply) {
        case (true, true): "if it worsens or they reply"
        case (true, false): "if it worsens"
        case (false, true): "if they reply"
        case (false, false): ""
        }
    }
}

extension Alert {
    /// A snooze ended early by what it waited for: open again, the SLA as it was.
    public func woken() -> Result<Alert, Refusal> {
        guard state == .snoozed else { return .failure(.notDueToReopen) }
        var after = self
        after.state = .open
        after.snoozedUntil = nil
        after.snoozeWake = nil
        return .success(after)
    }
}
