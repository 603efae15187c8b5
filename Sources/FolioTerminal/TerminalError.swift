/// Why the terminal could not be used. `message` is the one line printed on stderr;
/// `exitCode` is what the process exits with (2 for setup problems, DESIGN §1.2).
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is a pipe or a file.
    case notATerminal(stream: String)
    /// TERM is unset or empty.
    case terminalTypeUnset
    /// No terminfo entry for TERM, and none of the fallbacks either.
    case unknownTerminalType(String)
    /// The terminfo entry exists but cannot move the cursor (`dumb`, a printer).
    case noCursorAddressing(String)
    /// ncurses refused to start (newterm failed).
    case initializationFailed(String)
    /// SIGTERM, SIGHUP or SIGINT arrived; the caller restores and exits.
    case interrupted(signal: Int32)

    public var message: String {
        switch self {
        case .notATerminal(let stream):
            return "\(stream) is not a terminal; the interactive screen needs one"
        case .terminalTypeUnset:
            return "TERM is not set; set it to your terminal type (for example TERM=xterm-256color)"
        case .unknownTerminalType(let name):
            return "unknown terminal type \"\(name)\" (no terminfo entry); set TERM to a known type such as xterm-256color"
        case .noCursorAddressing(let name):
            return "terminal type \"\(name)\" cannot address the cursor; use a full-screen terminal"
        case .initializationFailed(let detail):
            return "could not start the terminal interface: \(detail)"
        case .interrupted(let signal):
            return "interrupted by signal \(signal)"
        }
    }

    public var exitCode: Int32 {
        if case .interrupted(let signal) = self { return 128 + signal }
        return 2
    }

    public var description: String { message }
}
