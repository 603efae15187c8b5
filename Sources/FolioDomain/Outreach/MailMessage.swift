/// One email as it leaves Folio (RFC 5322, MIME): headers built only from checked
/// addresses and from text with every control character taken out, so nothing in a name
/// or a subject can start a header of its own; non-ASCII names and subjects as RFC 2047
/// encoded words; the body as UTF-8 quoted-printable.
public struct MailMessage: Hashable, Sendable {
    public var fromName: String
    public var from: String
    public var toName: String
    public var to: String
    public var subject: String
    public var body: String
    /// `<…@domain>`.
    public var messageID: String
    /// Seconds since 1970, UTC.
    public var date: Int64
    /// Extra headers Folio itself sets (`X-Folio-Message`); names and values are checked too.
    public var extra: [(String, String)]

    public init(fromName: String, from: String, toName: String, to: String, subject: String, body: String,
                messageID: String, date: Int64, extra: [(String, String)] = []) {
        self.fromName = fromName
        self.from = from
        self.toName = toName
        self.to = to
        self.subject = subject
        self.body = body
        self.messageID = messageID
        self.date = date
        self.extra = extra
    }

    public static func == (a: MailMessage, b: MailMessage) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        case badAddress(field: String, value: String)
        public var description: String {
            switch self {
            case let .badAddress(field, value): return "\(field) address \"\(MailMessage.flattened(value))\" is not a plain email address"
            }
        }
    }

    /// The message, lines ending in LF (what a local `sendmail` and a Maildir expect).
    public func rendered() throws(Problem) -> String {
        guard EmailAddress.isValid(from) else { throw .badAddress(field: "From", value: from) }
        guard EmailAddress.isValid(to) else { throw .badAddress(field: "To", value: to) }
        return text
    }

    var text: String {
        var lines: [String] = []
        lines.append(Self.header("From", Self.mailbox(fromName, from)))
        lines.append(Self.header("To", Self.mailbox(toName, to)))
        lines.append(Self.header("Reply-To", Self.mailbox(fromName, from)))
        lines.append(Self.header("Subject", Self.encodedWords(Self.flattened(subject))))
        lines.append("Date: " + Self.rfc5322Date(date))
        lines.append("Message-ID: " + Self.flattened(messageID).filter { $0 != " " })
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: text/plain; charset=utf-8")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        for (name, value) in extra {
            let cleanName = name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            guard !cleanName.isEmpty else { continue }
            lines.append(Self.header(cleanName, Self.encodedWords(Self.flattened(value))))
        }
        return lines.joined(separator: "\n") + "\n\n" + Self.quotedPrintable(body) + "\n"
    }

    /// Control characters (CR and LF first among them) become spaces, runs of spaces one.
    public static func flattened(_ text: String) -> String {
        var out = ""
        var lastSpace = false
        for scalar in text.unicodeScalars {
            let isControl = scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029
            let space = isControl || scalar == " "
            if space {
                if !lastSpace { out.append(" ") }
            } else {
                out.unicodeScalars.append(scalar)
            }
            lastSpace = space
        }
        return out.trimmingWhitespace
    }

    /// `"Name" <address>`, the name encoded when it is not plain ASCII.
    static func mailbox(_ name: String, _ address: String) -> String {
        let clean = flattened(name)
        guard !clean.isEmpty else { return address }
        let plain = clean.unicodeScalars.allSatisfy { $0.isASCII } && !hasUnfoldableWord(clean)
        if plain {
            let quoted = clean.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        return "\(encodedWords(clean)) <\(address)>"
    }

    /// RFC 5322's line lengths: 78 characters where it can be helped, never more than 998.
    public static let foldWidth = 78
    /// A plain word longer than this could not be folded under `foldWidth` behind a header's
    /// name: the text is sent as encoded words instead, which fold anywhere.
    static let longestPlainWord = 64

    static func hasUnfoldableWord(_ text: String) -> Bool {
        text.split(separator: " ").contains { $0.utf8.count > longestPlainWord }
    }

    /// `Name: value`, folded at spaces so no line passes 78 characters (every word of a
    /// value is at most 64, so it always can be).
    static func header(_ name: String, _ value: String) -> String {
        var lines: [String] = []
        var current = name + ":"
        for word in value.split(separator: " ", omittingEmptySubsequences: true) {
            if current.utf8.count + 1 + word.utf8.count > foldWidth && current.utf8.count > name.utf8.count + 1 {
                lines.append(current)
                current = " " + word
            } else {
                current += " " + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// The text as is when it is printable ASCII in words that fold; else RFC 2047
    /// `=?UTF-8?B?…?=` words of 64 characters at most, each holding whole characters,
    /// separated by spaces (folding points).
    public static func encodedWords(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) && !text.contains("=?")
            && !hasUnfoldableWord(text) {
            return text
        }
        var words: [String] = []
        var chunk: [UInt8] = []
        // By scalar, not Character: one grapheme can be any number of bytes (a pile of
        // combining marks), and no encoded word may outgrow a line.
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?\(Base64.encode(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Base64.encode(chunk))?=") }
        return words.joined(separator: " ")
    }

    /// RFC 2045 quoted-printable of UTF-8 text, lines at most 76 characters, LF line ends.
    public static func quotedPrintable(_ text: String) -> String {
        let normalised = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
        var out: [String] = []
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var encoded = ""
            var width = 0
            for (i, byte) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
                let piece: String
                if (byte == 0x20 || byte == 0x09) && !isLast {
                    piece = String(UnicodeScalar(byte))
                } else if byte >= 33 && byte <= 126 && byte != 61 {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = "=" + hex(byte)
                }
                if width + piece.count > 75 {
                    encoded += "=\n"
                    width = 0
                }
                encoded += piece
                width += piece.count
            }
            out.append(encoded)
        }
        return out.joined(separator: "\n")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// `Mon, 23 Nov 2026 15:04:05 +0000`.
    public static func rfc5322Date(_ seconds: Int64) -> String {
        let moment = Moment(seconds: seconds)
        let day = moment.day
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let into = Int(seconds - Int64(day.ordinal) * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let c = day.components
        return "\(names[day.weekday - 1]), \(c.day) \(months[c.month - 1]) \(c.year) \(two(into / 3600)):\(two(into % 3600 / 60)):\(two(into % 60)) +0000"
    }
}

/// Base64 without Foundation (the domain has none).
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? table[Int((b1 & 0x0F) << 2 | b2 >> 6)] : "=")
            out.append(i + 2 < bytes.count ? table[Int(b2 & 0x3F)] : "=")
            i += 3
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
