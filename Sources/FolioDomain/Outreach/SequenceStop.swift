/// Why a sequence stops before its last step (DESIGN §2.6), in words kept with it.
public enum SequenceStop: Hashable, Sendable {
    case replied(on: Day)
    case meeting(on: Day)
    /// Back out of the band that started it, or the alert cleared by itself.
    case recovered(String)
    case optedOut(String)
    case contactLeft(String)
    case churned
    case person(login: String, reason: String?)

    /// The stop's kind as stored: `replied` and `meeting` are the customer answering.
    public var kind: String {
        switch self {
        case .replied: return "replied"
        case .meeting: return "meeting"
        case .recovered: return "recovered"
        case .optedOut: return "opted-out"
        case .contactLeft: return "contact-left"
        case .churned: return "churned"
        case .person: return "person"
        }
    }

    public var reason: String {
        switch self {
        case .replied(let day): return "the customer replied (inbound activity on \(day))"
        case .meeting(let day): return "a meeting was logged on \(day)"
        case .recovered(let how): return "the account recovered (\(how))"
        case .optedOut(let who): return "\(who) opted out of email"
        case .contactLeft(let who): return "\(who) left the company"
        case .churned: return "the account churned"
        case let .person(login, reason): return "stopped by \(login)" + (reason.map { ": \($0)" } ?? "")
        }
    }

    /// Why nobody may be written to any more: the account churned or opted out, the contact
    /// opted out or left. Checked by the daily run and again just before an email goes.
    public static func unreachable(_ account: Account, contact: Contact?) -> SequenceStop? {
        if account.status == .churned { return .churned }
        if account.emailOptOut { return .optedOut(account.name) }
        if let contact, contact.optOut { return .optedOut(contact.name) }
        if let contact, contact.leftCompany { return .contactLeft(contact.name) }
        return nil
    }

    /// An activity that ends a sequence: a reply, a meeting, dated after `after` (the day
    /// before the start for one logged after it began; the start day itself for the daily
    /// run, which cannot tell an activity imported for that day from one before the alert).
    public static func ending(_ activity: Activity, after: Day) -> SequenceStop? {
        guard activity.date > after else { return nil }
        if activity.direction == .inbound && activity.kind != .note { return .replied(on: activity.date) }
        if activity.kind == .meeting || activity.kind == .qbr { return .meeting(on: activity.date) }
        return nil
    }
}
