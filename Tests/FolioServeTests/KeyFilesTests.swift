import Crypto
import Foundation
import NIOSSH
import Testing
@testable import FolioServe

@Suite("host key and authorized keys")
struct KeyFilesTests {
    private func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("folio-serve-keys-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theHostKeyIsMadeOnceWithMode0600AndReadBack() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("keys/ssh_host_ed25519_key").path
        let made = try HostKey.loadOrCreate(at: path)
        #expect(made.isNew)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let again = try HostKey.loadOrCreate(at: path)
        #expect(!again.isNew && again.publicKey == made.publicKey && again.fingerprint == made.fingerprint)
        #expect(made.fingerprint.hasPrefix("SHA256:") && !made.fingerprint.hasSuffix("="))
        #expect(made.fingerprint.count == 7 + 43)
    }

    @Test func theFingerprintIsOpenSSHs() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen") else { return }
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("host_key").path
        let key = try HostKey.loadOrCreate(at: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        process.arguments = ["-l", "-f", path]
        // Into a file, not a pipe: Foundation's pipe read traps on EINTR, and the terminal tests
        // in this process raise signals (their handlers do not restart reads, on purpose).
        let printedAt = dir.appendingPathComponent("fingerprint.txt")
        #expect(FileManager.default.createFile(atPath: printedAt.path, contents: nil))
        let out = try FileHandle(forWritingTo: printedAt)
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        try out.close()
        let printed = try String(contentsOf: printedAt, encoding: .utf8)
        #expect(printed.contains(key.fingerprint), "ssh-keygen reads our file and agrees: \(printed)")
    }

    @Test func aHostKeyOthersCanReadIsRefused() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("host_key").path
        _ = try HostKey.loadOrCreate(at: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect { try HostKey.loadOrCreate(at: path) } throws: { ($0 as? ServeError)?.message.contains("chmod 600") == true }
    }

    @Test func aFileThatIsNotAKeySaysHowToMakeOne() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("host_key").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("hello\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect { try HostKey.loadOrCreate(at: path) } throws: { ($0 as? ServeError)?.message.contains("ssh-keygen -t ed25519") == true }
    }

    private func publicLine() -> (NIOSSHPublicKey, String) {
        let key = NIOSSHPrivateKey(ed25519Key: .init()).publicKey
        return (key, String(openSSHPublicKey: key))
    }

    @Test func authorizedKeysNameTheirLogins() throws {
        let (amelie, amelieLine) = publicLine()
        let (marta, martaLine) = publicLine()
        let (plain, plainLine) = publicLine()
        let text = """
            # the team
            folio-user=amelie.durand \(amelieLine) amelie@laptop

            folio-user="marta.novak",no-port-forwarding \(martaLine) marta
            \(plainLine)
            ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 old@box
            """
        let keys = try AuthorizedKeys(text: text, path: "keys")
        #expect(keys.entries(for: amelie).map(\.login) == ["amelie.durand"])
        #expect(keys.entries(for: amelie).first?.comment == "amelie@laptop")
        #expect(keys.entries(for: marta).map(\.login) == ["marta.novak"])
        #expect(keys.entries(for: plain).map(\.login) == [nil])
        #expect(keys.warnings == ["keys:6: ssh-rsa keys are not supported; skipped (use an Ed25519 or ECDSA key)"])
        #expect { try keys.requireLogins() } throws: { ($0 as? ServeError)?.message.hasPrefix("keys:5: this key names no Folio login") == true }
    }

    @Test(arguments: [
        ("folio-user=amelie", "keys:1: options but no key"),
        ("ssh-ed25519 !!!notbase64", "keys:1: the ssh-ed25519 key is not valid"),
        ("folio-user= KEY", "keys:1: folio-user= is not a login"),
        ("folio-user=\"two words\" KEY", "keys:1: folio-user=two words is not a login"),
        ("ssh-foo AAAA", "keys:1: \"ssh-foo\" is not a key type"),
    ])
    func badLinesSayWhereAndWhat(line: String, message: String) {
        let line = line.replacingOccurrences(of: "KEY", with: publicLine().1)
        #expect { try AuthorizedKeys(text: line, path: "keys") } throws: { ($0 as? ServeError)?.message.hasPrefix(message) == true }
    }
}
