/// The character encodings an export may come in, and their conversion to UTF-8 block by
/// block. UTF-8 is the default; a BOM says UTF-16; Excel on Western Windows saves "CSV" as
/// Windows-1252, and Salesforce offers ISO-8859-1 (read as Windows-1252, as browsers do).
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
    case windows1252 = "windows-1252"

    /// The names a mapping may use for `encoding:`.
    public static func named(_ name: String) -> TextEncoding? {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": return .utf8
        case "utf-16", "utf16", "utf-16le", "unicode": return .utf16LittleEndian
        case "utf-16be": return .utf16BigEndian
        case "windows-1252", "cp1252", "ansi", "iso-8859-1", "latin1", "latin-1", "iso8859-1": return .windows1252
        default: return nil
        }
    }

    static let names = "utf-8, utf-16, windows-1252 (also iso-8859-1, latin1)"
}

/// Converts raw file bytes to UTF-8 as they are read, carrying an incomplete character from
/// one block to the next.
struct TextDecoder {
    private(set) var encoding: TextEncoding
    private var started = false
    private var carry: [UInt8] = []
    /// A high surrogate waiting for its pair (UTF-16).
    private var highSurrogate: UInt16?

    init(encoding: TextEncoding?) {
        self.encoding = encoding ?? .utf8
        explicit = encoding != nil
    }

    private let explicit: Bool

    /// Appends `data` (raw bytes) to `out` as UTF-8. A BOM at the very start picks the
    /// encoding (unless the mapping named one) and is dropped.
    mutating func decode(_ data: [UInt8], into out: inout [UInt8]) {
        var bytes = data[...]
        if !started {
            started = true
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                bytes = bytes.dropFirst(3)
                if !explicit { encoding = .utf8 }
            } else if bytes.starts(with: [0xFF, 0xFE]) {
                bytes = bytes.dropFirst(2)
                if !explicit || encoding == .utf16BigEndian { encoding = .utf16LittleEndian }
            } else if bytes.starts(with: [0xFE, 0xFF]) {
                bytes = bytes.dropFirst(2)
                if !explicit || encoding == .utf16LittleEndian { encoding = .utf16BigEndian }
            }
        }
        switch encoding {
        case .utf8:
            out.append(contentsOf: bytes)
        case .windows1252:
            out.reserveCapacity(out.count + bytes.count + bytes.count / 8)
            for b in bytes {
                if b < 0x80 {
                    out.append(b)
                } else {
                    Self.appendUTF8(Self.windows1252Scalar(b), to: &out)
                }
            }
        case .utf16LittleEndian, .utf16BigEndian:
            var units = carry + bytes
            carry = []
            if units.count % 2 == 1 { carry = [units.removeLast()] }
            var i = 0
            while i < units.count {
                let a = UInt16(units[i]), b = UInt16(units[i + 1])
                let unit = encoding == .utf16LittleEndian ? a | b << 8 : a << 8 | b
                i += 2
                if let high = highSurrogate {
                    highSurrogate = nil
                    if (0xDC00...0xDFFF).contains(unit) {
                        let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                        Self.appendUTF8(scalar, to: &out)
                        continue
                    }
                    Self.appendUTF8(0xFFFD, to: &out)
                }
                if (0xD800...0xDBFF).contains(unit) {
                    highSurrogate = unit
                } else if (0xDC00...0xDFFF).contains(unit) {
                    Self.appendUTF8(0xFFFD, to: &out)
                } else {
                    Self.appendUTF8(UInt32(unit), to: &out)
                }
            }
        }
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Windows-1252's 0x80–0x9F differ from Latin-1 (€, curly quotes, dashes…).
    static func windows1252Scalar(_ b: UInt8) -> UInt32 {
        guard (0x80...0x9F).contains(b) else { return UInt32(b) }
        let table: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
                               0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        return table[Int(b - 0x80)]
    }
}
