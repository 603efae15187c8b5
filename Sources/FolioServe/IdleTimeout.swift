import NIOCore

/// How long a session may go without input before it is closed: `90s`, `30m`, `2h`,
/// `1h30m`; `0` or `off` for never.
public struct IdleTimeout: Equatable, Sendable, CustomStringConvertible {
    public let seconds: Int

    public static let standard = IdleTimeout(seconds: 30 * 60)
    /// The longest a session may sit idle: a week is longer than anyone leaves a terminal
    /// on purpose, and keeps every sum below far from overflowing.
    public static let maximum = IdleTimeout(seconds: 7 * 24 * 3600)

    public init(seconds: Int) {
        self.seconds = seconds
    }

    public init(parsing text: String) throws {
        let lowered = text.lowercased()
        if lowered == "off" || lowered == "0" {
            self.init(seconds: 0)
            return
        }
        var total = 0
        var digits = ""
        for character in lowered {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            let unit: Int
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            default: unit = 0
            }
            guard unit > 0, !digits.isEmpty else { throw Self.problem(text) }
            // Checked before multiplying: no count of hours can overflow.
            guard let value = Int(digits), value <= Self.maximum.seconds / unit, total + value * unit <= Self.maximum.seconds else {
                throw ServeError("--idle-timeout \"\(text)\" is longer than \(Self.maximum) (a week); use off for no limit")
            }
            total += value * unit
            digits = ""
        }
        guard digits.isEmpty, total > 0 else { throw Self.problem(text) }
        self.init(seconds: total)
    }

    /// Nil when sessions never time out.
    var amount: TimeAmount? { seconds > 0 ? .seconds(Int64(seconds)) : nil }

    public var description: String {
        guard seconds > 0 else { return "off" }
        let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        return (hours > 0 ? "\(hours)h" : "") + (minutes > 0 ? "\(minutes)m" : "") + (rest > 0 ? "\(rest)s" : "")
    }

    private static func problem(_ text: String) -> ServeError {
        ServeError("--idle-timeout \"\(text)\" is not a duration; e.g. 90s, 30m, 2h, 1h30m, or off")
    }
}
