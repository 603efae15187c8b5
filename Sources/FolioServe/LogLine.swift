import Foundation
import Logging

/// How log lines are written (README, "Logs"): `text` for people, `json` for machines.
public enum LogFormat: String, CaseIterable, Sendable {
    case text, json
}

/// One event as one line of the log, in the documented format. Whatever the message and
/// fields hold (a visitor's TERM, a user name, a key's comment, a path), the line stays
/// one line that says only what it says: line breaks, escape codes and every other
/// invisible or direction-changing character are escaped, so nobody can forge a line.
public struct LogLine: Sendable {
    public var time: Date
    public var level: Logger.Level
    public var label: String
    public var process: Int32
    public var message: String
    public var fields: [(key: String, value: Logger.MetadataValue)]

    /// Longer texts are cut here (with "…"): one line stays readable whatever a client sends.
    public static let maximumText = 2_000

    public init(time: Date, level: Logger.Level, label: String, process: Int32, message: String,
                fields: [(key: String, value: Logger.MetadataValue)]) {
        self.time = time
        self.level = level
        self.label = label
        self.process = process
        self.message = message
        self.fields = fields
    }

    /// The line, without its line feed.
    public func rendered(_ format: LogFormat) -> String {
        switch format {
        case .text: return text
        case .json: return json
        }
    }

    /// `2026-11-23T10:00:00.123Z notice folio.serve[4242]: message key=value key="a value"`:
    /// the message is quoted when it holds `=`, `"` or `\` (or is empty), a value when it
    /// holds a space too; inside quotes `\"`, `\\`, `\n`, `\r`, `\t` and `\u{1b}` escape.
    var text: String {
        var line = "\(Self.timestamp(time)) \(level.rawValue) \(Self.key(label))[\(process)]: "
        line += Self.quotedIfNeeded(message, spacesAllowed: true)
        for (key, value) in fields {
            line += " \(Self.key(key))=\(Self.quotedIfNeeded(Self.flat(value), spacesAllowed: false))"
        }
        return line
    }

    /// `{"time":…,"level":…,"label":…,"process":…,"message":…, then the fields}`; a field
    /// named like one of the first five is written as `fields.NAME`.
    var json: String {
        var line = "{\"time\":\(Self.jsonString(Self.timestamp(time))),\"level\":\(Self.jsonString(level.rawValue)),"
            + "\"label\":\(Self.jsonString(label)),\"process\":\(process),\"message\":\(Self.jsonString(message))"
        for (key, value) in fields {
            let name = Self.reserved.contains(key) ? "fields." + key : key
            line += ",\(Self.jsonString(name)):\(Self.jsonValue(value))"
        }
        return line + "}"
    }

    static let reserved: Set<String> = ["time", "level", "label", "process", "message"]

    // MARK: Text

    /// A character a log line never holds as it is: C0 and C1 controls (line feed, carriage
    /// return, escape, NEL…), DEL, the Unicode line and paragraph separators, the byte-order
    /// mark, and the marks and overrides that change the direction text is shown in.
    static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// Cut to `maximumText` characters, with "…" when something was left out.
    static func bounded(_ text: String) -> Substring.UnicodeScalarView {
        let scalars = text.unicodeScalars
        guard scalars.count > maximumText else { return Substring(text).unicodeScalars }
        var cut = Substring(text).unicodeScalars.prefix(maximumText)
        cut.append("…")
        return cut
    }

    static func quotedIfNeeded(_ text: String, spacesAllowed: Bool) -> String {
        let scalars = bounded(text)
        let needsQuotes = scalars.isEmpty || scalars.first == " " || scalars.last == " " || scalars.contains {
            $0 == "=" || $0 == "\"" || $0 == "\\" || ($0 == " " && !spacesAllowed) || mustEscape($0)
        }
        guard needsQuotes else { return String(scalars) }
        return "\"" + escaped(scalars) { "\\u{\(String($0, radix: 16))}" } + "\""
    }

    /// Quotes, backslashes and the usual control characters as `\"`, `\\`, `\n`, `\r`, `\t`;
    /// any other character that `mustEscape` as `hex` writes its code.
    static func escaped(_ scalars: Substring.UnicodeScalarView, hex: (UInt32) -> String) -> String {
        var result = ""
        for scalar in scalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where mustEscape(scalar): result += hex(scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A label or field name as written: letters, digits, `.`, `_` and `-`; anything else becomes `_`.
    static func key(_ name: String) -> String {
        guard !name.isEmpty else { return "_" }
        var result = ""
        for scalar in name.unicodeScalars.prefix(100) {
            let plain = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
            result.unicodeScalars.append(plain ? scalar : "_")
        }
        return result
    }

    /// A field's value as one text: nested lists and dictionaries as swift-log shows them.
    static func flat(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let convertible): return convertible.description
        case .array, .dictionary: return value.description
        }
    }

    // MARK: JSON

    static func jsonString(_ text: String) -> String {
        "\"" + escaped(bounded(text)) { code in
            let hex = String(code, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } + "\""
    }

    static func jsonValue(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return jsonString(text)
        case .stringConvertible(let convertible): return jsonString(convertible.description)
        case .array(let items): return "[" + items.map(jsonValue).joined(separator: ",") + "]"
        case .dictionary(let entries):
            return "{" + entries.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonValue($0.value))" }.joined(separator: ",") + "}"
        }
    }

    // MARK: Time

    /// UTC, to the millisecond: `2026-11-23T10:00:00.123Z`.
    static func timestamp(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        let milliseconds = min(999, Int((interval - Double(seconds)) * 1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = milliseconds < 10 ? "00\(milliseconds)" : milliseconds < 100 ? "0\(milliseconds)" : "\(milliseconds)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(ms)Z"
    }
}
