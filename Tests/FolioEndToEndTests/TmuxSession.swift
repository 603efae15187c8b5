import Foundation
import Testing

/// Drives the real binary in tmux on a private server socket, as a person would: waits
/// for text by polling the pane with a deadline (never a fixed sleep), presses keys,
/// resizes, quits, and checks the terminal was given back.
final class TmuxSession {
    let socket = "folio-e2e-\(UUID().uuidString.prefix(8))"
    let folio = Folio()

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux") }

    /// Runs `folio ARGUMENTS` in the pane and then prints `FOLIO-EXITED-<status>`. With
    /// `inShell`, the pane is an interactive shell with job control (for Ctrl-Z and `fg`)
    /// and folio is typed at its `$ ` prompt; the test types what follows.
    init(width: Int, height: Int, arguments: String, environment: [String: String] = [:], inShell: Bool = false) throws {
        var env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": folio.home.path,
                   "XDG_STATE_HOME": folio.home.appendingPathComponent("state").path,
                   "XDG_DATA_HOME": folio.home.appendingPathComponent("data").path]
        env.merge(environment) { $1 }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let folio = "env \(exports) '\(Folio.binary.path)' \(arguments)"
        guard inShell else {
            try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "\(folio); " + Self.exitMarker + "; sleep 60"])
            return
        }
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "env PS1='$ ' bash --norc --noprofile -i"])
        waitFor("the shell's prompt") { $0.hasPrefix("$") }
        try tmux(["send-keys", "-l", folio])
        try send("Enter")
    }

    /// Prints the status on a line of its own: a process killed with -9 leaves the terminal
    /// raw (no carriage return on a newline), and the marker must not wrap wherever the
    /// shell's "Killed" line happened to end.
    static let exitMarker = #"printf '\r\nFOLIO-EXITED-%s\r\n' $?"#

    /// Runs any shell `command` in the pane (an SSH client, say), then prints
    /// `FOLIO-EXITED-<status>`.
    init(width: Int, height: Int, command: String) throws {
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "\(command); " + Self.exitMarker + "; sleep 60"])
    }

    deinit {
        _ = try? tmux("kill-server")
        folio.remove()
    }

    /// Runs a tmux command on the private socket and returns its output. Through
    /// popen rather than Process: the server a `new-session` forks must not inherit
    /// a pipe, and popen's child is reaped by pclose itself.
    @discardableResult
    func tmux(_ arguments: String...) throws -> String {
        try tmux(arguments)
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let words = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        let command = words.map(Self.quote).joined(separator: " ") + " 2>/dev/null </dev/null"
        guard let pipe = popen(command, "r") else { throw CocoaError(.fileReadUnknown) }
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        pclose(pipe)
        return String(decoding: output, as: UTF8.self)
    }

    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    func screen() -> String { (try? tmux("capture-pane", "-p")) ?? "" }

    func send(_ keys: String...) throws {
        try tmux(["send-keys"] + keys)
    }

    /// Waits until the pane shows `text` (or `predicate` holds); records an issue with
    /// the screen when the deadline passes.
    @discardableResult
    func waitFor(_ description: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation,
                 _ predicate: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if predicate(last) { return last }
            usleep(20_000)
        }
        Issue.record("timed out waiting for \(description); the screen was:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    @discardableResult
    func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        waitFor("\"\(text)\"", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    func selectedLine(_ screen: String) -> String? {
        screen.split(separator: "\n").first { $0.hasPrefix("▸") }.map(String.init)
    }
}

/// The first line of a screen: the title bar.
func title(_ screen: String) -> String { screen.split(separator: "\n").first.map(String.init) ?? "" }

/// The title says "3 of 26 accounts" while a filter hides some.
func isFiltered(_ screen: String) -> Bool { title(screen).range(of: "[0-9]+ of [0-9]+ accounts", options: .regularExpression) != nil }
