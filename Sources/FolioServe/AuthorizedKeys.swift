import Foundation
import NIOSSH

/// The keys that may connect, in OpenSSH's authorized_keys syntax, each optionally naming
/// the Folio login it stands for with a `folio-user=LOGIN` option before the key type:
///
///     folio-user=amelie.durand ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… amelie@laptop
///     folio-user="marta.novak",no-port-forwarding ecdsa-sha2-nistp256 AAAAE2VjZHNh… marta
///
/// Blank lines and `#` comments are skipped; other OpenSSH options are accepted and
/// ignored (Folio forwards nothing anyway). Ed25519 and ECDSA keys are supported; lines
/// with other key types (ssh-rsa) are skipped with a warning.
public struct AuthorizedKeys: Sendable {
    public struct Entry: Sendable {
        public let key: NIOSSHPublicKey
        public let login: String?
        public let comment: String
        public let line: Int
    }

    public let path: String
    public let entries: [Entry]
    /// Lines skipped, as `path:line: why`.
    public let warnings: [String]

    private static let keyTypes: Set<String> = [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
    ]
    private static let unsupportedKeyTypes: Set<String> = [
        "ssh-rsa", "ssh-dss", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
        "ssh-ed25519-cert-v01@openssh.com", "rsa-sha2-256", "rsa-sha2-512",
    ]

    public static func load(path: String) throws -> AuthorizedKeys {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ServeError("--authorized-keys \(path) cannot be read")
        }
        return try AuthorizedKeys(text: text, path: path)
    }

    public init(text: String, path: String) throws {
        var entries: [Entry] = []
        var warnings: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let number = index + 1
            var fields = Self.fields(of: line)
            var options: [String] = []
            let isType = { (field: String) in Self.keyTypes.contains(field) || Self.unsupportedKeyTypes.contains(field) }
            if let first = fields.first, !isType(first), first.contains("=") || (fields.count > 1 && isType(fields[1])) {
                options = Self.options(of: first)
                fields.removeFirst()
            }
            guard let type = fields.first else {
                throw ServeError("\(path):\(number): options but no key; expected [folio-user=LOGIN] TYPE BASE64 [COMMENT]")
            }
            if Self.unsupportedKeyTypes.contains(type) {
                warnings.append("\(path):\(number): \(type) keys are not supported; skipped (use an Ed25519 or ECDSA key)")
                continue
            }
            guard Self.keyTypes.contains(type), fields.count >= 2 else {
                throw ServeError("\(path):\(number): \"\(type)\" is not a key type; expected [folio-user=LOGIN] ssh-ed25519 BASE64 [COMMENT]")
            }
            let key: NIOSSHPublicKey
            do {
                key = try NIOSSHPublicKey(openSSHPublicKey: "\(type) \(fields[1])")
            } catch {
                throw ServeError("\(path):\(number): the \(type) key is not valid base64 key data")
            }
            var login: String?
            for option in options where option.lowercased().hasPrefix("folio-user=") {
                var value = String(option.dropFirst("folio-user=".count))
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                guard !value.isEmpty, !value.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } == true || $0 == "\"" }) else {
                    throw ServeError("\(path):\(number): folio-user=\(value) is not a login")
                }
                login = value
            }
            entries.append(Entry(key: key, login: login, comment: fields.dropFirst(2).joined(separator: " "), line: number))
        }
        self.path = path
        self.entries = entries
        self.warnings = warnings
    }

    /// The entries for `key`, in file order.
    public func entries(for key: NIOSSHPublicKey) -> [Entry] {
        entries.filter { $0.key == key }
    }

    /// Team mode needs every key to name its login.
    public func requireLogins() throws {
        if let entry = entries.first(where: { $0.login == nil }) {
            throw ServeError("\(path):\(entry.line): this key names no Folio login; team mode needs folio-user=LOGIN before the key type")
        }
        if entries.isEmpty {
            throw ServeError("\(path): no usable keys; team mode lets in only the keys listed there")
        }
    }

    /// Splits on whitespace outside double quotes (an options field may hold quoted spaces).
    private static func fields(of line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() }
            if character.isWhitespace && !quoted {
                if !current.isEmpty { fields.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { fields.append(current) }
        return fields
    }

    /// Splits an options field on commas outside double quotes.
    private static func options(of field: String) -> [String] {
        var options: [String] = []
        var current = ""
        var quoted = false
        for character in field {
            if character == "\"" { quoted.toggle() }
            if character == "," && !quoted {
                options.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        options.append(current)
        return options
    }
}
