/// The one CSV encoding for everything Folio writes: report tables on stdout (`CSVTable`)
/// and generated portfolios on disk (`CSVFileWriter`), RFC 4180.
///
/// - A field is quoted when its UTF-8 bytes hold a comma, a quote, a CR or an LF; quotes
///   are doubled. Bytes, not Characters: Swift counts "\r\n" as one Character, so a
///   Character test misses it and a name could split a row.
/// - A text field starting with `=`, `+`, `-`, `@`, a tab or a CR is neutralised with a
///   leading `'` (OWASP's CSV-injection rule), so a spreadsheet shows it instead of running
///   it as a formula; a plain number such as `-12.5` is left as it is.
public enum CSVEncoding {
    public enum LineEnd: Sendable {
        /// `\n`: the import files `folio generate` writes.
        case lf
        /// `\r\n`: RFC 4180's, for report tables.
        case crlf

        var bytes: [UInt8] { self == .lf ? [0x0A] : [0x0D, 0x0A] }
    }

    /// Appends one encoded field to `buffer`.
    public static func append(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { append(utf8: $0, to: &buffer) }
    }

    public static func append(utf8: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        let neutralised = isFormulaLike(utf8)
        var quoted = false
        for byte in utf8 where byte == comma || byte == quote || byte == cr || byte == lf {
            quoted = true
            break
        }
        guard quoted || neutralised else {
            buffer.append(contentsOf: utf8)
            return
        }
        if quoted { buffer.append(quote) }
        if neutralised { buffer.append(apostrophe) }
        for byte in utf8 {
            buffer.append(byte)
            if byte == quote { buffer.append(quote) }
        }
        if quoted { buffer.append(quote) }
    }

    /// One field as text.
    public static func field(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Would a spreadsheet read this field as a formula?
    static func isFormulaLike(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first else { return false }
        switch first {
        case 0x3D, 0x40, 0x09, cr: return true                  // = @ tab CR
        case 0x2B, 0x2D: return !isPlainNumber(utf8.dropFirst()) // + - unless a signed number
        default: return false
        }
    }

    /// Digits with at most one decimal point inside them (`12`, `12.5`).
    private static func isPlainNumber(_ utf8: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var digits = 0, points = 0, last: UInt8 = 0
        for byte in utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
            } else if byte == 0x2E && digits > 0 && points == 0 {
                points += 1
            } else {
                return false
            }
            last = byte
        }
        return digits > 0 && last != 0x2E
    }

    static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let apostrophe: UInt8 = 0x27
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A
}

/// A small table (a report) written with `CSVEncoding`: a header row, then the rows.
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// Every field (the header's too) passed through `transform`: terminal-safe text when
    /// the table goes to a person's screen.
    public func mapFields(_ transform: (String) -> String) -> CSVTable {
        CSVTable(header: header.map(transform), rows: rows.map { $0.map(transform) })
    }

    /// The encoded table, each line ending in `lineEnd`.
    public func rendered(lineEnd: CSVEncoding.LineEnd = .crlf) -> String {
        var bytes: [UInt8] = []
        for row in [header] + rows {
            for (index, field) in row.enumerated() {
                if index > 0 { bytes.append(CSVEncoding.comma) }
                CSVEncoding.append(field, to: &bytes)
            }
            bytes.append(contentsOf: lineEnd.bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
