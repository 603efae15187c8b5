import Foundation
import Testing

/// The mail tools the delivery tests use for real: msmtp (Debian) and aiosmtpd (PyPI).
/// `.ci/run` installs both; elsewhere the tests run when they are there.
enum MailTools {
    static let python: String? = which("python3")
    static let msmtp: String? = which("msmtp")

    static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static let hasSMTPServer: Bool = {
        guard let python else { return false }
        return (try? run(python, ["-c", "import aiosmtpd"]))?.status == 0
    }()

    static var available: Bool { ProcessInfo.processInfo.environment["CI"] != nil || (msmtp != nil && hasSMTPServer) }

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        nonisolated(unsafe) var stdout = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { stdout = out.fileHandleForReading.readToEndSurvivingSignals(); group.leave() }
        let stderr = err.fileHandleForReading.readToEndSurvivingSignals()
        group.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// Reads a Maildir back with Python's mail parser: one object per message, headers decoded.
    static func parse(maildir: String) throws -> [[String: String]] {
        let script = """
            import json, mailbox, sys, email.policy
            from email import message_from_bytes
            out = []
            for key in sorted(mailbox.Maildir(sys.argv[1], factory=None, create=False).keys()):
                raw = mailbox.Maildir(sys.argv[1], factory=None, create=False).get_bytes(key)
                m = message_from_bytes(raw, policy=email.policy.default)
                out.append({"from": str(m["From"]), "to": str(m["To"]), "subject": str(m["Subject"]),
                            "messageId": str(m["Message-ID"]), "date": str(m["Date"]), "defects": str(len(m.defects)),
                            "bcc": str(m["Bcc"]), "body": m.get_content()})
            print(json.dumps(out))
            """
        let result = try run(python!, ["-c", script, maildir])
        guard result.status == 0 else { throw ToolFailure(message: result.stderr) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: String]] ?? []
    }

    struct ToolFailure: Error { var message: String }
}

/// A real SMTP server on 127.0.0.1 (aiosmtpd), writing what it receives into a Maildir.
final class SMTPServer {
    let port: Int
    let maildir: String
    private let process = Process()

    init(folder: URL) throws {
        maildir = folder.appendingPathComponent("received").path
        var chosen = 0
        // A free port: bind to 0 and read what the kernel gave.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = bind(fd, $0, len); _ = getsockname(fd, $0, &len) }
        }
        chosen = Int(UInt16(bigEndian: addr.sin_port))
        close(fd)
        port = chosen
        process.executableURL = URL(fileURLWithPath: MailTools.python!)
        process.arguments = ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait (with a deadline) until it accepts connections.
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if Self.accepts(port) { return }
            usleep(50_000)
        }
        stop()
        throw MailTools.ToolFailure(message: "the SMTP server did not start on 127.0.0.1:\(port)")
    }

    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// aiosmtpd ignores SIGTERM while serving: an interrupt, then a kill if it lingers.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

@Suite("folio recover and folio outbox", .serialized)
struct OutboxCommandTests {
    /// A moment on the demo's day when the European and American accounts are at work.
    static let demoAfternoon = "2026-11-23T15:00:00Z"

