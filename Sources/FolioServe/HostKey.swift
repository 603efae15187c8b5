import Crypto
import Foundation
import NIOSSH

/// The server's Ed25519 host key: read from its file, or generated there on first start
/// (mode 0600, folder created).
public struct HostKey: Sendable {
    public let privateKey: NIOSSHPrivateKey
    public let publicKey: NIOSSHPublicKey
    /// True when this start generated the key.
    public let isNew: Bool

    public var fingerprint: String { publicKey.fingerprint }

    public static func loadOrCreate(at path: String) throws -> HostKey {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            let attributes = try? manager.attributesOfItem(atPath: path)
            if let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
                throw ServeError("host key \(path) can be read by others (mode \(String(mode, radix: 8))); chmod 600 \(path)")
            }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ServeError("host key \(path) cannot be read")
            }
            return HostKey(try OpenSSHKeyFile.decode(text, path: path), isNew: false)
        }
        let key = Curve25519.Signing.PrivateKey()
        let url = URL(fileURLWithPath: path)
        do {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
        } catch {
            throw ServeError("cannot create the folder for the host key \(path): \(error.localizedDescription)")
        }
        // Created 0600 from the start: the key is never readable by others, not even briefly.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ServeError("cannot write the host key \(path) (\(String(cString: strerror(errno))))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(OpenSSHKeyFile.encode(key, comment: "folio serve host key").utf8))
        } catch {
            throw ServeError("cannot write the host key \(path): \(error.localizedDescription)")
        }
        return HostKey(key, isNew: true)
    }

    init(_ key: Curve25519.Signing.PrivateKey, isNew: Bool) {
        privateKey = NIOSSHPrivateKey(ed25519Key: key)
        publicKey = privateKey.publicKey
        self.isNew = isNew
    }
}
