import Foundation

/// How a message leaves the machine: a sendmail-compatible command or a Maildir.
public protocol MailTransport: Sendable {
    /// `sendmail`, `maildir`.
    var name: String { get }
    /// Hands one rendered message over; throws a `DeliveryError` saying what went wrong.
    func deliver(_ text: String, to address: String) throws(DeliveryError)
}

public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// False when trying again cannot help (a bad address).
    public var isRetryable: Bool = true
    public init(_ message: String, isRetryable: Bool = true) {
        self.message = message
        self.isRetryable = isRetryable
    }
    public var description: String { message }
}

/// Pipes the message into a command through `/bin/sh -c` (`sendmail -t -i`, `msmtp -t`,
/// `msmtp --host=… --port=… -t`): it reads the recipients from the headers. The command
/// runs in a process group of its own, so one that hangs is killed whole at the timeout.
public struct SendmailTransport: MailTransport {
    public let name = "sendmail"
    public var command: String
    public var timeout: TimeInterval

    public init(command: String, timeout: TimeInterval = 60) {
        self.command = command
        self.timeout = timeout
    }

    public func deliver(_ text: String, to address: String) throws(DeliveryError) {
        let folder = FileManager.default.temporaryDirectory
        let base = folder.appendingPathComponent("folio-mail-\(getpid())-\(UInt64.random(in: 0...UInt64.max))").path
        let input = base + ".eml", errors = base + ".err"
        defer { unlink(input); unlink(errors) }
        guard FileManager.default.createFile(atPath: input, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw DeliveryError("cannot write the message to \(folder.path) for the sendmail command")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        defer { for p in argv { free(p) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw DeliveryError("cannot start /bin/sh for the sendmail command: \(String(cString: strerror(spawned)))") }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { throw DeliveryError("lost the sendmail command: \(String(cString: strerror(errno)))") }
            if Date() >= deadline {
                kill(-pid, SIGTERM)
                usleep(200_000)
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw DeliveryError("the sendmail command did not finish within \(Int(timeout)) s and was stopped: \(command)")
            }
            usleep(10_000)
        }
        let said = (try? String(contentsOfFile: errors, encoding: .utf8))?.split(separator: "\n").prefix(3)
            .joined(separator: " / ").trimmingCharacters(in: .whitespaces) ?? ""
        // The shell's own word for a command it cannot find or run.
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        if exited && code == 0 { return }
        if exited && (code == 127 || code == 126) {
            throw DeliveryError("the sendmail command cannot be run (\(code == 127 ? "not found" : "not executable")): \(command)\(said.isEmpty ? "" : " — \(said)")")
        }
        let how = exited ? "exited with status \(code)" : "was killed by signal \(status & 0x7f)"
        throw DeliveryError("the sendmail command \(how)\(said.isEmpty ? "" : ": \(said)")")
    }
}

/// Writes each message as a file of a Maildir (`tmp/` then renamed into `new/`, so a
/// reader never sees half of one).
public struct MaildirTransport: MailTransport {
    public let name = "maildir"
    public var folder: String

    public init(folder: String) { self.folder = folder }

    public func deliver(_ text: String, to address: String) throws(DeliveryError) {
        let fm = FileManager.default
        for sub in ["tmp", "new", "cur"] {
            let path = (folder as NSString).appendingPathComponent(sub)
            do {
                try fm.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw DeliveryError("cannot create the Maildir folder \(path): \(error.localizedDescription)")
            }
        }
        let hostname = OutboxDelivery.machineName.replacingOccurrences(of: "/", with: "\\057").replacingOccurrences(of: ":", with: "\\072")
        var now = timeval()
        gettimeofday(&now, nil)
        let unique = "\(now.tv_sec).M\(now.tv_usec)P\(getpid())R\(UInt32.random(in: 0...UInt32.max)).\(hostname)"
        let tmp = (folder as NSString).appendingPathComponent("tmp/\(unique)")
        let new = (folder as NSString).appendingPathComponent("new/\(unique)")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw DeliveryError("cannot write \(tmp): \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; break }
            written += n
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else {
            unlink(tmp)
            throw DeliveryError("cannot write \(tmp) in full")
        }
        guard link(tmp, new) == 0 || rename(tmp, new) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(tmp)
            throw DeliveryError("cannot move the message into \(folder)/new: \(why)")
        }
        unlink(tmp)
    }
}
