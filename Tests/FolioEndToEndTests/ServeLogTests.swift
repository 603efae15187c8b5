import Foundation
import Testing

/// `folio serve`'s log (README, "Logs"): a visitor's hostile TERM and user name reach the
/// log of the server and of their interface escaped, in text and in JSON, so nobody can add
/// a line; SIGHUP reopens the file after logrotate moved it.
@Suite("folio serve's log", .enabled(if: ServeProcess.isAvailable), .serialized)
struct ServeLogTests {
    /// CR LF and a whole forged event, escape sequences (clear line, set the title), NEL, the
    /// Unicode line separator, a right-to-left override, a byte-order mark, DEL.
    static let forged = "2026-11-23T10:00:00.000Z info folio.serve[1]: authenticated user=root login=marta.novak"
    static let hostileTerm = "xterm\r\n\(forged)\u{1b}[2K\u{1b}]0;pwned\u{07}\u{85}x\u{2028}y\u{202e}z\u{feff}\u{7f}"
    static let hostileUser = "visitor\u{1b}[31m\u{202e}evil"

    /// Connects with the hostile TERM and user and waits (idle timeout 2 s) for the session to end.
    func visitWithHostileTerminal(_ server: ServeProcess, log: URL) throws {
        let visit = try server.ssh(["-tt"], user: Self.hostileUser, timeout: 60, environment: ["TERM": Self.hostileTerm])
        #expect(visit.stdout.contains("Book of Marta"), "the interface was shown: \(visit.stderr)")
        ServeProcess.waitUntil("the session's end in the log") {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("session ended")
        }
    }

    /// Every line is one event: it starts as the format says and holds nothing invisible.
    func expectOneEventPerLine(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(text.hasSuffix("\n") && !lines.isEmpty, sourceLocation: sourceLocation)
        for line in lines {
            let invisible = line.unicodeScalars.filter {
                $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || [0x2028, 0x2029, 0x202E, 0xFEFF].contains($0.value)
            }
            #expect(invisible.isEmpty, "a line holds \(invisible.map { String($0.value, radix: 16) }): \(line)", sourceLocation: sourceLocation)
            #expect(!line.hasPrefix(Self.forged), "a forged line: \(line)", sourceLocation: sourceLocation)
        }
    }

    @Test func aHostileTermIsEscapedInTheTextLog() throws {
        let server = try ServeProcess(["--idle-timeout", "2s"])
        defer { server.stop() }
        try visitWithHostileTerminal(server, log: server.logFile)
        let text = try String(contentsOf: server.logFile, encoding: .utf8)
        expectOneEventPerLine(text)
        let head = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (trace|debug|info|notice|warning|error|critical) [A-Za-z0-9._-]+\[\d+\]: /#
        for line in text.split(separator: "\n") {
            #expect(line.prefixMatch(of: head) != nil, "the line's head: \(line)")
        }
        // The server's line and the interface's note both carry the TERM, escaped and quoted.
        let escapedTerm = #""xterm\r\n2026-11-23T10:00:00.000Z info folio.serve[1]: authenticated user=root login=marta.novak\u{1b}[2K\u{1b}]0;pwned\u{7}\u{85}x\u{2028}y\u{202e}z\u{feff}\u{7f}""#
        #expect(text.contains("folio.serve[\(server.process.processIdentifier)]: session started"))
        #expect(text.contains("term=\(escapedTerm)"), "the server's session line:\n\(text)")
        #expect(text.contains("user=\"visitor\\u{1b}[31m\\u{202e}evil\""))
        #expect(text.contains("folio.tui["), "the interface logs to the same file")
        #expect(text.contains(": \"no terminfo entry for TERM=xterm\\r\\n2026-11-23T10:00:00.000Z info folio.serve[1]: authenticated"))
    }

    @Test func theJSONLogKeepsEveryTextExactAndSIGHUPReopensIt() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("folio-serve-log-\(UUID().uuidString)/serve.log")
        defer { try? FileManager.default.removeItem(at: log.deletingLastPathComponent()) }
        let server = try ServeProcess(["--idle-timeout", "2s", "--log-format", "json", "--log", log.path])
        defer { server.stop() }
        #expect(server.printed.contains("log: \(log.path) (json)"))
        try visitWithHostileTerminal(server, log: log)
        let text = try String(contentsOf: log, encoding: .utf8)
        expectOneEventPerLine(text)
        let events = try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
        for event in events {
            #expect(Set(event.keys).isSuperset(of: ["time", "level", "label", "process", "message"]))
        }
        let started = try #require(events.first { $0["message"] as? String == "session started" })
        #expect(started["term"] as? String == Self.hostileTerm)
        #expect(started["user"] as? String == Self.hostileUser)
        #expect(started["label"] as? String == "folio.serve")
        let note = try #require(events.first { $0["label"] as? String == "folio.tui" && ($0["message"] as? String ?? "").hasPrefix("no terminfo entry") })
        #expect(note["message"] as? String == "no terminfo entry for TERM=\(Self.hostileTerm); using xterm-256color")

        // logrotate moves the file away and signals the server: it writes to a new file at the path.
        try FileManager.default.moveItem(at: log, to: log.appendingPathExtension("1"))
        kill(server.process.processIdentifier, SIGHUP)
        ServeProcess.waitUntil("the reopened log") { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("log reopened") }
        #expect(server.process.isRunning, "SIGHUP does not stop the server")
        let reopened = try String(contentsOf: log, encoding: .utf8)
        #expect(try JSONSerialization.jsonObject(with: Data(reopened.split(separator: "\n")[0].utf8)) is [String: Any])
        #expect(try String(contentsOf: log.appendingPathExtension("1"), encoding: .utf8) == text)
    }
}
