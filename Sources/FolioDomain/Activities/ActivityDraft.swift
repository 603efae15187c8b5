/// An activity a person is about to log (`folio log`, the `l` key): checked before it is
/// written, each problem saying which field and what was expected.
public struct ActivityDraft: Hashable, Sendable {
    public var kind: Activity.Kind
    public var direction: Activity.Direction?
    public var date: Day
    public var summary: String

    public init(kind: Activity.Kind, direction: Activity.Direction? = nil, date: Day, summary: String) {
        self.kind = kind
        self.direction = direction
        self.date = date
        self.summary = summary
    }

    /// The longest summary accepted, in characters.
    public static let summaryLimit = 2000

    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// The option or field at fault: `--summary`, `--date`.
        public var field: String
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }

        public var description: String { "\(field): \(message)" }
    }

    /// Every problem with the draft as logged on `asOf`; empty when it may be written.
    public func problems(asOf: Day) -> [Problem] {
        var out: [Problem] = []
        let text = summary.trimmingWhitespace
        if text.isEmpty {
            out.append(Problem(field: "--summary", message: "is empty; say in a few words what happened"))
        }
        if summary.count > Self.summaryLimit {
            out.append(Problem(field: "--summary", message: "is \(summary.count) characters long; at most \(Self.summaryLimit) are kept"))
        }
        if let (offset, scalar) = summary.unicodeScalars.enumerated().first(where: { Self.isForbidden($0.element) }) {
            let code = String(scalar.value, radix: 16, uppercase: true)
            out.append(Problem(field: "--summary", message: "has a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)) at character \(offset + 1); only text, tabs and line breaks are accepted"))
        }
        if date > asOf {
            out.append(Problem(field: "--date", message: "\(date) is after the as-of day \(asOf); log an activity once it has happened"))
        }
        if kind == .note && direction == .inbound {
            out.append(Problem(field: "--direction", message: "a note is written by us; inbound is for what the customer sent (an email or a call)"))
        }
        return out
    }

    /// The activity to store.
    public func activity(id: String, accountID: String, author: String) -> Activity {
        Activity(id: id, accountID: accountID, kind: kind, direction: direction ?? .outbound, date: date, author: author,
                 summary: summary.trimmingWhitespace)
    }

    /// C0 and C1 controls other than tab and line breaks; escape sequences would reach terminals.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x09 || v == 0x0A || v == 0x0D { return false }
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
