import FolioDomain
import Foundation

/// A preview in words, the same for `folio recover --preview` and the interface's `r`:
/// why this sequence, and every step as the customer gets it. Text from data is as it is;
/// the caller sanitizes it for the terminal.
extension SequencePlanner.Preview {
    /// "suggested by the orange usage drop alert 89 raised 2026-11-16", when this sequence is the suggestion.
    public var suggestedBy: String? {
        guard let alert = situation.alert, situation.suggested == sequence else { return nil }
        return "suggested by the \(alert.severity.rawValue) \(alert.kind.title) alert \(alert.id ?? 0) raised \(alert.raisedOn)"
    }

    /// Each step: when it would go, From, To, Subject, a blank line and the body; a blank line between steps.
    public var stepLines: [String] {
        var lines: [String] = []
        for step in steps {
            if !lines.isEmpty { lines.append("") }
            let draft = step.isDraft ? " · a draft for the CSM to approve (enterprise)" : ""
            let wait = step.step == 1 ? "" : " · \(step.delayDays) days after step \(step.step - 1)"
            lines.append("── step \(step.step) of \(sequence.steps.count) · would go \(Self.when(step.sendsAt, timezone: account.timezone))\(wait)\(draft)")
            lines.append("From: \(step.fromName) <\(step.from)>")
            lines.append("To: \(step.toName) <\(step.to)>")
            lines.append("Subject: \(step.subject)")
            lines.append("")
            lines += step.body.split(separator: "\n", omittingEmptySubsequences: false).dropLast(step.body.hasSuffix("\n") ? 1 : 0).map(String.init)
        }
        return lines
    }

    /// `2026-11-24 14:00 UTC (09:00 America/New_York)`.
    public static func when(_ seconds: Int64, timezone: String?) -> String {
        let utc = Moment(seconds: seconds).utc
        guard let zone = timezone.flatMap(TimeZone.init(identifier:)) else { return utc }
        let local = seconds + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        let clock = Moment(seconds: local).utc.split(separator: " ")[1]
        return "\(utc) (\(clock) \(zone.identifier))"
    }
}
