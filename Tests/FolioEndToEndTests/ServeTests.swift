import Foundation
import Testing

/// `folio serve` with the real OpenSSH client on 127.0.0.1, the visitors' screens in tmux.
@Suite("folio serve over ssh", .enabled(if: ServeProcess.isAvailable), .serialized)
struct ServeTests {
    /// The demo copy a visitor's status bar names (`… · visitor-1a2b3c4d-5e6.db · …`).
    private func databaseShown(_ screen: String, in server: ServeProcess) -> String? {
        guard let range = screen.range(of: "visitor-[0-9a-f-]+\\.db", options: .regularExpression) else { return nil }
        return server.visitorDatabases().first { $0.hasSuffix(String(screen[range])) }
    }

    private func isBook(_ screen: String) -> Bool {
        screen.contains("Book of Marta") && screen.contains("marta.novak (manager)") && screen.contains("visitor-")
    }

    @Test func aVisitorWalksTheDemoResizesAndLeavesNothingBehind() throws {
        let server = try ServeProcess([])
        defer { server.stop() }
        #expect(server.printed.contains("folio serve: demo mode on 127.0.0.1:\(server.port)"))
        #expect(server.printed.range(of: "SHA256:[A-Za-z0-9+/]{43} \\(ED25519\\)", options: .regularExpression) != nil, "the host key's fingerprint is printed:\n\(server.printed)")

        let visitor = try TmuxSession(width: 100, height: 30, command: server.interactiveCommand(user: "demo"))
        // The frame may arrive in pieces over the pty: wait for the greeting too, not just the first part of it.
        let welcome = "Your own copy of the Folio demo: change anything; it goes when you leave"
        let book = visitor.waitFor("the demo's book as its manager, with the greeting") { isBook($0) && $0.contains(welcome) }
        #expect(book.contains(welcome))
        let database = try #require(databaseShown(book, in: server))
        let pid = try #require(ServeProcess.interfacePID(database: database))
        let top = visitor.selectedLine(book)
        try visitor.send("j")
        visitor.waitFor("the selection to move") { visitor.selectedLine($0) != nil && visitor.selectedLine($0) != top }

        try visitor.tmux("resize-window", "-x", "40", "-y", "10")
        visitor.waitFor("terminal too small (40×10), need 60×12")
        try visitor.tmux("resize-window", "-x", "100", "-y", "30")
        visitor.waitFor("the book at 100 columns again") { isBook($0) && $0.contains("ACCOUNT") }

        try visitor.send("q")
        visitor.waitFor("ssh to end with the interface's status", timeout: 15) { $0.contains("FOLIO-EXITED-0") }
        ServeProcess.waitUntil("the interface to be gone") { kill(pid, 0) != 0 }
        ServeProcess.waitUntil("the visitor's copy to be deleted") { !FileManager.default.fileExists(atPath: database) }

        // A visitor who just drops the line: the interface is hung up and its copy deleted.
        let dropper = try TmuxSession(width: 90, height: 25, command: server.interactiveCommand(user: "someone"))
        let second = dropper.waitFor("the second visitor's book") { isBook($0) }
        let secondDatabase = try #require(databaseShown(second, in: server))
        let secondPID = try #require(ServeProcess.interfacePID(database: secondDatabase))
        try dropper.tmux("kill-server")
        ServeProcess.waitUntil("the hung-up interface to exit") { kill(secondPID, 0) != 0 }
        ServeProcess.waitUntil("the copy to be deleted") { !FileManager.default.fileExists(atPath: secondDatabase) }

        let log = try String(contentsOf: server.logFile, encoding: .utf8)
        #expect(log.range(of: "folio\\.serve\\[[0-9]+\\]: session started", options: .regularExpression) != nil && log.contains("login=marta.novak"))
        #expect(log.range(of: "size=100x30 term=(tmux|screen)", options: .regularExpression) != nil, "the pane's size and TERM")
        #expect(log.range(of: "folio\\.serve\\[[0-9]+\\]: session ended", options: .regularExpression) != nil && log.contains("ending=exited(0)"))
        #expect(log.contains("visitor disconnected; hanging up the interface"))
        #expect(log.range(of: "folio\\.serve\\[[0-9]+\\]: connection closed", options: .regularExpression) != nil && log.contains("seconds="))
    }

