/// An alert's life (DESIGN §2.3): `open` → `acknowledged` → `resolved`; `snoozed` until a day,
/// then `open` again; escalated by a deeper crossing (at its new stakes it needs acknowledging
/// again), eased, handed over to someone else. Each transition returns the alert after it,
/// or why it cannot happen; who may make it is `Access`'s to say, and the store loads and
/// saves around it.
extension Alert {
    /// Why a transition cannot happen.
    public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        case alreadyResolved(by: String?, at: Int64?, outcome: Outcome?)
        case alreadyAcknowledged(by: String?, at: Int64?)
        case snoozeNotAfter(until: Day, asOf: Day)
        case snoozeWithoutReason
        /// Reopening: not snoozed, or its day has not come.
        case notDueToReopen
        case alreadyRecipient(String)

        /// Someone got there first, or the alert is already where asked (rather than a request that makes no sense).
        public var isConflict: Bool {
            switch self {
            case .alreadyResolved, .alreadyAcknowledged, .alreadyRecipient, .notDueToReopen: return true
            case .snoozeNotAfter, .snoozeWithoutReason: return false
            }
        }

        public var description: String {
            let by = { (login: String?, at: Int64?) in "by \(login ?? "someone") at \(at.map { Moment(seconds: $0).utc } ?? "an unknown time")" }
            switch self {
            case let .alreadyResolved(login, at, outcome):
                return "already resolved \(by(login, at))\(outcome.map { " (\($0.rawValue))" } ?? "")"
            case let .alreadyAcknowledged(login, at):
                return "already acknowledged \(by(login, at))"
            case let .snoozeNotAfter(until, asOf):
                return "snooze until \(until): pick a day after \(asOf)"
            case .snoozeWithoutReason:
                return "a snooze needs a reason (--reason)"
            case .notDueToReopen:
                return "not snoozed until today or earlier"
            case .alreadyRecipient(let login):
                return "already routed to \(login)"
            }
        }
    }

    /// "I am on it": the response time runs from `raisedAt` to `now`; a snooze ends.
    public func acknowledged(by login: String, at now: Int64) -> Result<Alert, Refusal> {
        if let refusal = resolvedRefusal { return .failure(refusal) }
        if state == .acknowledged { return .failure(.alreadyAcknowledged(by: acknowledgedBy, at: acknowledgedAt)) }
        var after = self
        after.state = .acknowledged
        after.acknowledgedBy = login
        after.acknowledgedAt = now
        after.snoozedUntil = nil
        after.snoozeReason = nil
        return .success(after)
    }

    /// Set aside until a day after `asOf`, with why; it reopens on that day.
    public func snoozed(until day: Day, reason: String, asOf: Day) -> Result<Alert, Refusal> {
        if let refusal = resolvedRefusal { return .failure(refusal) }
        guard day > asOf else { return .failure(.snoozeNotAfter(until: day, asOf: asOf)) }
        guard !reason.allSatisfy(\.isWhitespace) else { return .failure(.snoozeWithoutReason) }
        var after = self
        after.state = .snoozed
        after.snoozedUntil = day
        after.snoozeReason = reason
        return .success(after)
    }

    /// Closed with an outcome, by a person or by the daily run (`recovered`, `churned`).
    public func resolved(outcome: Outcome, note: String?, by login: String, at now: Int64) -> Result<Alert, Refusal> {
        if let refusal = resolvedRefusal { return .failure(refusal) }
        var after = self
        after.state = .resolved
        after.resolvedBy = login
        after.resolvedAt = now
        after.outcome = outcome
        after.note = note.flatMap { $0.isEmpty ? nil : $0 }
        return .success(after)
    }

    /// A snooze whose day has come (on or before `asOf`): open again.
    public func reopened(asOf: Day) -> Result<Alert, Refusal> {
        guard state == .snoozed, let until = snoozedUntil, until <= asOf else { return .failure(.notDueToReopen) }
        var after = self
        after.state = .open
        after.snoozedUntil = nil
        return .success(after)
    }

    /// Passed on to `login`, who is told of it from now on (and, being told, may acknowledge it).
    public func handedOver(to login: String) -> Result<Alert, Refusal> {
        if let refusal = resolvedRefusal { return .failure(refusal) }
        guard !recipients.contains(login) else { return .failure(.alreadyRecipient(login)) }
        var after = self
        after.recipients.append(login)
        return .success(after)
    }

    /// A deeper crossing of the same kind: the new severity and reason, more people told, the
    /// SLA started again, and it needs acknowledging again at its new stakes.
    public func escalated(to severity: Severity, reason: String, routedTo more: [String], dueBy: Int64) -> Alert {
        var after = self
        after.severity = severity
        after.reason = reason
        for login in more where !after.recipients.contains(login) { after.recipients.append(login) }
        after.dueBy = dueBy
        after.state = .open
        after.acknowledgedBy = nil
        after.acknowledgedAt = nil
        after.snoozedUntil = nil
        after.snoozeReason = nil
        return after
    }

    /// Easing asks nothing more of anyone: the recipients and the SLA stay.
    public func eased(to severity: Severity) -> Alert {
        var after = self
        after.severity = severity
        return after
    }

    private var resolvedRefusal: Refusal? {
        state == .resolved ? .alreadyResolved(by: resolvedBy, at: resolvedAt, outcome: outcome) : nil
    }
}
