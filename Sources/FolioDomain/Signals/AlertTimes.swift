/// How an alert's times read to a person, in `folio alerts` and the interface alike.
public enum AlertTimes {
    /// A length of time in its largest sensible unit: "5m", "3h", "2d" (hours until 48).
    public static func span(_ seconds: Int64) -> String {
        let s = abs(seconds)
        return s >= 172_800 ? "\(s / 86_400)d" : s >= 3_600 ? "\(s / 3_600)h" : "\(max(1, s / 60))m"
    }

    /// The SLA countdown of an open alert: "in 3h", or "overdue 5h" past its deadline.
    public static func countdown(_ alert: Alert, now: Int64) -> String {
        let left = alert.dueBy - now
        return left >= 0 ? "in \(span(left))" : "overdue \(span(left))"
    }

    /// How long ago it was raised: "3d".
    public static func age(_ alert: Alert, now: Int64) -> String { span(max(0, now - alert.raisedAt)) }
}
