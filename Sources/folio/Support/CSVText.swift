/// CSV for stdout (RFC 4180): fields with a comma, a quote or a line break are quoted,
/// quotes doubled; lines end in CRLF.
enum CSVText {
    static func render(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A rate or any optional number: empty when there is none.
    static func number(_ value: Double?) -> String { value.map { String($0) } ?? "" }
}
