import Foundation
import Logging
import Testing
@testable import FolioServe

/// The log's documented format (README, "Logs"): whatever a visitor's TERM, a user name or a
/// path holds, one event is one line, and reading the line back gives the text as it was.
@Suite struct LogLineTests {
    static let hostile = "xterm\r\n2026-11-23T10:00:00.000Z info folio.serve[1]: authenticated user=root login=marta.novak"
        + "\u{1b}[2K\u{1b}]0;pwned\u{07}\u{85}next\u{2028}line\u{202e}txet\u{2066}\u{feff}\u{7f}\"quoted\" back\\slash tab\there"

    func line(message: String = "session started", fields: [(String, Logger.MetadataValue)] = []) -> LogLine {
        LogLine(time: Date(timeIntervalSince1970: 1_795_428_000.25), level: .notice, label: "folio.serve", process: 4242,
                message: message, fields: fields.map { (key: $0.0, value: $0.1) })
    }

    @Test func textIsOneLineOfVisibleCharactersThatReadsBackAsItWas() throws {
        let text = line(message: Self.hostile, fields: [("term", .string(Self.hostile)), ("user", "amelie"), ("empty", "")]).rendered(.text)
        #expect(!text.unicodeScalars.contains { LogLine.mustEscape($0) }, "no control, separator or direction character: \(text)")
        #expect(text.hasPrefix("2026-11-23T10:00:00.250Z notice folio.serve[4242]: \""))
        let parsed = try #require(TextLogParser.parse(text))
        #expect(parsed.message == Self.hostile)
        #expect(parsed.fields.map(\.key) == ["term", "user", "empty"])
        #expect(parsed.fields[0].value == Self.hostile)
        #expect(parsed.fields[1].value == "amelie")
        #expect(parsed.fields[2].value == "")
        // The forged event is inside a quoted value, never at the start of a line.
        #expect(text.components(separatedBy: "\n").count == 1)
    }

    @Test func plainTextStaysUnquoted() {
        let text = line(message: "connection closed", fields: [("address", "127.0.0.1"), ("seconds", "12"), ("ending", "exited(0)")]).rendered(.text)
        #expect(text == "2026-11-23T10:00:00.250Z notice folio.serve[4242]: connection closed address=127.0.0.1 seconds=12 ending=exited(0)")
        // A message that could pass for a field is quoted, and so is a value with a space.
        let tricky = line(message: "user=root", fields: [("reason", "no such key")]).rendered(.text)
        #expect(tricky.hasSuffix(": \"user=root\" reason=\"no such key\""))
    }

    @Test func jsonIsOneObjectALineWithEveryTextExact() throws {
        let text = line(message: Self.hostile, fields: [("term", .string(Self.hostile)), ("time", "clash"),
                                                         ("sizes", .array(["80", "24"])), ("who", .dictionary(["login": "chen.wei"]))]).rendered(.json)
        #expect(!text.unicodeScalars.contains { LogLine.mustEscape($0) })
        #expect(!text.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["time"] as? String == "2026-11-23T10:00:00.250Z")
        #expect(object["level"] as? String == "notice")
        #expect(object["label"] as? String == "folio.serve")
        #expect(object["process"] as? Int == 4242)
        #expect(object["message"] as? String == Self.hostile)
        #expect(object["term"] as? String == Self.hostile)
        #expect(object["fields.time"] as? String == "clash", "a field named like a fixed key moves aside")
        #expect(object["sizes"] as? [String] == ["80", "24"])
        #expect((object["who"] as? [String: String])?["login"] == "chen.wei")
        #expect(text.contains("\\u001b") && text.contains("\\u0085") && text.contains("\\u2028") && text.contains("\\u202e"))
    }

    @Test func longTextIsCutAndKeysAreNames() throws {
        let long = String(repeating: "a", count: 10_000)
        let text = line(message: long, fields: [("bad key\n=", .string(long))]).rendered(.text)
        let parsed = try #require(TextLogParser.parse(text))
        #expect(parsed.message == String(repeating: "a", count: LogLine.maximumText) + "…")
        #expect(parsed.fields.first?.key == "bad_key__")
        #expect(text.count < 4_200)
    }

    @Test func aRotatedFileIsFollowed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state/folio.log").path
        let file = try LogFile(path: path)
        file.append("one\n")
        // logrotate's move: the next line goes to a new file at the path, without a signal.
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        file.append("two\n")
        #expect(try String(contentsOfFile: path + ".1", encoding: .utf8) == "one\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        file.reopen()
        file.append("three\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\nthree\n")
    }

    @Test func aLogThatCannotBeOpenedSaysWhy() {
        #expect(throws: LogFileError.self) { try LogFile(path: "/proc/folio-no/folio.log") }
    }
}

/// Reads a text log line back by the README's rules (the test's own reader, so the format
/// is checked against its description, not against the writer's code).
enum TextLogParser {
    struct Parsed {
        var head: String
        var message: String
        var fields: [(key: String, value: String)]
    }

    static func parse(_ line: String) -> Parsed? {
        guard let headEnd = line.range(of: "]: ") else { return nil }
        let head = String(line[..<headEnd.lowerBound]) + "]"
        var rest = Substring(line[headEnd.upperBound...])
        let message: String
        if rest.first == "\"" {
            guard let (text, after) = quoted(rest) else { return nil }
            message = text
            rest = after
        } else {
            // A bare message holds no `=`: it ends where the first word with one begins.
            var words = rest.split(separator: " ", omittingEmptySubsequences: false)
            var messageWords: [Substring] = []
            while let word = words.first, !word.contains("=") {
                messageWords.append(word)
                words.removeFirst()
            }
            message = messageWords.joined(separator: " ")
            rest = Substring(words.isEmpty ? "" : " " + words.joined(separator: " "))
        }
        var fields: [(key: String, value: String)] = []
        while !rest.isEmpty {
            guard rest.first == " ", let equals = rest.firstIndex(of: "=") else { return nil }
            let key = String(rest[rest.index(after: rest.startIndex)..<equals])
            rest = rest[rest.index(after: equals)...]
            if rest.first == "\"" {
                guard let (text, after) = quoted(rest) else { return nil }
                fields.append((key, text))
                rest = after
            } else {
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                fields.append((key, String(rest[..<end])))
                rest = rest[end...]
            }
        }
        return Parsed(head: head, message: message, fields: fields)
    }

    /// A quoted text at the start of `text`, unescaped, and what follows it.
    static func quoted(_ text: Substring) -> (String, Substring)? {
        var scalars = Substring(text.dropFirst()).unicodeScalars[...]
        var result = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\"": return (String(result), Substring(String(String.UnicodeScalarView(scalars))))
            case "\\":
                guard let next = scalars.popFirst() else { return nil }
                switch next {
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "u":
                    guard scalars.popFirst() == "{", let close = scalars.firstIndex(of: "}"),
                          let value = UInt32(String(String.UnicodeScalarView(scalars[..<close])), radix: 16),
                          let decoded = Unicode.Scalar(value) else { return nil }
                    result.append(decoded)
                    scalars = scalars[scalars.index(after: close)...]
                default: result.append(next)
                }
            default: result.append(scalar)
            }
        }
        return nil
    }
}
