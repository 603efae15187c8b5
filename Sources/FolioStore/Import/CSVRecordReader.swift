import CSV
import Foundation

/// One CSV record and the physical line it starts on.
struct CSVRecord {
    var line: Int
    var fields: [String]

    /// A blank line parses as one empty field.
    var isBlank: Bool { fields.count == 1 && fields[0].isEmpty }
}

/// Reads a CSV file in bounded memory, record by record, knowing each record's line.
///
/// A byte scanner finds record boundaries (RFC 4180: quotes may hold commas, quotes and
/// line breaks), checks what the field parser forgives (a stray quote, an unterminated
/// quote, invalid UTF-8, an oversized field) and says exactly where; CSV.swift then
/// parses each block of whole records into fields. A UTF-8 BOM and CRLF are accepted.
final class CSVRecordReader {
    let path: String
    let displayName: String
    static let blockSize = 1 << 20
    static let fieldLimit = 1 << 20
    static let recordLimit = 16 << 20

    private let handle: FileHandle
    private var pending: [UInt8] = []
    private var atEOF = false
    private var startedFile = false
    private var nextLine = 1

    private var rows: CSVReader?
    private var rowLines: [Int] = []
    private var rowIndex = 0

    init(path: String, displayName: String) throws(ImportProblem) {
        self.path = path
        self.displayName = displayName
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ImportProblem(file: displayName, line: 1, column: 1, message: "no such file")
        }
        guard !isDir.boolValue else {
            throw ImportProblem(file: displayName, line: 1, column: 1, message: "is a folder, not a CSV file")
        }
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw ImportProblem(file: displayName, line: 1, column: 1, message: "cannot be read (permission denied?)")
        }
        handle = h
    }

    deinit { try? handle.close() }

    /// The next record, or nil at the end of the file.
    func next() throws(ImportProblem) -> CSVRecord? {
        while true {
            if let rows, rowIndex < rowLines.count, let fields = rows.next() {
                let line = rowLines[rowIndex]
                rowIndex += 1
                for (i, f) in fields.enumerated() where f.utf8.count > Self.fieldLimit {
                    throw problem(line, i + 1, "field is \(f.utf8.count.formatted()) bytes; at most \(Self.fieldLimit.formatted()) are allowed")
                }
                return CSVRecord(line: line, fields: fields)
            }
            rows = nil
            guard try loadBlock() else { return nil }
        }
    }

    private func problem(_ line: Int, _ column: Int, _ message: String) -> ImportProblem {
        ImportProblem(file: displayName, line: line, column: column, message: message)
    }

    /// Reads until `pending` holds at least one whole record, hands the whole records to
    /// the parser and keeps the rest. False at the end of the file.
    private func loadBlock() throws(ImportProblem) -> Bool {
        while true {
            if !atEOF {
                let data: Data
                do { data = try handle.read(upToCount: Self.blockSize) ?? Data() } catch {
                    throw problem(nextLine, 1, "read error: \(error.localizedDescription)")
                }
                if data.isEmpty { atEOF = true } else { pending.append(contentsOf: data) }
                if !startedFile {
                    startedFile = true
                    if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
                }
            }
            if pending.isEmpty && atEOF { return false }
            let scan = try scanRecords()
            if scan.end > 0 {
                try startParsing(count: scan.end, lines: scan.lines)
                return true
            }
            if atEOF { return false }
            if pending.count > Self.recordLimit {
                throw problem(nextLine, 1, "a record longer than \(Self.recordLimit >> 20) MiB starts here (an unterminated quote?)")
            }
        }
    }

    /// Finds the end of the last whole record in `pending` and the line each record starts on.
    private func scanRecords() throws(ImportProblem) -> (end: Int, lines: [Int]) {
        var lines: [Int] = []
        var end = 0
        var endLine = nextLine
        var line = nextLine
        var recordLine = line
        var field = 1
        var inQuotes = false
        var fieldStart = true
        var afterClosingQuote = false
        var quoteLine = line
        let count = pending.count
        let eof = atEOF
        try pending.withUnsafeBufferPointer { (buf) throws(ImportProblem) in
            var i = 0
            scan: while i < count {
                let c = buf[i]
                if inQuotes {
                    if c == 0x22 {
                        if i + 1 < count {
                            if buf[i + 1] == 0x22 { i += 2; continue scan }
                        } else if !eof {
                            break scan // need the next byte to tell "" from a closing quote
                        }
                        inQuotes = false
                        afterClosingQuote = true
                    } else if c == 0x0A {
                        line += 1
                    } else if c == 0x0D {
                        if i + 1 < count, buf[i + 1] == 0x0A { i += 1 }
                        line += 1
                    }
                    i += 1
                    continue scan
                }
                switch c {
                case 0x2C: // ,
                    field += 1
                    fieldStart = true
                    afterClosingQuote = false
                case 0x0A, 0x0D:
                    if c == 0x0D {
                        if i + 1 < count {
                            if buf[i + 1] == 0x0A { i += 1 }
                        } else if !eof {
                            break scan // a CR at the block's end: wait for the next byte
                        }
                    }
                    line += 1
                    lines.append(recordLine)
                    recordLine = line
                    end = i + 1
                    endLine = line
                    field = 1
                    fieldStart = true
                    afterClosingQuote = false
                case 0x22:
                    guard fieldStart else {
                        throw self.problem(line, field, afterClosingQuote
                            ? "unexpected quote after a quoted field; inside quotes write a quote as \"\""
                            : "stray quote in an unquoted field; quote the whole field and double the quote (\"\")")
                    }
                    inQuotes = true
                    quoteLine = line
                    fieldStart = false
                default:
                    if afterClosingQuote {
                        throw self.problem(line, field, "unexpected text after a closing quote; a quoted field must end at a comma or the end of the line")
                    }
                    fieldStart = false
                }
                i += 1
            }
            if eof && i >= count {
                if inQuotes {
                    throw self.problem(quoteLine, field, "unterminated quoted field: the closing quote is missing")
                }
                if end < count {
                    // The last record has no line break after it.
                    lines.append(recordLine)
                    end = count
                    endLine = line + 1
                }
            }
        }
        if end > 0 { nextLine = endLine }
        return (end, lines)
    }

    private func startParsing(count: Int, lines: [Int]) throws(ImportProblem) {
        let firstLine = lines.first ?? nextLine
        let text: String
        if let s = pending.withUnsafeBufferPointer({ String(validating: UnsafeBufferPointer(rebasing: $0[0..<count]), as: UTF8.self) }) {
            text = s
        } else {
            throw invalidUTF8(in: count, firstLine: firstLine)
        }
        pending.removeFirst(count)
        do {
            rows = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            throw problem(firstLine, 1, "cannot parse: \(error)")
        }
        rowLines = lines
        rowIndex = 0
    }

    /// Finds the first byte that is not UTF-8 and says where it is.
    private func invalidUTF8(in count: Int, firstLine: Int) -> ImportProblem {
        var line = firstLine, field = 1, inQuotes = false
        var i = 0
        while i < count {
            let c = pending[i]
            let len: Int
            switch c {
            case 0x00...0x7F: len = 1
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: len = 0
            }
            var valid = len > 0 && i + len <= count
            if valid && len > 1 {
                for k in 1..<len where pending[i + k] & 0xC0 != 0x80 { valid = false }
                if valid {
                    let b1 = pending[i + 1]
                    if c == 0xE0 && b1 < 0xA0 { valid = false }
                    if c == 0xED && b1 > 0x9F { valid = false }
                    if c == 0xF0 && b1 < 0x90 { valid = false }
                    if c == 0xF4 && b1 > 0x8F { valid = false }
                }
            }
            if !valid {
                let hex = String(c, radix: 16, uppercase: true)
                return problem(line, field, "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" : "")\(hex)); save the file as UTF-8")
            }
            if c == 0x22 { inQuotes.toggle() }
            if !inQuotes {
                if c == 0x2C { field += 1 }
                if c == 0x0A || c == 0x0D { field = 1 }
            }
            if c == 0x0A || (c == 0x0D && !(i + 1 < count && pending[i + 1] == 0x0A)) { line += 1 }
            i += len
        }
        return problem(line, field, "invalid UTF-8; save the file as UTF-8")
    }
}