    @Test func theDemoHasDraftsAndScheduledEmailsBornFromItsAlerts() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let outbox = try #require(try folio.json("outbox", "--json", "--user", "helena.vasquez") as? [[String: Any]])
        let states = Set(outbox.compactMap { $0["state"] as? String })
        #expect(states.isSuperset(of: ["draft", "scheduled"]), "\(states)")
        let sequences = Set(outbox.compactMap { $0["sequence"] as? String })
        #expect(sequences.isSubset(of: ["product-optimization", "re-engagement", "onboarding-rescue", "expansion", "detractor-follow-up"]))
        for m in outbox {
            for field in ["id", "account", "contact", "to", "subject", "state", "scheduledAt", "sequence", "step"] {
                #expect(m[field] != nil, "\(field) missing in \(m)")
            }
        }
        // A CSM sees only their own book's.
        let chen = try #require(try folio.json("outbox", "--json", "--user", "chen.wei") as? [[String: Any]])
        #expect(chen.count < outbox.count)
    }

    @Test func thePreviewShowsEveryStepAsTheCustomerGetsItAndNoScore() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let before = try folio.run("outbox", "--json", "--all", "--user", "chen.wei").stdout
        let result = try folio.run("recover", "ACC-0081", "--preview", "--user", "chen.wei")
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(text.contains("product-optimization"))
        #expect(text.contains("── step 1 of 3"))
        #expect(text.contains("── step 3 of 3"))
        #expect(text.contains("Subject: A few ideas for"))
        #expect(text.contains("fell 48 % over the last four weeks"), "\(text)")
        for word in ["score", "health", "risk", "churn"] { #expect(!text.lowercased().contains(word), "the preview says \(word)") }
        #expect(try folio.run("outbox", "--json", "--all", "--user", "chen.wei").stdout == before)
        // Starting it for real: the CSM's own account, as the CSM.
        let started = try folio.run("recover", "ACC-0027", "--user", "chen.wei")
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.contains("started onboarding-rescue on ACC-0027"), "\(started.stdout)")
        let again = try folio.run("recover", "ACC-0027", "--user", "chen.wei")
        #expect(again.status == 1 && again.stderr.contains("is already in onboarding-rescue"), "\(again.stderr)")
        let other = try folio.run("recover", "ACC-0027", "--user", "lucia.fernandez", "--stop")
        #expect(other.status == 1 && other.stderr.contains("may not email"), "\(other.stderr)")
    }

    @Test(.enabled(if: MailTools.available)) func msmtpDeliversToALocalSMTPServerExactlyOnce() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let server = try SMTPServer(folder: folio.home)
        defer { server.stop() }
        let msmtp = "\(try #require(MailTools.msmtp)) --host=127.0.0.1 --port=\(server.port) --auth=off --tls=off --read-envelope-from -t"
        let first = try folio.run("outbox", "send", "--sendmail", msmtp, "--at", Self.demoAfternoon, "--json")
        #expect(first.status == 0, "\(first.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let sent = try #require(report["sent"] as? [[String: Any]])
        #expect(!sent.isEmpty, "\(first.stdout)")
        let received = try MailTools.parse(maildir: server.maildir)
        #expect(received.count == sent.count)
        let outbox = try #require(try folio.json("outbox", "--json", "--all", "--user", "helena.vasquez") as? [[String: Any]])
        for mail in received {
            let stored = try #require(outbox.first { $0["messageId"] as? String == mail["messageId"] }, "\(mail)")
            #expect(stored["state"] as? String == "sent")
            #expect(mail["subject"] == stored["subject"] as? String)
            #expect(mail["to"]?.contains(stored["to"] as? String ?? "?") == true)
            #expect(mail["from"]?.contains("@folio-demo.example") == true)
            #expect(mail["date"]?.hasSuffix("+0000") == true)
            #expect(mail["defects"] == "0")
            #expect(mail["bcc"] == "None")
            #expect(mail["body"]?.hasPrefix("Hi ") == true)
        }
        // The second run delivers nothing again.
        let second = try folio.run("outbox", "send", "--sendmail", msmtp, "--at", Self.demoAfternoon, "--json")
        #expect(second.status == 0, "\(second.stderr)")
        let again = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect((again["sent"] as? [Any])?.isEmpty == true)
        #expect(try MailTools.parse(maildir: server.maildir).count == received.count)
    }

    @Test(.enabled(if: MailTools.available)) func aMissingOrFailingSendmailKeepsTheEmailQueued() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let missing = try folio.run("outbox", "send", "--sendmail", "no-such-mailer -t", "--at", Self.demoAfternoon)
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("the sendmail command cannot be run (not found): no-such-mailer -t"), "\(missing.stdout)")
        #expect(missing.stdout.contains("attempt 1 of 5, next in 15 min"), "\(missing.stdout)")
        let outbox = try #require(try folio.json("outbox", "--json", "--user", "helena.vasquez") as? [[String: Any]])
        #expect(outbox.contains { $0["attempts"] as? Int == 1 && $0["state"] as? String == "scheduled" && ($0["lastError"] as? String)?.contains("not found") == true })
        #expect(!outbox.contains { $0["state"] as? String == "sent" })
    }

    @Test(.enabled(if: MailTools.available)) func aMaildirReceivesMessagesThatParse() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let maildir = folio.home.appendingPathComponent("Mail").path
        let result = try folio.run("outbox", "send", "--maildir", maildir, "--at", Self.demoAfternoon)
        #expect(result.status == 0, "\(result.stderr)")
        let received = try MailTools.parse(maildir: maildir)
        #expect(!received.isEmpty)
        #expect(received.allSatisfy { $0["defects"] == "0" && $0["messageId"]?.hasPrefix("<folio.") == true })
        // Names and subjects come back as they were written (decoded when not ASCII).
        let outbox = try #require(try folio.json("outbox", "--json", "--all", "--user", "helena.vasquez") as? [[String: Any]])
        for mail in received {
            let stored = try #require(outbox.first { $0["messageId"] as? String == mail["messageId"] })
            #expect(mail["subject"] == stored["subject"] as? String)
            #expect(mail["to"]?.contains(stored["contactName"] as? String ?? "?") == true, "\(mail)")
        }
    }
}
