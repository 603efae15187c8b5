#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// Turns SIGTERM, SIGHUP (an SSH drop), SIGINT and SIGWINCH into something the key loop
/// can see, with the self-pipe trick: the handler only `write`s one byte
/// (async-signal-safe), and `Terminal.readKey` drains the pipe. The handlers are installed
/// without SA_RESTART, so a signal also cuts the key read short. Installed before
/// `newterm`, the SIGWINCH one keeps ncurses from resizing on its own: the terminal reads
/// the new size itself and clamps it before curses allocates anything.
enum SignalRelay {
    static let handledSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGWINCH]

    /// What arrived since the last look: the last signal that stops the loop, and whether
    /// the window changed.
    struct Pending {
        var stop: Int32?
        var resized = false
    }

    /// Created once, before any handler can run; both ends non-blocking.
    static let pipeEnds: (read: Int32, write: Int32) = {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return (-1, -1) }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        return (ends[0], ends[1])
    }()

    static func install() {
        _ = pipeEnds
        for signal in handledSignals {
            _ = folio_install_signal_handler(signal, relaySignal)
        }
    }

    static func uninstall() {
        for signal in handledSignals {
            _ = folio_reset_signal_handler(signal)
        }
    }

    /// The signals received since the previous call.
    static func takePending() -> Pending {
        var byte: UInt8 = 0
        var pending = Pending()
        while read(pipeEnds.read, &byte, 1) == 1 {
            if Int32(byte) == SIGWINCH { pending.resized = true } else { pending.stop = Int32(byte) }
        }
        return pending
    }
}

private func relaySignal(_ signal: Int32) {
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(SignalRelay.pipeEnds.write, &byte, 1)
    errno = savedErrno
}
