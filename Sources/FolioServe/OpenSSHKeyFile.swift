import Crypto
import Foundation

/// The OpenSSH private key format (`-----BEGIN OPENSSH PRIVATE KEY-----`, "openssh-key-v1"),
/// unencrypted Ed25519 only: what `ssh-keygen -t ed25519 -N ''` writes, so the host key
/// can be made, read and fingerprinted with the usual tools.
enum OpenSSHKeyFile {
    private static let magic = Array("openssh-key-v1\0".utf8)
    private static let begin = "-----BEGIN OPENSSH PRIVATE KEY-----"
    private static let end = "-----END OPENSSH PRIVATE KEY-----"
    private static let keyType = "ssh-ed25519"

    static func encode(_ key: Curve25519.Signing.PrivateKey, comment: String) -> String {
        let publicKey = [UInt8](key.publicKey.rawRepresentation)
        var publicBlob = WireWriter()
        publicBlob.string(Array(keyType.utf8))
        publicBlob.string(publicKey)

        var secret = WireWriter()
        let check = UInt32.random(in: .min ... .max)
        secret.uint32(check)
        secret.uint32(check)
        secret.string(Array(keyType.utf8))
        secret.string(publicKey)
        secret.string([UInt8](key.rawRepresentation) + publicKey)
        secret.string(Array(comment.utf8))
        var pad: UInt8 = 1
        while secret.bytes.count % 8 != 0 {
            secret.bytes.append(pad)
            pad += 1
        }

        var file = WireWriter()
        file.bytes = magic
        file.string(Array("none".utf8))
        file.string(Array("none".utf8))
        file.string([])
        file.uint32(1)
        file.string(publicBlob.bytes)
        file.string(secret.bytes)

        let body = Data(file.bytes).base64EncodedString()
        let lines = stride(from: 0, to: body.count, by: 70).map { offset -> String in
            let start = body.index(body.startIndex, offsetBy: offset)
            return String(body[start..<(body.index(start, offsetBy: 70, limitedBy: body.endIndex) ?? body.endIndex)])
        }
        return ([begin] + lines + [end]).joined(separator: "\n") + "\n"
    }

    /// Reads the key, or says what is wrong with the file at `path`.
    static func decode(_ text: String, path: String) throws -> Curve25519.Signing.PrivateKey {
        let unsupported = ServeError("""
            host key \(path): not an unencrypted Ed25519 key in OpenSSH format; \
            remove it to have one generated, or make one with ssh-keygen -t ed25519 -N '' -f \(path)
            """)
        let body = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != begin && $0 != end }.joined()
        guard text.contains(begin), let data = Data(base64Encoded: body) else { throw unsupported }
        var reader = WireReader(bytes: [UInt8](data))
        guard reader.take(magic.count) == magic,
              reader.string() == Array("none".utf8), reader.string() == Array("none".utf8), reader.string() == [],
              reader.uint32() == 1, reader.string() != nil, let secretBytes = reader.string() else { throw unsupported }
        var secret = WireReader(bytes: secretBytes)
        guard let first = secret.uint32(), first == secret.uint32(), secret.string() == Array(keyType.utf8),
              let publicKey = secret.string(), let privateKey = secret.string(), privateKey.count == 64,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: privateKey.prefix(32)),
              [UInt8](key.publicKey.rawRepresentation) == publicKey else { throw unsupported }
        return key
    }
}

/// SSH wire encoding: big-endian uint32, length-prefixed strings.
private struct WireWriter {
    var bytes: [UInt8] = []

    mutating func uint32(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    mutating func string(_ value: [UInt8]) {
        uint32(UInt32(value.count))
        bytes += value
    }
}

private struct WireReader {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func uint32() -> UInt32? {
        take(4).map { $0.reduce(0) { $0 << 8 | UInt32($1) } }
    }

    mutating func string() -> [UInt8]? {
        uint32().flatMap { take(Int($0)) }
    }
}
