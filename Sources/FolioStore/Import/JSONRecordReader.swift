import Foundation

/// Reads analytics exports in JSON: one object per line (Mixpanel's raw export, Amplitude's
/// export files, Segment's S3 and webhook dumps) or one array of objects. Each object gives
/// one record whose fields are the values at the paths the mapping names (`event`,
/// `properties.distinct_id`, `context.groupId`; case is ignored; an array gives its first
/// item: Amplitude's `groups.company`), as a `CSVBatch` the events roll-up reads like CSV.
final class JSONRecordReader {
    let path: String
    let paths: [String]
    static let blockSize = 1 << 20

    private let handle: FileHandle
    private var pending: [UInt8] = []
    private var atEOF = false
    private var line = 1
    private var started = false
    private var inArray = false
    private let root = PathNode()
    private(set) var bytesRead: Int64 = 0
    let totalBytes: Int64

    final class PathNode {
        var children: [String: PathNode] = [:]
        var field: Int?
    }

    init(path: String, paths: [String]) throws(ImportProblem) {
        self.path = path
        self.paths = paths
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw ImportProblem(file: path, line: 1, column: 1, message: isDir.boolValue ? "is a folder, not a file" : "no such file")
        }
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw ImportProblem(file: path, line: 1, column: 1, message: "cannot be read (permission denied?)")
        }
        handle = h
        totalBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        for (i, p) in paths.enumerated() {
            var node = root
            for part in p.lowercased().split(separator: ".") {
                let key = String(part)
                if let next = node.children[key] { node = next } else {
                    let next = PathNode()
                    node.children[key] = next
                    node = next
                }
            }
            node.field = i
        }
    }

    deinit { try? handle.close() }

    private func problem(_ line: Int, _ message: String) -> ImportProblem {
        ImportProblem(file: path, line: line, column: 1, message: message)
    }

    /// The next block of records, or nil at the end.
    func nextBatch() throws(ImportProblem) -> CSVBatch? {
        var batch = CSVBatch()
        var consumed = 0
        while batch.count < 4096 {
            if pending.count - consumed < Self.blockSize / 2 && !atEOF {
                pending.removeFirst(consumed)
                consumed = 0
                try fill()
            }
            var i = consumed
            skipSpace(&i)
            if !started, i < pending.count {
                started = true
                if pending[i] == 0x5B { inArray = true; i += 1; skipSpace(&i) }
            }
            if inArray, i < pending.count, pending[i] == 0x2C { i += 1; skipSpace(&i) }
            if inArray, i < pending.count, pending[i] == 0x5D { i += 1; skipSpace(&i); consumed = i; inArray = false; continue }
            guard i < pending.count else {
                consumed = i
                if atEOF { break }
                continue
            }
            guard pending[i] == 0x7B else {
                throw problem(line, "expected a JSON object ({…}) per line or an array of objects; found \"\(Character(Unicode.Scalar(pending[i])))\"")
            }
            consumed = i
            // Is the whole object here? Parse; if it runs off the end, read more and retry.
            let startLine = line
            var values = [Range<Int>?](repeating: nil, count: paths.count)
            var scratch: [UInt8] = []
            var j = i
            let lineBefore = line
            do {
                try parseObject(&j, node: root, values: &values, scratch: &scratch)
            } catch JSONIncomplete.more {
                line = lineBefore
                if atEOF { throw problem(startLine, "the JSON object starting here does not end (a missing } or \")") }
                pending.removeFirst(consumed)
                consumed = 0
                try fill()
                continue
            } catch JSONIncomplete.bad(let message, let at) {
                // In one event per line, an event still open on the next line was cut short.
                let started = at > startLine ? " (in the event that starts on line \(startLine): is that line cut short?)" : ""
                throw problem(at, message + started)
            } catch {
                throw problem(startLine, "\(error)")
            }
            for v in values {
                if let v { batch.bytes.append(contentsOf: scratch[v]) }
                batch.fieldEnds.append(batch.bytes.count)
            }
            batch.recordEnds.append(batch.fieldEnds.count)
            batch.lines.append(startLine)
            consumed = j
        }
        pending.removeFirst(consumed)
        return batch.count == 0 ? nil : batch
    }

    private func fill() throws(ImportProblem) {
        let data: Data
        do { data = try handle.read(upToCount: Self.blockSize) ?? Data() } catch {
            throw problem(line, "read error: \(error.localizedDescription)")
        }
        if data.isEmpty { atEOF = true; return }
        bytesRead += Int64(data.count)
        if !started && pending.isEmpty && data.starts(with: [0xEF, 0xBB, 0xBF]) {
            pending.append(contentsOf: data.dropFirst(3))
        } else {
            pending.append(contentsOf: data)
        }
    }

    private enum JSONIncomplete: Error {
        case more
        case bad(String, Int)
    }

    private func skipSpace(_ i: inout Int) {
        while i < pending.count {
            let c = pending[i]
            if c == 0x0A { line += 1 } else if c != 0x20 && c != 0x09 && c != 0x0D { return }
            i += 1
        }
    }

    private func need(_ i: Int) throws {
        if i >= pending.count { throw JSONIncomplete.more }
    }

    /// Parses an object at `i`, keeping the values of wanted paths (text in `scratch`).
    private func parseObject(_ i: inout Int, node: PathNode?, values: inout [Range<Int>?], scratch: inout [UInt8]) throws {
        i += 1 // {
        skipSpace(&i)
        try need(i)
        if pending[i] == 0x7D { i += 1; return }
        while true {
            skipSpace(&i)
            try need(i)
            guard pending[i] == 0x22 else { throw JSONIncomplete.bad("expected a key in quotes", line) }
            let keyStart = scratch.count
            try parseString(&i, into: &scratch)
            let key = String(decoding: scratch[keyStart...], as: UTF8.self).lowercased()
            scratch.removeSubrange(keyStart...)
            skipSpace(&i)
            try need(i)
            guard pending[i] == 0x3A else { throw JSONIncomplete.bad("expected : after a key", line) }
            i += 1
            skipSpace(&i)
            try parseValue(&i, node: node?.children[key], values: &values, scratch: &scratch)
            skipSpace(&i)
            try need(i)
            if pending[i] == 0x2C { i += 1; continue }
            if pending[i] == 0x7D { i += 1; return }
            throw JSONIncomplete.bad("expected , or } in an object", line)
        }
    }

    private func parseValue(_ i: inout Int, node: PathNode?, values: inout [Range<Int>?], scratch: inout [UInt8]) throws {
        try need(i)
        let c = pending[i]
        switch c {
        case 0x7B:
            try parseObject(&i, node: node, values: &values, scratch: &scratch)
        case 0x5B:
            i += 1
            var first = true
            while true {
                skipSpace(&i)
                try need(i)
                if pending[i] == 0x5D { i += 1; return }
                // An array stands for its first item (Amplitude's groups: {"company": ["acme"]}).
                try parseValue(&i, node: first ? node : nil, values: &values, scratch: &scratch)
                first = false
                skipSpace(&i)
                try need(i)
                if pending[i] == 0x2C { i += 1; continue }
                if pending[i] == 0x5D { i += 1; return }
                throw JSONIncomplete.bad("expected , or ] in an array", line)
            }
        case 0x22:
            let start = scratch.count
            try parseString(&i, into: &scratch)
            if let f = node?.field, values[f] == nil { values[f] = start..<scratch.count } else { scratch.removeSubrange(start...) }
        default:
            let start = i
            while i < pending.count, ![0x2C, 0x7D, 0x5D, 0x20, 0x0A, 0x0D, 0x09].contains(pending[i]) { i += 1 }
            try need(i)
            let token = pending[start..<i]
            guard token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8) || token.elementsEqual("null".utf8)
                    || token.first.map({ $0 == 0x2D || ($0 >= 0x30 && $0 <= 0x39) }) == true else {
                throw JSONIncomplete.bad("unexpected \"\(String(decoding: token.prefix(20), as: UTF8.self))\" in JSON", line)
            }
            if let f = node?.field, values[f] == nil, !token.elementsEqual("null".utf8) {
                let s = scratch.count
                scratch.append(contentsOf: token)
                values[f] = s..<scratch.count
            }
        }
    }

    private func parseString(_ i: inout Int, into out: inout [UInt8]) throws {
        i += 1 // opening quote
        while true {
            try need(i)
            let c = pending[i]
            if c == 0x22 { i += 1; return }
            if c == 0x5C {
                try need(i + 1)
                let e = pending[i + 1]
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    try need(i + 5)
                    guard var scalar = UInt32(String(decoding: pending[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16) else {
                        throw JSONIncomplete.bad("bad \\u escape in a JSON string", line)
                    }
                    i += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        try need(i + 7)
                        if pending[i + 2] == 0x5C, pending[i + 3] == 0x75,
                           let low = UInt32(String(decoding: pending[(i + 4)..<(i + 8)], as: UTF8.self), radix: 16), (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    }
                    TextDecoder.appendUTF8(scalar, to: &out)
                default:
                    throw JSONIncomplete.bad("bad escape \\\(Character(Unicode.Scalar(e))) in a JSON string", line)
                }
                i += 2
                continue
            }
            if c == 0x0A { throw JSONIncomplete.bad("a line break inside a JSON string", line) }
            out.append(c)
            i += 1
        }
    }
}
