import FolioDomain

/// What a form is for: decides its fields (the builders below) and what submitting does
/// (`FormSubmission`). A new form is a new case here, its builder and its submission.
public enum FormPurpose: Sendable, Hashable {
    /// Which of an account's alerts to acknowledge (the form is only the choice).
    case acknowledgeAlerts([Int64])
    case snoozeAlerts([Int64])
    case resolveAlerts([Int64])
    case logActivity(accountID: String)
    case moveRenewal(id: Int64, from: RenewalOpportunity.Stage, subject: String)
    case handOverAlerts([Int64])
    case reassignAccount(accountID: String, subject: String, owner: String)
    case huddleDecision(alertID: Int64, accountID: String)
}

/// The forms the interface opens.
public enum Forms {
    /// Which alert, when an account has several: one option per alert (in `alerts` order),
    /// then all of them. `labels` are the alerts' one-line names.
    public static func pick(_ labels: [String]) -> FormField {
        .choice("alert", "Alert", options: labels + ["all \(labels.count)"], value: labels.first,
                note: "←/→: which of the account's alerts")
    }

    /// The alerts a submitted form acts on: the one chosen in its alert field, or all.
    static func chosen(_ form: Form, from alerts: [Int64]) -> [Int64] {
        guard let field = form.fields.first(where: { $0.id == "alert" }), let index = field.options.firstIndex(of: field.value),
              index < alerts.count else { return alerts }
        return [alerts[index]]
    }

    /// Acknowledge one of an account's alerts (or all of them).
    public static func acknowledge(alerts: [Int64], labels: [String], context: [String]) -> Form {
        Form(title: "Acknowledge an alert", context: context, fields: [pick(labels)], purpose: .acknowledgeAlerts(alerts))
    }

    /// Snooze: until (presets 1d 3d 1w 2w, or a date), and why it can wait; which alert
    /// first when `labels` offer a choice.
    public static func snooze(alerts: [Int64], context: [String], labels: [String] = []) -> Form {
        let title = labels.count > 1 ? "Snooze an alert" : alerts.count == 1 ? "Snooze alert \(alerts[0])" : "Snooze \(alerts.count) alerts"
        return Form(title: title, context: context, fields: (labels.count > 1 ? [pick(labels)] : []) + [
            .text("until", "Until", value: SnoozeUntil.presets[0], maxLength: 10, presets: SnoozeUntil.presets,
                  note: "←/→ 1d 3d 1w 2w, or type YYYY-MM-DD"),
            .text("reason", "Reason", maxLength: 500, note: "why it can wait"),
            .choice("wake", "Or sooner", options: snoozeWakes, note: "←/→: whichever comes first reopens it"),
        ], purpose: .snoozeAlerts(alerts))
    }

    /// What else may end a snooze before its day (the form's "Or sooner" field), in order:
    /// neither, worse, reply, both.
    public static let snoozeWakes = ["only on the day", "if it worsens", "if they reply", "if it worsens or they reply"]

    /// Resolve: the outcome (chosen: none is assumed) and a note; which alert first when
    /// `labels` offer a choice.
    public static func resolve(alerts: [Int64], context: [String], labels: [String] = []) -> Form {
        let title = labels.count > 1 ? "Resolve an alert" : alerts.count == 1 ? "Resolve alert \(alerts[0])" : "Resolve \(alerts.count) alerts"
        return Form(title: title, context: context, fields: (labels.count > 1 ? [pick(labels)] : []) + [
            .choice("outcome", "Outcome", options: resolveOutcomes.map(\.rawValue), value: "",
                    note: "choose one: ←/→ or the first letter"),
            .text("note", "Note", maxLength: 2000, note: "what happened (optional)"),
        ], purpose: .resolveAlerts(alerts))
    }

