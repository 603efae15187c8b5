import Foundation

/// One CSV record and the physical line it starts on. Read from a file, its fields stay the
/// parsed bytes of their block until asked for: most are read once, as a number or a day,
/// and a string per field cost more than parsing the file.
struct CSVRecord: Sendable {
    var line: Int
    private var strings: [String]?
    private var block: CSVBlock?
    /// Index in the block's `fieldEnds` of the first field.
    private var first: Int
    private(set) var count: Int

    init(line: Int, fields: [String]) {
        self.line = line
        strings = fields
        block = nil
        first = 0
        count = fields.count
    }

    init(line: Int, block: CSVBlock, fields: Range<Int>) {
        self.line = line
        strings = nil
        self.block = block
        first = fields.lowerBound
        count = fields.count
    }

    /// Every field as a string (made on each call for a record read from a file).
    var fields: [String] {
        get { strings ?? (0..<count).map(field) }
        set {
            strings = newValue
            block = nil
            first = 0
            count = newValue.count
        }
    }

    func field(_ i: Int) -> String {
        if let strings { return strings[i] }
        return block!.string(field: first + i)
    }

    /// The field's UTF-8 bytes, without making a string.
    func withBytes<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let block { return try block.withBytes(field: first + i, body) }
        var s = strings![i]
        return try s.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    func isEmpty(_ i: Int) -> Bool {
        if let block { return block.isEmpty(field: first + i) }
        return strings![i].isEmpty
    }

    /// A blank line parses as one empty field; a spreadsheet saves an empty row as `,,,`.
    var isBlank: Bool { (0..<count).allSatisfy(isEmpty) }
}

/// One block's field bytes, shared by the records read from it.
final class CSVBlock: Sendable {
    let bytes: [UInt8]
    let fieldEnds: [Int]

    init(bytes: [UInt8], fieldEnds: [Int]) {
        self.bytes = bytes
        self.fieldEnds = fieldEnds
    }

    func range(field f: Int) -> Range<Int> { (f == 0 ? 0 : fieldEnds[f - 1])..<fieldEnds[f] }

    func isEmpty(field f: Int) -> Bool { (f == 0 ? 0 : fieldEnds[f - 1]) == fieldEnds[f] }

    func string(field f: Int) -> String {
        let range = range(field: f)
        if range.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    func withBytes<R>(field f: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let range = range(field: f)
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }
}

/// Records parsed from one block of a file: the fields' bytes (quotes removed) laid end to
/// end, so the events roll-up can read them without making a string per field.
struct CSVBatch: Sendable {
    var bytes: [UInt8] = []
    /// End offset in `bytes` of each field.
    var fieldEnds: [Int] = []
    /// For each record, the index in `fieldEnds` just past its last field.
    var recordEnds: [Int] = []
    /// The line each record starts on.
    var lines: [Int] = []

    var count: Int { lines.count }

    func fieldRange(record r: Int) -> Range<Int> { (r == 0 ? 0 : recordEnds[r - 1])..<recordEnds[r] }

    func byteRange(field f: Int) -> Range<Int> { (f == 0 ? 0 : fieldEnds[f - 1])..<fieldEnds[f] }

    func string(field f: Int) -> String {
        let range = byteRange(field: f)
        if range.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    func record(_ r: Int) -> CSVRecord {
        CSVRecord(line: lines[r], fields: fieldRange(record: r).map(string(field:)))
    }

    /// Every record, sharing the block's bytes.
    var records: [CSVRecord] {
        let block = CSVBlock(bytes: bytes, fieldEnds: fieldEnds)
        return (0..<count).map { CSVRecord(line: lines[$0], block: block, fields: fieldRange(record: $0)) }
    }

    mutating func reserve(bytes n: Int) {
        bytes.reserveCapacity(n)
        fieldEnds.reserveCapacity(n / 8)
    }
}

/// What a file's text looks like: its field delimiter and its encoding. Nil means "find
/// out": the delimiter from the header line, the encoding from a BOM (else UTF-8).
public struct CSVFormat: Sendable, Equatable {
    public var delimiter: UInt8?
    public var encoding: TextEncoding?

    public init(delimiter: UInt8? = nil, encoding: TextEncoding? = nil) {
        self.delimiter = delimiter
        self.encoding = encoding
    }

    /// A delimiter as a person would name it in an error.
    static func name(of delimiter: UInt8) -> String {
        switch delimiter {
        case 0x2C: return "comma"
        case 0x3B: return "semicolon"
        case 0x09: return "tab"
        case 0x7C: return "vertical bar"
        default: return "\"\(Character(Unicode.Scalar(delimiter)))\""
        }
    }
}

/// Reads a CSV file in bounded memory, block by block, knowing each record's line.
///
/// One pass over the bytes (RFC 4180: quotes may hold delimiters, quotes and line breaks)
/// finds records and fields and checks what spreadsheets forgive (a stray quote, an
/// unterminated quote, invalid UTF-8, an oversized field), saying exactly where. The
/// delimiter is sniffed from the header line (comma, semicolon, tab: how German or French
/// Excel re-saves a file) unless the mapping names one; a BOM and CRLF are accepted.
final class CSVRecordReader {
    let path: String
    let displayName: String
    static let blockSize = 1 << 20
    static let fieldLimit = 1 << 20
    static let recordLimit = 16 << 20