    @Test func visitorsHaveTheirOwnDemoAndOneCrashingLeavesTheOthers() throws {
        let server = try ServeProcess(["--max-sessions", "2"])
        defer { server.stop() }
        let first = try TmuxSession(width: 100, height: 30, command: server.interactiveCommand(user: "demo"))
        let second = try TmuxSession(width: 100, height: 30, command: server.interactiveCommand(user: "demo"))
        let firstDatabase = try #require(databaseShown(first.waitFor("the first visitor's book") { isBook($0) }, in: server))
        let secondBook = second.waitFor("the second visitor's book") { isBook($0) }
        let secondDatabase = try #require(databaseShown(secondBook, in: server))
        #expect(firstDatabase != secondDatabase)
        #expect(server.visitorDatabases() == [firstDatabase, secondDatabase].sorted())

        // One visitor acknowledges an alert in their demo; the other's is unchanged.
        let alerts = try server.folio.run("alerts", "--json", "--db", firstDatabase, "--user", "marta.novak")
        let objects = try JSONSerialization.jsonObject(with: Data(alerts.stdout.utf8)) as? [[String: Any]] ?? []
        let id = try #require(objects.first { $0["state"] as? String == "open" }.map { "\($0["id"] ?? "")" })
        #expect(try server.folio.run("alerts", "ack", id, "--db", firstDatabase, "--user", "marta.novak").status == 0)
        let state = { (database: String) throws -> String in
            let json = try server.folio.run("alerts", "--json", "--db", database, "--user", "marta.novak").stdout
            let objects = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
            return objects.first { "\($0["id"] ?? "")" == id }?["state"] as? String ?? "missing"
        }
        #expect(try state(firstDatabase) == "acknowledged")
        #expect(try state(secondDatabase) == "open")

        // A third visitor is told the server is full.
        let full = try server.ssh(["-tt"], user: "demo")
        #expect(full.status == 1)
        #expect((full.stdout + full.stderr).contains("server full: 2 visitors already"))

        // The first visitor's interface dies; the second goes on.
        let firstPID = try #require(ServeProcess.interfacePID(database: firstDatabase))
        kill(firstPID, SIGKILL)
        first.waitFor("the first visitor's ssh to end") { $0.contains("FOLIO-EXITED-") }
        ServeProcess.waitUntil("the dead visitor's copy to be deleted") { !FileManager.default.fileExists(atPath: firstDatabase) }
        let top = second.selectedLine(secondBook)
        try second.send("j")
        second.waitFor("the second visitor's selection to move") { second.selectedLine($0) != nil && second.selectedLine($0) != top }
        try second.send("?")
        second.waitFor("help for the second visitor") { $0.contains("Folio · Help") }
    }

    @Test func nothingButTheInterfaceIsOfferedAndAnIdleSessionCloses() throws {
        let server = try ServeProcess(["--idle-timeout", "2s"])
        defer { server.stop() }
        let exec = try server.ssh(command: ["ls", "/"], user: "demo")
        #expect(exec.status == 2)
        #expect(exec.stderr.contains("Folio offers only its interface, not commands"))
        #expect(!exec.stdout.contains("bin"))

        let sftp = try server.ssh(["-b", "/dev/null"], user: "demo", tool: "sftp")
        #expect(sftp.status != 0)
        #expect(sftp.stderr.contains("subsystem request failed"), "sftp: \(sftp.stderr)")

        let noTerminal = try server.ssh(["-T"], user: "demo")
        #expect(noTerminal.status == 2)
        #expect(noTerminal.stderr.contains("needs a terminal; connect with ssh -t"))

        let forward = try server.ssh(["-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9"], user: "demo")
        #expect(forward.status == 255)
        #expect(forward.stderr.contains("remote port forwarding failed"))
        #expect(server.visitorDatabases().isEmpty)

        // A visitor who types nothing for the idle timeout is hung up (the watchdog is far later).
        let idle = try server.ssh(["-tt"], user: "demo", timeout: 60)
        #expect(idle.stdout.contains("Book of Marta"), "the interface was shown first")
        #expect(idle.stderr.contains("no input for 2s; closing the session"))
        // The interface exits 129 on SIGHUP; if the hang-up lands before its handler is in
        // place it dies by the signal, which the server relays as exit-signal HUP (ssh: 255).
        #expect(idle.status == 129 || idle.status == 255, "the interface's status after SIGHUP")
        ServeProcess.waitUntil("the idle visitor's copy to be deleted") { server.visitorDatabases().isEmpty }
    }

