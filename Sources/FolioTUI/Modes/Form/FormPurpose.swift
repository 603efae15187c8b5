import FolioDomain

/// What a form is for: decides its fields (the builders below) and what submitting does
/// (`FormSubmission`). A new form is a new case here, its builder and its submission.
public enum FormPurpose: Sendable, Hashable {
    case snoozeAlerts([Int64])
    case resolveAlerts([Int64])
    case logActivity(accountID: String)
    case moveRenewal(id: Int64, from: RenewalOpportunity.Stage, subject: String)
}

/// The forms the interface opens.
public enum Forms {
    /// Snooze: until (presets 1d 3d 1w 2w, or a date), and why it can wait.
    public static func snooze(alerts: [Int64], context: [String]) -> Form {
        Form(title: alerts.count == 1 ? "Snooze alert \(alerts[0])" : "Snooze \(alerts.count) alerts", context: context, fields: [
            .text("until", "Until", value: SnoozeUntil.presets[0], maxLength: 10, presets: SnoozeUntil.presets,
                  note: "←/→ 1d 3d 1w 2w, or type YYYY-MM-DD"),
            .text("reason", "Reason", maxLength: 500, note: "why it can wait"),
        ], purpose: .snoozeAlerts(alerts))
    }

    /// Resolve: the outcome and a note.
    public static func resolve(alerts: [Int64], context: [String]) -> Form {
        Form(title: alerts.count == 1 ? "Resolve alert \(alerts[0])" : "Resolve \(alerts.count) alerts", context: context, fields: [
            .choice("outcome", "Outcome", options: resolveOutcomes.map(\.rawValue), note: "←/→ or the first letter"),
            .text("note", "Note", maxLength: 2000, note: "what happened (optional)"),
        ], purpose: .resolveAlerts(alerts))
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
            .text("summary", "Summary", maxLength: ActivityDraft.summaryLimit + 1, note: "what happened, in a sentence or two"),
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
