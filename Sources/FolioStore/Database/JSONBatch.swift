/// Values handed to one set-based statement as a JSON array (`json_each(?)`), so a batch of a
/// hundred thousand rows is one statement, not a hundred thousand. Written by hand: at that
/// size JSONEncoder costs more than the insert it feeds.
enum JSONBatch {
    enum Value {
        case text(String)
        case int(Int64)
    }

    /// `["a","b"]`.
    static func strings(_ values: [String]) -> String {
        var out = "["
        out.reserveCapacity(values.count * 12 + 2)
        for (k, value) in values.enumerated() {
            if k > 0 { out += "," }
            appendQuoted(value, to: &out)
        }
        return out + "]"
    }

    /// `[["a",1],["b",2]]`: read in SQL as `value ->> 0`, `value ->> 1`.
    static func rows(_ rows: [[Value]]) -> String {
        var out = "["
        out.reserveCapacity(rows.count * 64 + 2)
        for (k, row) in rows.enumerated() {
            out += k > 0 ? ",[" : "["
            for (c, value) in row.enumerated() {
                if c > 0 { out += "," }
                switch value {
                case .text(let text): appendQuoted(text, to: &out)
                case .int(let n): out += String(n)
                }
            }
            out += "]"
        }
        return out + "]"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out += "\""
    }
}
