import Foundation
import Testing

/// `folio serve` against a raw SSH client (Python's paramiko) that does what OpenSSH's
/// client never would: oversized window changes, many session channels on one connection,
/// a connection that never opens one.
@Suite("folio serve against a raw SSH client", .enabled(if: RawSSHClient.isAvailable), .serialized)
struct RawSSHClientTests {
    @Test func anOversizedWindowChangeIsClampedAndTheSessionLivesOn() throws {
        let server = try ServeProcess([])
        defer { server.stop() }
        let out = try RawSSHClient.run("resize", port: server.port)
        #expect(out["book"] as? Bool == true, "\(out)")
        #expect(out["drew_65535x65535"] as? Bool == true, "a frame at the clamped size: \(out)")
        #expect(out["drew_3000x3000"] as? Bool == true, "\(out)")
        #expect(out["back"] as? Bool == true, "\(out)")
        #expect(out["status"] as? Int == 0, "the interface quit normally, not killed: \(out)")
        let log = try String(contentsOf: server.logFile, encoding: .utf8)
        #expect(log.range(of: "folio\\.tui\\[[0-9]+\\]: resized to 1000×500", options: .regularExpression) != nil, "\(log.suffix(2000))")
        #expect(!log.contains("×-1"))
        #expect(log.contains("ending=exited(0)"))
    }

    @Test func oneConnectionGetsOneSession() throws {
        let server = try ServeProcess([])
        defer { server.stop() }
        let out = try RawSSHClient.run("channels", port: server.port)
        #expect(out["book"] as? Bool == true, "\(out)")
        #expect(out["refused"] as? Int == 3, "every further session channel refused: \(out)")
        #expect(out["status"] as? Int == 0, "\(out)")
        let log = try String(contentsOf: server.logFile, encoding: .utf8)
        #expect(log.contains("refused: a second session on one connection"))
    }

    @Test func oneAddressGetsItsShareOfSessions() throws {
        let server = try ServeProcess(["--max-per-address", "2"])
        defer { server.stop() }
        let out = try RawSSHClient.run("per-address", port: server.port, "2")
        #expect(out["first"] as? [Bool] == [true, true], "\(out)")
        #expect((out["extra"] as? String)?.contains("too many sessions from your address (2 at once)") == true, "\(out)")
        #expect(out["extraStatus"] as? Int == 1, "\(out)")
    }

    @Test func aConnectionWithoutASessionIsClosedAtTheIdleTimeout() throws {
        let server = try ServeProcess(["--idle-timeout", "3s"])
        defer { server.stop() }
        let out = try RawSSHClient.run("no-channel", port: server.port, "30")
        #expect(out["closed"] as? Bool == true, "\(out)")
        #expect((out["seconds"] as? Double ?? 99) < 15, "\(out)")
        let log = try String(contentsOf: server.logFile, encoding: .utf8)
        #expect(log.contains("closing a connection with no session"))
    }
}

/// The raw client: a paramiko script written to a temporary file, run per test, printing JSON.
enum RawSSHClient {
    /// CI installs paramiko (`.ci/run`): there the tests always run.
    static let isAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        guard let python = MailTools.python else { return false }
        return (try? MailTools.run(python, ["-c", "import paramiko"]))?.status == 0
    }()

    static func run(_ mode: String, port: Int, _ more: String...) throws -> [String: Any] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("folio-raw-ssh-\(UUID().uuidString).py").path
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try MailTools.run(MailTools.python!, [path, mode, "\(port)"] + more)
        #expect(result.status == 0, "the client failed: \(result.stderr)")
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? "{}"
        return try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any] ?? [:]
    }

    static let script = #"""
import json, sys, time, paramiko

def connect(port, user="demo"):
    t = paramiko.Transport(("127.0.0.1", port))
    t.start_client(timeout=30)
    try:
        t.auth_none(user)
    except paramiko.BadAuthenticationType:
        t.auth_password(user, "x")
    return t

def shell(t, width=80, height=24):
    ch = t.open_session(timeout=30)
    ch.get_pty(term="xterm", width=width, height=height)
    ch.invoke_shell()
    return ch

def read_until(ch, buf, want, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if want(buf): return buf, True
        if ch.recv_ready(): buf += ch.recv(1 << 20); continue
        if ch.recv_stderr_ready(): buf += ch.recv_stderr(1 << 20); continue
        if ch.exit_status_ready() or ch.closed: return buf, want(buf)
        time.sleep(0.01)
    return buf, want(buf)

mode, port = sys.argv[1], int(sys.argv[2])
if mode == "resize":
    t = connect(port); ch = shell(t)
    buf, ok = read_until(ch, b"", lambda b: b"Book of" in b, 120)
    out = {"book": ok}
    for w, h in [(65535, 65535), (3000, 3000)]:
        ch.resize_pty(width=w, height=h)
        mark = len(buf)
        buf, ok = read_until(ch, buf, lambda b: len(b) > mark + 10000, 120)
        out["drew_%dx%d" % (w, h)] = ok
    ch.resize_pty(width=100, height=30)
    mark = len(buf)
    buf, ok = read_until(ch, buf, lambda b: b"Book of" in b[mark:], 120)
    out["back"] = ok
    ch.send(b"q")
    deadline = time.time() + 60
    while not ch.exit_status_ready() and time.time() < deadline: time.sleep(0.02)
    out["status"] = ch.recv_exit_status() if ch.exit_status_ready() else None
    print(json.dumps(out))
elif mode == "channels":
    t = connect(port); ch = shell(t)
    buf, ok = read_until(ch, b"", lambda b: b"Book of" in b, 120)
    refused = 0
    for _ in range(3):
        try:
            t.open_session(timeout=10)
        except paramiko.ChannelException:
            refused += 1
    # The first session is still there and answers.
    ch.send(b"q")
    deadline = time.time() + 60
    while not ch.exit_status_ready() and time.time() < deadline: time.sleep(0.02)
    print(json.dumps({"book": ok, "refused": refused, "status": ch.recv_exit_status() if ch.exit_status_ready() else None}))
elif mode == "per-address":
    n = int(sys.argv[3])
    chans = []
    for i in range(n):
        t = connect(port); ch = shell(t)
        buf, ok = read_until(ch, b"", lambda b: b"Book of" in b or b"folio:" in b, 120)
        chans.append((t, ch, buf))
    extra_t = connect(port); extra = shell(extra_t)
    ebuf, _ = read_until(extra, b"", lambda b: b"too many sessions" in b, 60)
    deadline = time.time() + 30
    while not extra.exit_status_ready() and time.time() < deadline: time.sleep(0.02)
    out = {"first": [b"Book of" in b for _, _, b in chans], "extra": ebuf.decode("utf-8", "replace")[-300:],
           "extraStatus": extra.recv_exit_status() if extra.exit_status_ready() else None}
    for t, ch, _ in chans: ch.send(b"q")
    print(json.dumps(out))
elif mode == "no-channel":
    t = connect(port)
    start = time.time()
    deadline = start + float(sys.argv[3])
    while t.is_active() and time.time() < deadline: time.sleep(0.05)
    print(json.dumps({"closed": not t.is_active(), "seconds": round(time.time() - start, 1)}))
"""#
}
