/// When check-ins fall due and how long their windows stay open (DESIGN §2.4). The defaults
/// are DESIGN's; a team's config may change any of them.
public struct CheckInCalendar: Hashable, Sendable, Codable {
    /// Days after the contract start on which an onboarding check-in is due.
    public var onboardingDays: [Int]
    /// A QBR preparation is due this many days before each calendar quarter ends.
    public var qbrLeadDays: Int
    /// The tiers that hold QBRs (all of them by default).
    public var qbrTiers: Set<Account.Tier>
    /// QBRs start once onboarding is over: no QBR preparation in the first this-many days.
    public var qbrFromDay: Int
    /// Whether each contract anniversary gets a check-in.
    public var anniversaries: Bool
    /// An activity counts from this many days before the due date…
    public var daysBefore: Int
    /// …to this many days after it.
    public var daysAfter: Int
    /// The daily run plans check-ins due up to this many days ahead.
    public var horizonDays: Int
    /// A missed check-in still turns done when an activity inside its window is logged late,
    /// up to this many days after the window closed.
    public var lateLoggingDays: Int

    public init(onboardingDays: [Int] = [30, 60, 90], qbrLeadDays: Int = 30, qbrTiers: Set<Account.Tier> = Set(Account.Tier.allCases),
                qbrFromDay: Int = 90, anniversaries: Bool = true, daysBefore: Int = 7, daysAfter: Int = 14, horizonDays: Int = 30,
                lateLoggingDays: Int = 30) {
        self.onboardingDays = onboardingDays
        self.qbrLeadDays = qbrLeadDays
        self.qbrTiers = qbrTiers
        self.qbrFromDay = qbrFromDay
        self.anniversaries = anniversaries
        self.daysBefore = daysBefore
        self.daysAfter = daysAfter
        self.horizonDays = horizonDays
        self.lateLoggingDays = lateLoggingDays
    }

    public static let standard = CheckInCalendar()

    /// The earliest due date the daily run of `asOf` plans: a check-in due then has its
    /// window closing today.
    public func planFrom(asOf: Day) -> Day { asOf.adding(days: -daysAfter) }
    /// The latest due date the daily run of `asOf` plans.
    public func planThrough(asOf: Day) -> Day { asOf.adding(days: horizonDays) }
    /// Check-ins due on or after this day are looked at again by the run of `asOf` (a missed
    /// one may still turn done when an activity is logged late).
    public func recheckFrom(asOf: Day) -> Day { asOf.adding(days: -daysAfter - lateLoggingDays) }

    /// A check-in of `kind` due on `due`, with its window.
    public func checkIn(accountID: String, kind: CheckIn.Kind, due: Day) -> CheckIn {
        CheckIn(accountID: accountID, kind: kind, due: due, opens: due.adding(days: -daysBefore), closes: due.adding(days: daysAfter))
    }

    /// The account's check-ins due between `from` and `through` (both included), in due order.
    /// Nothing is due before the contract starts.
    public func checkIns(for account: Account, from: Day, through: Day) -> [CheckIn] {
        guard from <= through else { return [] }
        var out: [CheckIn] = []
        let start = account.contractStart
        func add(_ kind: CheckIn.Kind, _ due: Day) {
            if due >= from && due <= through && due > start { out.append(checkIn(accountID: account.id, kind: kind, due: due)) }
        }
        for days in onboardingDays where days > 0 { add(.onboarding, start.adding(days: days)) }
        if qbrTiers.contains(account.tier) {
            var quarter = Quarter(containing: from)
            while true {
                let due = quarter.lastDay.adding(days: -qbrLeadDays)
                if due > through { break }
                if start.days(until: due) >= qbrFromDay { add(.qbrPrep, due) }
                quarter = quarter.next
            }
        }
        if anniversaries {
            // The first anniversary that could fall on or after `from`, then each year after.
            var years = max(1, from.year - start.year - 1)
            while true {
                let due = start.adding(years: years)
                if due > through { break }
                add(.anniversary, due)
                years += 1
            }
        }
        return out.sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
    }
}
