#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// A pseudo-terminal pair: the `device` side is a real terminal for `Terminal.open`,
/// the `controller` side is what a terminal emulator would hold. The built-in SSH
/// server gives each session one; tests drive a headless screen with it.
public final class PseudoTerminal {
    /// The emulator's side: read what the application drew, write the keys it receives.
    public let controller: Int32
    /// The terminal's side: pass it as `input` and `output` to `Terminal.open`.
    public let device: Int32

    public init(width: Int, height: Int) throws {
        var controller: Int32 = -1
        var device: Int32 = -1
        guard folio_open_pty(&controller, &device, UInt16(clamping: height), UInt16(clamping: width)) == 0 else {
            throw TerminalError.initializationFailed("cannot open a pseudo-terminal (errno \(errno))")
        }
        _ = fcntl(controller, F_SETFL, fcntl(controller, F_GETFL) | O_NONBLOCK)
        self.controller = controller
        self.device = device
    }

    deinit {
        close(device)
        close(controller)
    }

    /// Changes the window size, as an emulator does when its window is resized
    /// (the kernel then sends SIGWINCH to the terminal's foreground process group).
    public func setSize(width: Int, height: Int) {
        _ = folio_set_pty_size(controller, UInt16(clamping: height), UInt16(clamping: width))
    }

    /// Sends bytes as if typed.
    public func type(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(controller, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// Everything the application has written so far, without waiting. Reading it also
    /// keeps the application from blocking on a full pty buffer.
    public func readAvailableOutput() -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            output += chunk.prefix(count)
        }
        return output
    }
}
