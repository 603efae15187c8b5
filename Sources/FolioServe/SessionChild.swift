import CSessionTerminal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One visitor's `folio tui`: a child process in a pseudo-terminal of its own, so a crash
/// or hang in one session never touches another.
final class SessionChild: Sendable {
    /// How the child ended.
    enum Ending: Sendable, Equatable {
        case exited(Int)
        case signalled(Int32)
    }

    let pid: Int32
    /// The terminal's controller side; the session reads and writes a duplicate of it.
    let controller: Int32

    /// The largest window a client may give a session: the interface's own limit
    /// (`ScreenSize.maximum` in FolioTUI, which clamps again whatever it is given). A client
    /// asking for 65535×65535 gets this, never an overflow or a gigabyte of screen.
    static let maximumColumns = 1_000
    static let maximumRows = 500

    /// A size a client asked for, within 1…maximum; 0 (not said, RFC 4254 §6.2) is 80×24.
    static func windowSize(columns: Int, rows: Int) -> (columns: Int, rows: Int) {
        (columns > 0 ? min(columns, maximumColumns) : 80, rows > 0 ? min(rows, maximumRows) : 24)
    }

    /// Starts `arguments[0]` with `arguments` and exactly `environment`.
    init(executable: String, arguments: [String], environment: [String: String], columns: Int, rows: Int) throws {
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var controller: Int32 = -1
        let size = Self.windowSize(columns: columns, rows: rows)
        let pid = folio_spawn_in_terminal(executable, argv, envp, UInt16(size.rows), UInt16(size.columns), &controller)
        guard pid > 0 else {
            throw ServeError("cannot start \(executable) in a pseudo-terminal (\(String(cString: strerror(errno))))")
        }
        self.pid = pid
        self.controller = controller
    }

    /// Sets the window size; the kernel sends the child SIGWINCH.
    func resize(columns: Int, rows: Int) {
        let size = Self.windowSize(columns: columns, rows: rows)
        _ = folio_terminal_resize(controller, UInt16(size.rows), UInt16(size.columns))
    }

    /// What a terminal does when its line drops: SIGHUP to the child's session; SIGKILL
    /// after `grace` seconds if it is still there.
    func hangUp(grace: Double = 5) {
        _ = kill(-pid, SIGHUP)
        _ = kill(pid, SIGHUP)
        let pid = self.pid
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) {
            // kill(pid, 0) succeeds for a zombie too; waitFor… reaps it, so ESRCH means gone.
            if kill(pid, 0) == 0 { _ = kill(-pid, SIGKILL); _ = kill(pid, SIGKILL) }
        }
    }

    /// Closes the controller; the session does so on its loop once the child has ended.
    func closeController() {
        close(controller)
    }

    /// Waits for the child on a thread of its own, then calls `done` there.
    func whenEnded(_ done: @escaping @Sendable (Ending) -> Void) {
        let pid = self.pid
        let thread = Thread {
            let status = folio_wait_child(pid)
            if status == -1 {
                done(.exited(255))
            } else if folio_status_exited(status) != 0 {
                done(.exited(Int(folio_status_exit_code(status))))
            } else {
                done(.signalled(folio_status_signal(status)))
            }
        }
        thread.name = "folio-serve-wait-\(pid)"
        thread.stackSize = 64 * 1024
        thread.start()
    }
}
