/// A calendar check-in (DESIGN §2.4): a conversation the CSM owes the customer by a date,
/// done when a check-in, call, meeting or QBR is logged inside its window.
public struct CheckIn: Hashable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// Day 30, 60 or 90 after the contract started (the day is the due date's distance from it).
        case onboarding
        /// Preparing the quarterly business review, some days before the quarter ends.
        case qbrPrep = "qbr-prep"
        /// A year (or two, three…) since the contract started.
        case anniversary
    }

    public enum State: String, CaseIterable, Sendable, Codable {
        /// Not done yet; its window has not closed.
        case due
        /// A qualifying activity was logged inside the window.
        case done
        /// The window closed with nothing logged in it.
        case missed
    }

    public var accountID: String
    public var kind: Kind
    public var due: Day
    /// The window: the first and the last day an activity counts.
    public var opens: Day
    public var closes: Day
    public var state: State
    /// The activity that completed it, once done.
    public var activityID: String?

    public init(accountID: String, kind: Kind, due: Day, opens: Day, closes: Day, state: State = .due, activityID: String? = nil) {
        self.accountID = accountID
        self.kind = kind
        self.due = due
        self.opens = opens
        self.closes = closes
        self.state = state
        self.activityID = activityID
    }

    /// What a person calls it: "onboarding day 30", "QBR preparation (2026-Q4)", "anniversary (year 3)".
    public func title(contractStart: Day) -> String {
        switch kind {
        case .onboarding: return "onboarding day \(contractStart.days(until: due))"
        case .qbrPrep: return "QBR preparation (\(Quarter(containing: due)))"
        case .anniversary:
            let years = Int((Double(contractStart.days(until: due)) / 365.25).rounded())
            return "anniversary (year \(max(1, years)))"
        }
    }
}
