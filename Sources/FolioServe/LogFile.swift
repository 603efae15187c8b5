import Foundation

/// One log file shared by every logger of a process; writes are serialized. It follows the
/// file when it is rotated: a `reopen()` (on SIGHUP), or a write finding that the path now
/// names another file (or none), opens the path afresh, so logrotate may move it away.
public final class LogFile: @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var descriptor: Int32
    private var identity: (device: UInt64, inode: UInt64)

    /// Opens `path` for appending, creating it (mode 0600) and its folder.
    public init(path: String) throws(LogFileError) {
        self.path = path
        (descriptor, identity) = try Self.openFile(path)
    }

    deinit { close(descriptor) }

    public func append(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        if !pathStillNamesOurFile() { reopenLocked() }
        var bytes = Array(line.utf8)
        var offset = 0
        // O_APPEND puts each write at the end, even with other processes writing: one write per line.
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Closes and opens the path again (after logrotate moved the file, say).
    public func reopen() {
        lock.lock()
        defer { lock.unlock() }
        reopenLocked()
    }

    private func reopenLocked() {
        guard let (fresh, id) = try? Self.openFile(path) else { return }
        close(descriptor)
        descriptor = fresh
        identity = id
    }

    private func pathStillNamesOurFile() -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return UInt64(info.st_dev) == identity.device && UInt64(info.st_ino) == identity.inode
    }

    private static func openFile(_ path: String) throws(LogFileError) -> (Int32, (device: UInt64, inode: UInt64)) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw LogFileError(path: path, reason: "cannot create its folder \(folder.path)")
        }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LogFileError(path: path, reason: String(cString: strerror(errno)).lowercased()) }
        var info = stat()
        fstat(descriptor, &info)
        return (descriptor, (UInt64(info.st_dev), UInt64(info.st_ino)))
    }
}

/// A log file that cannot be opened, in words an operator can act on.
public struct LogFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot open the log \(path): \(reason)" }
}