    private let handle: FileHandle
    private var decoder: TextDecoder
    private var pending: [UInt8] = []
    private var atEOF = false
    private var nextLine = 1
    private(set) var delimiter: UInt8
    private var sniffed: Bool
    /// Raw bytes read from the file so far, and its size: progress by bytes.
    private(set) var bytesRead: Int64 = 0
    let totalBytes: Int64

    init(path: String, displayName: String, format: CSVFormat = CSVFormat()) throws(ImportProblem) {
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
        decoder = TextDecoder(encoding: format.encoding)
        delimiter = format.delimiter ?? 0x2C
        sniffed = format.delimiter != nil
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        totalBytes = size ?? 0
    }

    deinit { try? handle.close() }

    /// The next block of whole records, or nil at the end of the file.
    func nextBatch() throws(ImportProblem) -> CSVBatch? {
        while true {
            if !atEOF && (pending.count < Self.blockSize || !sniffed) {
                try fill()
                if !sniffed && (atEOF || pending.contains(0x0A) || pending.contains(0x0D)) { sniffDelimiter() }
                if !sniffed { continue }
            }
            if pending.isEmpty && atEOF { return nil }
            var batch = CSVBatch()
            batch.reserve(bytes: pending.count)
            let consumed = try parse(into: &batch)
            if consumed > 0 {
                try validateUTF8(count: consumed, firstLine: batch.lines.first ?? nextLine)
                pending.removeFirst(consumed)
                return batch
            }
            if atEOF { return nil }
            if pending.count > Self.recordLimit {
                throw problem(nextLine, 1, "a record longer than \(Self.recordLimit >> 20) MiB starts here (an unterminated quote?)")
            }
            try fill()
        }
    }

    /// The next record, for callers that want one at a time.
    private var buffered: [CSVRecord] = []
    private var bufferedIndex = 0
    func next() throws(ImportProblem) -> CSVRecord? {
        while bufferedIndex >= buffered.count {
            guard let batch = try nextBatch() else { return nil }
            buffered = batch.records
            bufferedIndex = 0
        }
        bufferedIndex += 1
        return buffered[bufferedIndex - 1]
    }

    /// Reads the next block with read(2): FileHandle read a large block 4 KiB at a time
    /// into a growing Data, a system call and a copy per page.
    private func fill() throws(ImportProblem) {
        let fd = handle.fileDescriptor
        var failure: Int32 = 0
        let data = [UInt8](unsafeUninitializedCapacity: Self.blockSize) { buffer, count in
            while true {
                let n = read(fd, buffer.baseAddress, Self.blockSize)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno }
                count = max(n, 0)
                return
            }
        }
        if failure != 0 {
            throw problem(nextLine, 1, "read error: \(String(cString: strerror(failure)))")
        }
        if data.isEmpty {
            atEOF = true
            // A UTF-16 file cut in the middle of a character: nothing more will come.
            return
        }
        bytesRead += Int64(data.count)
        decoder.decode(data, into: &pending)
    }

