import Foundation
import Testing

/// A `folio serve` of the test's own on 127.0.0.1 and a port the system picked, with its
/// host key, temporary folder (where the demo copies live) and log in a private home;
/// and the real OpenSSH client to reach it.
final class ServeProcess {
    let folio = Folio()
    let process = Process()
    private(set) var port = 0
    private let output: URL

    static var isAvailable: Bool {
        TmuxSession.isAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen")
    }

    /// The folder `folio serve` makes its demo copies in (under this TMPDIR).
    var temporaryFolder: URL { folio.home.appendingPathComponent("tmp") }
    var logFile: URL { folio.home.appendingPathComponent("state/folio/folio.log") }

    init(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        output = folio.home.appendingPathComponent("serve.out")
        try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = Folio.binary
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--host-key", folio.home.appendingPathComponent("host_key").path]
            + arguments
        process.environment = ["HOME": folio.home.path, "XDG_DATA_HOME": folio.home.appendingPathComponent("data").path,
                               "XDG_STATE_HOME": folio.home.appendingPathComponent("state").path,
                               "TMPDIR": temporaryFolder.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && process.isRunning {
            if let range = printed.range(of: "connect: ssh -p [0-9]+ ", options: .regularExpression),
               let port = Int(printed[range].dropFirst("connect: ssh -p ".count).dropLast()) {
                self.port = port
                return
            }
            usleep(50_000)
        }
        Issue.record("folio serve did not start; it printed:\n\(printed)", sourceLocation: sourceLocation)
    }

    deinit { stop() }

    var printed: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    /// SIGTERM, as Ctrl-C would; SIGKILL if it is still there after 10 s.
    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        folio.remove()
    }

    /// Makes Ed25519 client keys in `folder` (before any server is started): each call
    /// returns the private key's path and the public line.
    static func keyMaker(in folder: URL) throws -> (String) throws -> (path: String, publicLine: String) {
        { name in
            let path = folder.appendingPathComponent(name).path
            let result = try runTool("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path], home: folder.path)
            #expect(result.status == 0, "ssh-keygen: \(result.stderr)")
            return (path, try String(contentsOfFile: path + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// The OpenSSH client's options for this server: no config file, no known hosts, never a prompt.
    func sshOptions(key: String?) -> [String] {
        ["-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
         "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityFile=\(key ?? "/dev/null")"]
    }

    /// `ssh -tt … USER@127.0.0.1` as one shell command line, for a tmux pane.
    func interactiveCommand(user: String, key: String? = nil) -> String {
        (["ssh", "-tt", "-p", "\(port)"] + sshOptions(key: key) + ["\(user)@127.0.0.1"]).map(TmuxSession.quote).joined(separator: " ")
    }

    /// Runs the ssh client (or sftp) to the end, killed after `timeout` seconds.
    func ssh(_ options: [String] = [], command: [String] = [], user: String, key: String? = nil, tool: String = "ssh",
             timeout: Double = 30, environment: [String: String] = [:]) throws -> Folio.Result {
        let port = tool == "sftp" ? ["-P", "\(self.port)"] : ["-p", "\(self.port)"]
        return try Self.runTool("/usr/bin/\(tool)", port + sshOptions(key: key) + options + ["\(user)@127.0.0.1"] + command,
                                home: folio.home.path, timeout: timeout, environment: environment)
    }

    static func runTool(_ path: String, _ arguments: [String], home: String, timeout: Double = 30,
                        environment: [String: String] = [:], in folder: String? = nil) throws -> Folio.Result {
        let tool = Process()
        tool.executableURL = URL(fileURLWithPath: path)
        tool.arguments = arguments
        tool.environment = ["HOME": home, "PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        if let folder { tool.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe()
        tool.standardOutput = out
        tool.standardError = err
        tool.standardInput = FileHandle.nullDevice
        try tool.run()
        let watchdog = DispatchWorkItem { if tool.isRunning { tool.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let group = DispatchGroup()
        nonisolated(unsafe) var stdout = Data()
        group.enter()
        DispatchQueue.global().async { stdout = out.fileHandleForReading.readToEndSurvivingSignals(); group.leave() }
        let stderr = err.fileHandleForReading.readToEndSurvivingSignals()
        group.wait()
        tool.waitUntilExit()
        watchdog.cancel()
        return Folio.Result(status: tool.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The visitors' database copies now in the server's folder.
    func visitorDatabases() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: temporaryFolder.path)
        return (enumerator?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".db") && $0.contains("visitor-") }
            .map { temporaryFolder.appendingPathComponent($0).path }.sorted()
    }

    /// The pid of the `folio tui` running on `database`, from /proc.
    static func interfacePID(database: String) -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if words.contains("tui"), words.contains(database) { return pid }
        }
        return nil
    }

    /// Waits until `condition` holds; records an issue saying `description` when 15 s pass.
    @discardableResult
    static func waitUntil(_ description: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation,
                          _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        Issue.record("timed out waiting for \(description)", sourceLocation: sourceLocation)
        return false
    }
}
