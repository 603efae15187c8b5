import FolioDomain
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one RFC 4180 CSV file fast: fields are encoded straight into a byte buffer that
/// goes to disk in 1 MB blocks, text by `CSVEncoding` (quoted only when it holds a comma, a
/// quote or a line break; a formula neutralised); lines end in LF.
///
/// A non-copyable struct rather than a class: encoding a row then touches only a value
/// held `inout`, with no per-byte exclusivity checks or reference counting, and the file
/// has exactly one owner, who closes it.
struct CSVFileWriter: ~Copyable {
    let path: String
    private(set) var rows = 0
    private(set) var bytes = 0

    private var file: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8] = []
    private var atRowStart = true
    private static let blockSize = 1 << 20

    init(path: String) throws(PortfolioExportError) {
        self.path = path
        guard let file = fopen(path, "wb") else {
            throw .cannotCreateFile(path: path, reason: CSVFileWriter.lastErrorText())
        }
        self.file = file
        buffer.reserveCapacity(CSVFileWriter.blockSize + 64 * 1024)
    }

    deinit {
        if let file { fclose(file) }
    }

    // MARK: Fields

    mutating func field(_ text: String) {
        separate()
        CSVEncoding.append(text, to: &buffer)
    }

    mutating func field(_ text: String?) {
        if let text { field(text) } else { emptyField() }
    }

    mutating func field(_ value: Int) {
        separate()
        appendDecimal(value)
    }

    mutating func field(_ value: Int?) {
        if let value { field(value) } else { emptyField() }
    }

    mutating func field(_ value: Bool) {
        separate()
        if value {
            buffer.append(contentsOf: [0x74, 0x72, 0x75, 0x65])         // true
        } else {
            buffer.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])   // false
        }
    }

    /// `YYYY-MM-DD`, the same text as `Day.iso` without building a String per row.
    mutating func field(_ day: Day) {
        separate()
        let (y, m, d) = day.components
        if y < 0 { buffer.append(0x2D) }
        appendDigits(y.magnitude, width: 4)
        buffer.append(0x2D)
        appendDigits(UInt(m), width: 2)
        buffer.append(0x2D)
        appendDigits(UInt(d), width: 2)
    }

    mutating func field(_ day: Day?) {
        if let day { field(day) } else { emptyField() }
    }

    mutating func emptyField() { separate() }

    mutating func endRow() throws(PortfolioExportError) {
        buffer.append(0x0A)
        atRowStart = true
        rows += 1
        if buffer.count >= CSVFileWriter.blockSize { try flush() }
    }

    /// Writes a header row (not counted in `rows`).
    mutating func header(_ names: [String]) throws(PortfolioExportError) {
        for name in names { field(name) }
        try endRow()
        rows -= 1
    }

    // MARK: Disk

    mutating func flush() throws(PortfolioExportError) {
        guard !buffer.isEmpty else { return }
        guard let file else { throw .cannotWrite(path: path, reason: "the file is already closed") }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else {
            throw .cannotWrite(path: path, reason: CSVFileWriter.lastErrorText())
        }
        bytes += written
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws(PortfolioExportError) {
        try flush()
        guard let file else { return }
        self.file = nil
        guard fclose(file) == 0 else {
            throw .cannotWrite(path: path, reason: CSVFileWriter.lastErrorText())
        }
    }

    // MARK: Encoding

    private mutating func separate() {
        if atRowStart { atRowStart = false } else { buffer.append(0x2C) }
    }

    private mutating func appendDecimal(_ value: Int) {
        if value < 0 { buffer.append(0x2D) }
        appendDigits(value.magnitude, width: 1)
    }

    /// The digits of `value`, left-padded with zeros to `width` (at most 20).
    private mutating func appendDigits(_ value: UInt, width: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { scratch in
            var i = scratch.count
            var v = value
            repeat {
                i -= 1
                scratch[i] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v > 0
            while scratch.count - i < min(width, 20) {
                i -= 1
                scratch[i] = 0x30
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[i...]))
        }
    }

    private static func lastErrorText() -> String {
        String(cString: strerror(errno))
    }
}