    /// Picks the delimiter that splits the header line most: comma, semicolon, tab or bar.
    private func sniffDelimiter() {
        sniffed = true
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0, 0x7C: 0]
        var inQuotes = false
        for c in pending {
            if c == 0x22 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if c == 0x0A || c == 0x0D { break }
            if counts[c] != nil { counts[c]! += 1 }
        }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }
        if let best, best.value > 0 { delimiter = best.key }
    }

    private func problem(_ line: Int, _ column: Int, _ message: String) -> ImportProblem {
        ImportProblem(file: displayName, line: line, column: column, message: message)
    }

    /// Parses whole records from the start of `pending` into `batch`; returns how many
    /// bytes they took (0 when not even one record is complete yet).
    private func parse(into batch: inout CSVBatch) throws(ImportProblem) -> Int {
        let count = pending.count
        let eof = atEOF
        let delim = delimiter
        var consumed = 0
        var line = nextLine
        try pending.withUnsafeBufferPointer { (buf) throws(ImportProblem) in
            var i = 0
            records: while i < count {
                let recordLine = line
                let bytesMark = batch.bytes.count, fieldsMark = batch.fieldEnds.count
                var here = line
                var field = 1
                func rollback() {
                    batch.bytes.removeSubrange(bytesMark...)
                    batch.fieldEnds.removeSubrange(fieldsMark...)
                }
                func endField() throws(ImportProblem) {
                    let length = batch.bytes.count - (batch.fieldEnds.last ?? 0)
                    if length > Self.fieldLimit {
                        throw self.problem(recordLine, field, "field is \(length.formatted()) bytes; at most \(Self.fieldLimit.formatted()) are allowed")
                    }
                    batch.fieldEnds.append(batch.bytes.count)
                }
                func endRecord() {
                    batch.recordEnds.append(batch.fieldEnds.count)
                    batch.lines.append(recordLine)
                }
                fields: while true {
                    if i >= count {
                        // The last record has no line break after it.
                        guard eof else { rollback(); break records }
                        try endField()
                        endRecord()
                        consumed = i
                        line = here + 1
                        break records
                    }
                    if buf[i] == 0x22 {
                        let quoteLine = here
                        i += 1
                        var runStart = i
                        quoted: while true {
                            if i >= count {
                                guard eof else { rollback(); break records }
                                throw self.problem(quoteLine, field, "unterminated quoted field: the closing quote is missing")
                            }
                            let c = buf[i]
                            if c == 0x22 {
                                batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i]))
                                if i + 1 >= count && !eof { rollback(); break records }
                                if i + 1 < count && buf[i + 1] == 0x22 {
                                    batch.bytes.append(0x22)
                                    i += 2
                                    runStart = i
                                    continue quoted
                                }
                                i += 1
                                break quoted
                            }
                            if c == 0x0A {
                                here += 1
                            } else if c == 0x0D {
                                if i + 1 < count && buf[i + 1] == 0x0A { i += 1 } else if i + 1 >= count && !eof { rollback(); break records }
                                here += 1
                            }
                            i += 1
                        }
                        if i >= count {
                            guard eof else { rollback(); break records }
                            continue fields
                        }
                        let c = buf[i]
                        if c != delim && c != 0x0A && c != 0x0D {
                            throw self.problem(here, field, c == 0x22
                                ? "unexpected quote after a quoted field; inside quotes write a quote as \"\""
                                : "unexpected text after a closing quote; a quoted field must end at a \(CSVFormat.name(of: delim)) or the end of the line")
                        }
                    } else {
                        let start = i
                        while i < count {
                            let c = buf[i]
                            if c == delim || c == 0x0A || c == 0x0D { break }
                            if c == 0x22 {
                                throw self.problem(here, field, "stray quote in an unquoted field; quote the whole field and double the quote (\"\")")
                            }
                            i += 1
                        }
                        if i > start { batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) }
                        if i >= count { continue fields }
                    }
                    // At a delimiter or a line break.
                    let c = buf[i]
                    if c == delim {
                        try endField()
                        field += 1
                        i += 1
                        continue fields
                    }
                    if c == 0x0D {
                        if i + 1 < count {
                            if buf[i + 1] == 0x0A { i += 1 }
                        } else if !eof {
                            rollback()
                            break records // a CR at the block's end: wait for the next byte
                        }
                    }
                    i += 1
                    try endField()
                    endRecord()
                    here += 1
                    line = here
                    consumed = i
                    continue records
                }
            }
        }
        nextLine = line
        return consumed
    }

    /// Whether `count` bytes at `p` are well-formed UTF-8 text without a NUL byte (8 ASCII
    /// bytes at a time while they are ASCII). The events scanner checks its records with it too.
    static func isUTF8(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        let base = UnsafeRawPointer(p)
        while i < count {
            if i + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // No high bit, and no zero byte (the classic "has a zero byte" test).
                if word & 0x8080_8080_8080_8080 == 0 && (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let c = p[i]
            if c == 0 { return false }
            if c < 0x80 { i += 1; continue }
            let len: Int
            switch c {
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: return false
            }
            guard i + len <= count else { return false }
            for k in 1..<len where p[i + k] & 0xC0 != 0x80 { return false }
            let b1 = p[i + 1]
            if (c == 0xE0 && b1 < 0xA0) || (c == 0xED && b1 > 0x9F) || (c == 0xF0 && b1 < 0x90) || (c == 0xF4 && b1 > 0x8F) { return false }
            i += len
        }
        return true
    }

    /// Checks that the bytes of whole records are UTF-8 (8 bytes at a time while they are
    /// ASCII) and says where the first one that is not is.
    private func validateUTF8(count: Int, firstLine: Int) throws(ImportProblem) {
        let valid = count == 0 || pending.withUnsafeBufferPointer { buf in Self.isUTF8(buf.baseAddress!, count: count) }
        if !valid { throw invalidUTF8(in: count, firstLine: firstLine) }
    }

    /// Finds the first byte that is not UTF-8 text (or is a NUL) and says where it is.
    private func invalidUTF8(in count: Int, firstLine: Int) -> ImportProblem {
        var line = firstLine, field = 1, inQuotes = false
        var i = 0
        let hint = "; save the file as UTF-8, or name its encoding in a mapping (encoding: windows-1252)"
        while i < count {
            let c = pending[i]
            if c == 0 {
                return problem(line, field, "a NUL byte (0x00), which text never holds: the file is binary or UTF-16, or was cut short while written; save it as UTF-8 CSV")
            }
            let len: Int
            switch c {
            case 0x01...0x7F: len = 1
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
                return problem(line, field, "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" : "")\(hex))\(hint)")
            }
            if c == 0x22 { inQuotes.toggle() }
            if !inQuotes {
                if c == delimiter { field += 1 }
                if c == 0x0A || c == 0x0D { field = 1 }
            }
            if c == 0x0A || (c == 0x0D && !(i + 1 < count && pending[i + 1] == 0x0A)) { line += 1 }
            i += len
        }
        return problem(line, field, "invalid UTF-8\(hint)")
    }
}
