import FolioDomain

/// What submitting a form does: its values checked in place (problems by field id, the
/// form stays open), then the effects to run, or a question to confirm first.
public enum FormSubmission: Sendable, Hashable {
    case invalid([String: String])
    case run([Effect])
    case confirm(Confirmation)

    public static func submit(_ form: Form, asOf: Day) -> FormSubmission {
        switch form.purpose {
        case .snoozeAlerts(let ids):
            var problems: [String: String] = [:]
            let until = form.value("until")
            let day = SnoozeUntil.day(until, from: asOf)
            if day == nil {
                problems["until"] = "\"\(until)\" is not a day: type YYYY-MM-DD, or 1d, 3d, 1w, 2w"
            } else if let day, day <= asOf {
                problems["until"] = "\(day) is not after \(asOf); pick a later day"
            }
            let reason = form.value("reason").trimmingWhitespace
            if reason.isEmpty { problems["reason"] = "say why it can wait (the customer is away, waiting on a fix…)" }
            guard problems.isEmpty, let day else { return .invalid(problems) }
            return .run([.changeAlerts(ids: ids, .snooze(until: day, reason: reason))])

        case .resolveAlerts(let ids):
            guard let outcome = Alert.Outcome(rawValue: form.value("outcome")) else {
                return .invalid(["outcome": "pick one of \(Forms.resolveOutcomes.map(\.rawValue).joined(separator: ", "))"])
            }
            return .run([.changeAlerts(ids: ids, .resolve(outcome: outcome, note: form.value("note").trimmingWhitespace))])

        case .logActivity(let accountID):
            var problems: [String: String] = [:]
            let kind = Activity.Kind(rawValue: form.value("type")) ?? .call
            let direction = Activity.Direction(rawValue: form.value("direction")) ?? .outbound
            let dateText = form.value("date").trimmingWhitespace
            let date: Day
            do {
                date = try Day(input: dateText)
            } catch {
                problems["date"] = "\"\(dateText)\" \(error)"
                // The other fields are still checked, so every problem shows at once.
                for problem in ActivityDraft(kind: kind, direction: direction, date: asOf, summary: form.value("summary")).problems(asOf: asOf)
                    where problem.field != "--date" {
                    problems[fieldID(problem.field)] = problem.message
                }
                return .invalid(problems)
            }
            let draft = ActivityDraft(kind: kind, direction: direction, date: date, summary: form.value("summary"))
            for problem in draft.problems(asOf: asOf) { problems[fieldID(problem.field)] = problem.message }
            guard problems.isEmpty else { return .invalid(problems) }
            return .run([.logActivity(accountID: accountID, draft)])

        case .moveRenewal(let id, let from, let subject):
            guard let stage = RenewalOpportunity.Stage(rawValue: form.value("stage")), RenewalMove.personStages.contains(stage) else {
                return .invalid(["stage": "pick committed, closed won or churned"])
            }
            var details = ["from \(from.rawValue) to \(stage.rawValue)"]
            switch stage {
            case .closedWon: details.append("the renewal date rolls forward by the contract's term")
            case .churned: details.append("the account leaves the active book")
            default: break
            }
            return .confirm(Confirmation(question: "Move \(subject) to \(stage.rawValue)?", details: details, yesLabel: "Move",
                                         onYes: [.moveRenewal(id: id, to: stage, expecting: from)],
                                         cancelled: "\(subject) not moved"))
        }
    }

    /// Notes that follow what is typed, after every key: the snooze form says which day
    /// "1w" is.
    public static func annotate(_ form: inout Form, asOf: Day) {
        guard case .snoozeAlerts = form.purpose, let index = form.fields.firstIndex(where: { $0.id == "until" }) else { return }
        let hint = "←/→ 1d 3d 1w 2w, or type YYYY-MM-DD"
        if let day = SnoozeUntil.day(form.fields[index].value, from: asOf), day > asOf {
            form.fields[index].note = "reopens on \(day); \(hint)"
        } else {
            form.fields[index].note = hint
        }
    }

    /// `ActivityDraft` names problems by the CLI option (`--summary`); the form by field id.
    static func fieldID(_ option: String) -> String {
        switch option {
        case "--summary": "summary"
        case "--date": "date"
        case "--direction": "direction"
        case "--type": "type"
        default: option
        }
    }
}