    /// Hand over: to whom (a login; ←/→ steps through the people known), and a note for
    /// them; which alert first when `labels` offer a choice.
    public static func handOver(alerts: [Int64], context: [String], labels: [String] = [], people: [String] = []) -> Form {
        let title = labels.count > 1 ? "Hand over an alert" : alerts.count == 1 ? "Hand over alert \(alerts[0])" : "Hand over \(alerts.count) alerts"
        return Form(title: title, context: context, fields: (labels.count > 1 ? [pick(labels)] : []) + [
            .text("to", "To", maxLength: 100, presets: people, note: people.isEmpty ? "their login" : "their login; ←/→ your team"),
            .text("note", "Note", maxLength: 2000, note: "what they should know or do"),
        ], purpose: .handOverAlerts(alerts))
    }

    /// Reassign: to which CSM (a login; ←/→ steps through the team), and a note for them.
    public static func reassign(accountID: String, accountName: String, owner: String, people: [String] = []) -> Form {
        let subject = "\(accountID) (\(TerminalText.sanitize(accountName)))"
        return Form(title: "Reassign \(subject)", context: [owner.isEmpty ? "its open alerts and check-ins go with it" : "now \(owner)'s; its open alerts and check-ins follow"], fields: [
            .text("to", "To", maxLength: 100, presets: people.filter { $0 != owner },
                  note: people.isEmpty ? "the new CSM's login" : "the new CSM's login; ←/→ your team"),
            .text("note", "Note", maxLength: 2000, note: "for them: why, what is going on"),
        ], purpose: .reassignAccount(accountID: accountID, subject: subject, owner: owner))
    }

    /// A huddle's decision on one escalation: who owns it (the account's CSM unless changed),
    /// the next step, and when it is due (a week from the as-of day unless changed).
    public static func huddleDecision(alertID: Int64, accountID: String, accountName: String, owner: String, asOf: Day,
                                      people: [String] = []) -> Form {
        Form(title: "Decide on alert \(alertID)", context: ["on \(TerminalText.sanitize(accountName)) (\(accountID))"], fields: [
            .text("owner", "Owner", value: owner, maxLength: 100, presets: people.contains(owner) ? people : [],
                  note: people.isEmpty ? "their login" : "their login; ←/→ your team"),
            .text("next", "Next step", maxLength: 500, note: "what happens next"),
            .text("due", "Due", value: asOf.adding(days: 7).iso, maxLength: 10, note: "YYYY-MM-DD, \(asOf.iso) or later"),
        ], purpose: .huddleDecision(alertID: alertID, accountID: accountID))
    }

    /// The outcomes a person picks from, the likeliest first.
    public static let resolveOutcomes: [Alert.Outcome] = [.saved, .recovered, .churned, .noAction, .falsePositive]

    /// Log an activity: type, direction, date (the as-of day), summary.
    public static func logActivity(accountID: String, accountName: String, asOf: Day) -> Form {
        Form(title: "Log an activity", context: ["on \(accountName) (\(accountID))"], fields: [
            .choice("type", "Type", options: Activity.Kind.allCases.map(\.rawValue), value: Activity.Kind.call.rawValue,
                    note: "←/→ or the first letter"),
            .choice("direction", "Direction", options: Activity.Direction.allCases.map(\.rawValue),
                    note: "inbound: the customer reached us (a reply stops sequences)"),
            .text("date", "Date", value: asOf.iso, maxLength: 10, note: "YYYY-MM-DD, not after \(asOf.iso)"),
            .text("summary", "Summary", maxLength: ActivityDraft.summaryLimit,
                  note: "what happened, in a sentence or two (up to \(ActivityDraft.summaryLimit) characters)"),
        ], purpose: .logActivity(accountID: accountID))
    }

    /// Move a renewal: to which of the stages a person sets (asks to confirm after).
    public static func moveRenewal(id: Int64, from stage: RenewalOpportunity.Stage, subject: String) -> Form {
        let stages = RenewalMove.personStages.filter { $0 != stage }.map(\.rawValue)
        return Form(title: "Move \(subject)", context: ["now at \(stage.rawValue)"], fields: [
            .choice("stage", "To", options: stages, note: "←/→; you confirm on the next step"),
        ], purpose: .moveRenewal(id: id, from: stage, subject: subject))
    }
}