    @Test func anAddressConnectingTooOftenIsTurnedAway() throws {
        let server = try ServeProcess(["--rate-limit", "1"])
        defer { server.stop() }
        let first = try server.ssh(command: ["ls"], user: "demo")
        #expect(first.status == 2 && first.stderr.contains("Folio offers only its interface"))
        let second = try server.ssh(command: ["ls"], user: "demo")
        #expect(second.status == 255, "closed before the SSH handshake: \(second.stderr)")
        #expect(!second.stderr.contains("Folio offers"))
        let log = try String(contentsOf: server.logFile, encoding: .utf8)
        #expect(log.contains("refused: rate limit address=127.0.0.1 perMinute=1"))
    }

    @Test func teamModeLetsInOnlyTheKeysListedEachAsItsLogin() throws {
        let setup = Folio()
        defer { setup.remove() }
        let database = setup.home.appendingPathComponent("team.db").path
        #expect(try setup.run("demo", "--db", database).status == 0)
        // The keys are made by the server's helper; the file names the login for each.
        let keysFile = setup.home.appendingPathComponent("authorized_keys")
        let keyFolder = Folio()
        defer { keyFolder.remove() }
        let maker = try ServeProcess.keyMaker(in: keyFolder.home)
        let known = try maker("amelie")
        let unknown = try maker("stranger")
        try "# the team\nfolio-user=amelie.durand \(known.publicLine)\n".write(to: keysFile, atomically: true, encoding: .utf8)

        let server = try ServeProcess(["--mode", "team", "--db", database, "--authorized-keys", keysFile.path])
        defer { server.stop() }
        #expect(server.printed.contains("team mode on 127.0.0.1:\(server.port), keys in \(keysFile.path) only"))

        let refused = try server.ssh(["-tt"], user: "amelie.durand", key: unknown.path)
        #expect(refused.status == 255)
        #expect(refused.stderr.contains("Permission denied (publickey)"))
        let noKey = try server.ssh(["-tt", "-o", "PreferredAuthentications=password,keyboard-interactive"], user: "amelie.durand")
        #expect(noKey.status == 255)

        let session = try TmuxSession(width: 100, height: 30, command: server.interactiveCommand(user: "amelie.durand", key: known.path))
        // The frame may arrive in pieces over the pty: wait for the status bar too, not just the title.
        let book = session.waitFor("Amélie's own book with its status bar") {
            $0.contains("Book of Amélie Durand") && $0.contains("amelie.durand (csm) · team.db")
        }
        #expect(book.contains("amelie.durand (csm) · team.db"))
        try session.send("q")
        session.waitFor("FOLIO-EXITED-0")
        #expect(FileManager.default.fileExists(atPath: database), "the shared database stays")

        let exec = try server.ssh(command: ["ls"], user: "amelie.durand", key: known.path)
        #expect(exec.status == 2 && exec.stderr.contains("Folio offers only its interface"))
        let log = try String(contentsOf: server.logFile, encoding: .utf8)
        #expect(log.contains("authentication refused"))
        #expect(log.contains("login=amelie.durand"))
    }
}
