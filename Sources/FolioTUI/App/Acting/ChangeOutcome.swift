import FolioDomain
import FolioStore

/// What a change did, as the store answered it (typed: the store side writes no words);
/// `message` and the rest put it in the words the screen shows. Made only after the
/// transaction committed, so the screen never says "done" before it is.
public enum ChangeOutcome: Sendable {
    /// Nothing was written: why (an AE's session, no sequences configured, the account gone).
    case refused(ChangeRefusal)
    /// Alerts changed one by one: those done, and the store's refusals of the others.
    case alertsChanged(AlertChange, done: [Alert], refusals: [String])
    case activityLogged(ActivityLog.Logged, on: Account)
    case renewalMoved(id: Int64, to: RenewalOpportunity.Stage, RenewalDesk.Moved)
    /// A sequence started on an account; its first email, when it has one; its enrolment.
    case sequenceStarted(String, on: Account, first: OutboxMessage?, enrolment: Int64?)
    /// A change of the session taken back.
    case undone(UndoStep, UndoDesk.Undone)
    case emailChanged(id: Int64, OutboxChange, OutboxMessage)
    case accountReassigned(AccountReassignment.Reassigned)
    case decisionRecorded(HuddleDecision)
    /// The store refused or failed, in its own words (an alert already acknowledged…).
    case failed(ChangeKind, any Error)

    /// What was being changed, for the words of a failure.
    public enum ChangeKind: Sendable { case alerts, activity, renewal, recovery, email, account, decision, undo }

    /// What the flash says.
    public var message: String { words.message }
    /// The flash is an error: something was refused.
    public var isError: Bool { words.isError }
    /// Problems by form field, when the store refused the values (the form stays open).
    public var problems: [String: String] { words.problems }
    /// A command to run once it is done (an enterprise sequence's drafts open the outbox).
    public var then: CommandName? { words.then }

    /// In words for the flash (and, for a refused activity, the form's fields).
    private var words: Words {
        switch self {
        case .refused(let refusal):
            return Words(message: refusal.description, isError: true)
        case let .alertsChanged(change, done, refusals):
            let past: String = switch change {
            case .acknowledge: "acknowledged"
            case let .snooze(until, _, onWorse, onReply):
                "snoozed until \(until)" + (onWorse || onReply ? " or \(SnoozeWake.words(onWorse: onWorse, onReply: onReply))" : "")
            case .resolve(let outcome, _): "resolved (\(outcome.rawValue))"
            case .handOver(let login, _): "handed over to \(login)"
            }
            var message: String
            if done.count == 1, let alert = done.first {
                message = "alert \(alert.id ?? 0) \(past) (\(alert.kind.title), \(alert.accountID))"
            } else {
                message = done.isEmpty ? "" : "\(done.count) alerts \(past)"
            }
            if !refusals.isEmpty {
                let refused = refusals.count > 2 ? refusals.prefix(2).joined(separator: "; ") + "; and \(refusals.count - 2) more refused"
                    : refusals.joined(separator: "; ")
                message = message.isEmpty ? refused : message + "; " + refused
            }
            return Words(message: TerminalText.sanitize(message), isError: !refusals.isEmpty)
        case let .activityLogged(logged, account):
            let a = logged.activity
            var message = "logged \(a.direction.rawValue) \(a.kind.rawValue) on \(account.id) (\(account.name)) dated \(a.date)"
            if let c = logged.completed.first { message += "; completes the \(c.title(contractStart: account.contractStart)) check-in" }
            if let alert = logged.answered.first { message += "; answers check-in-overdue alert \(alert.id ?? 0) (resolved)" }
            if !logged.woken.isEmpty {
                message += "; a reply: snoozed alert\(logged.woken.count == 1 ? "" : "s") \(logged.woken.compactMap(\.id).map { "\($0)" }.joined(separator: ", ")) open again"
            }
            return Words(message: TerminalText.sanitize(message))
        case let .renewalMoved(id, stage, moved):
            var message = "renewal \(id) (\(moved.account.id) \(moved.account.name)) moved to \(stage.rawValue)"
            if let rolled = moved.renewalRolled { message += "; renews \(rolled.to) (was \(rolled.from))" }
            if moved.accountChurned { message += "; the account left the active book" }
            return Words(message: TerminalText.sanitize(message))
        case let .undone(step, undone):
            let message = "undone: \(step.what); \(([undone.summary] + undone.notes).joined(separator: "; "))"
            return Words(message: TerminalText.sanitize(message))
        case let .sequenceStarted(sequence, account, first, _):
            guard let m = first else { return Words(message: "started \(sequence) on \(account.id)") }
            if m.state == .draft {
                return Words(message: TerminalText.sanitize("started \(sequence) on \(account.id): draft \(m.id ?? 0) to \(m.toName) waits for your approval (A)"),
                                    then: .outbox)
            }
            let when = Moment(seconds: m.scheduledAt).utc
            return Words(message: TerminalText.sanitize("started \(sequence) on \(account.id): email \(m.id ?? 0) to \(m.toName) goes \(when) (the outbox, 6, can cancel it)"))
        case let .emailChanged(id, change, m):
            let what = change == .approve ? "approved: it goes \(Moment(seconds: m.scheduledAt).utc)" : "cancelled; its sequence stopped"
            return Words(message: TerminalText.sanitize("email \(id) to \(m.toName) \(what)"))
        case let .accountReassigned(done):
            let alerts = done.alerts.count
            return Words(message: TerminalText.sanitize("\(done.accountID) (\(done.accountName)) is now \(done.to)'s (was \(done.from)'s); "
                + "\(alerts) open alert\(alerts == 1 ? "" : "s") and \(done.checkIns) check-in\(done.checkIns == 1 ? "" : "s") went with it" + done.emailWords))
        case let .decisionRecorded(d):
            return Words(message: TerminalText.sanitize("decided on alert \(d.alertID): \(d.owner), \(d.nextStep), due \(d.due); j: the next escalation"))
        case let .failed(kind, error):
            guard kind == .activity else { return Words(message: TerminalText.sanitize("\(error)"), isError: true) }
            if case .invalid(let problems) = error as? ActivityLog.Failure {
                var byField: [String: String] = [:]
                for problem in problems { byField[FormSubmission.fieldID(problem.field)] = problem.message }
                return Words(message: "not logged", isError: true, problems: byField)
            }
            if let failure = error as? ActivityLog.Failure { return Words(message: TerminalText.sanitize(failure.description), isError: true) }
            return Words(message: TerminalText.sanitize("not logged: \(error)"), isError: true)
        }
    }
}

/// A change's answer in words.
private struct Words {
    var message: String
    var isError = false
    var problems: [String: String] = [:]
    var then: CommandName?
}
