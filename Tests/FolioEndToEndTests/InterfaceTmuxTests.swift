import Foundation
import Testing

@Suite("folio tui in tmux", .enabled(if: TmuxSession.isAvailable), .serialized)
struct InterfaceTmuxTests {
    @Test func startMoveOpenFilterHelpResizeAndQuit() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = folio.home.appendingPathComponent("folio.db").path
        #expect(try folio.run("demo", "--db", db).status == 0)
        let session = try TmuxSession(width: 100, height: 30, arguments: "tui --db '\(db)' --user amelie.durand")

        let first = session.waitFor("the book") { $0.contains("Book of Amélie Durand") && $0.contains("accounts · sort: attention") }
        #expect(first.contains("amelie.durand (csm) · folio.db · as of 2026-11-23"))
        let top = session.selectedLine(first)

        try session.send("j")
        let moved = session.waitFor("the selection to move") { session.selectedLine($0) != nil && session.selectedLine($0) != top }
        let second = session.selectedLine(moved)!
        let name = String(second.dropFirst(2).prefix(20)).trimmingCharacters(in: .whitespaces)

        try session.send("Enter")
        let account = session.waitFor("the account view") { $0.contains("MEASURE") && $0.contains("Health ") }
        #expect(account.contains(name))
        try session.send("G")
        session.waitFor("Contacts")
        try session.send("Escape")
        session.waitFor("the book again") { $0.contains("Book of Amélie Durand") && session.selectedLine($0) == second }

        try session.send("/", "b", "a", "n", "d", ":", "y")
        let filtered = session.waitFor("the filter") { $0.contains("/band:y ") && isFiltered($0) }
        let rows = filtered.split(separator: "\n").dropFirst(2).filter { $0.contains("●") || $0.contains("○") }
        #expect(rows.isEmpty, "only yellow rows: \(rows)")
        try session.send("Escape")
        session.waitFor("the filter to clear") { !$0.contains("/band") && $0.contains("accounts · sort: attention") && !isFiltered($0) }

        try session.send("?")
        session.waitFor("help") { $0.contains("\n Help ") && $0.contains("Move down") }
        try session.send("Escape")
        session.waitFor("the book after help") { $0.contains("Book of Amélie Durand") }

        try session.send(":", "s", "o", "r", "t", " ", "n", "a", "Enter")
        session.waitFor("sort: name")

        try session.tmux("resize-window", "-x", "40", "-y", "10")
        session.waitFor("terminal too small (40×10), need 60×12")
        try session.tmux("resize-window", "-x", "100", "-y", "30")
        session.waitFor("the book after resizing") { $0.contains("ACCOUNT") && $0.contains("sort: name") }

        try session.send("q")
        session.waitFor("FOLIO-EXITED-0")
        let modes = try session.tmux("display-message", "-p", "#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}")
        #expect(modes.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1 0")
    }

    @Test func controlCAndNoColorAndASCII() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = folio.home.appendingPathComponent("folio.db").path
        #expect(try folio.run("demo", "--db", db).status == 0)
        let session = try TmuxSession(width: 80, height: 24, arguments: "tui --db '\(db)' --user marta.novak",
                                      environment: ["NO_COLOR": "1", "LANG": "C", "LC_ALL": "C"])
        let screen = session.waitFor("the manager's book") { $0.contains("Book of Marta") && $0.contains("accounts") }
        #expect(screen.contains("> ") && !screen.contains("▸"), "ASCII glyphs in the C locale")
        let styled = try session.tmux("capture-pane", "-p", "-e")
        let colours = ["38;5;", "48;5;"] + (0...7).flatMap { ["\u{1B}[3\($0)m", "\u{1B}[4\($0)m"] }
        #expect(!colours.contains { styled.contains($0) }, "no colour with NO_COLOR")
        try session.send("C-c")
        session.waitFor("FOLIO-EXITED-0")
    }

    @Test func userKeysFromConfigAreUsedAndShownAndABadConfigStopsBeforeAnything() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = folio.home.appendingPathComponent("folio.db").path
        #expect(try folio.run("demo", "--db", db).status == 0)
        let config = folio.home.appendingPathComponent("config")
        let file = config.appendingPathComponent("folio/config.yaml")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "keys:\n  quit: Q\n  down: [n, Down]\n".write(to: file, atomically: true, encoding: .utf8)

        let session = try TmuxSession(width: 100, height: 30, arguments: "tui --db '\(db)' --user amelie.durand",
                                      environment: ["XDG_CONFIG_HOME": config.path])
        let first = session.waitFor("the book with the user's hints") { $0.contains("Book of Amélie Durand") && $0.contains(" Q quit") }
        let top = session.selectedLine(first)
        try session.send("j")
        try session.send("n")
        let moved = session.waitFor("n to move down") { session.selectedLine($0) != nil && session.selectedLine($0) != top }
        #expect(!moved.contains("q quit"))
        try session.send("?")
        session.waitFor("help with the user's keys") { $0.contains("n, ↓") && $0.contains("Move down") && $0.contains("(no key)") }
        try session.send("Escape")
        session.waitFor("the book after help") { $0.contains(" Q quit") }
        try session.send("q")
        try session.send("Q")
        session.waitFor("FOLIO-EXITED-0")

        try "keys:\n  quit: Q\n  book.down: j\n".write(to: file, atomically: true, encoding: .utf8)
        let other = folio.home.appendingPathComponent("never.db").path
        let refused = try TmuxSession(width: 200, height: 10, arguments: "tui --db '\(other)' --user amelie.durand",
                                      environment: ["XDG_CONFIG_HOME": config.path])
        let screen = refused.waitFor("FOLIO-EXITED-2")
        #expect(screen.contains("config.yaml:3:3: unknown command \"book.down\""))
        #expect(!screen.contains("Book of"))
        #expect(!FileManager.default.fileExists(atPath: other), "a bad config builds no demo")
    }

    @Test func controlZSuspendsWithTheTerminalRestoredAndFgRedraws() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = folio.home.appendingPathComponent("folio.db").path
        #expect(try folio.run("demo", "--db", db).status == 0)
        let session = try TmuxSession(width: 100, height: 30, arguments: "tui --db '\(db)' --user amelie.durand", inShell: true)
        let first = session.waitFor("the book") { $0.contains("Book of Amélie Durand") && session.selectedLine($0) != nil }
        let top = try #require(session.selectedLine(first))
        let topName = String(top.dropFirst(2).prefix(20))
        func modes() -> String {
            ((try? session.tmux("display-message", "-p", "#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}")) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        try session.send("C-z")
        let stopped = session.waitFor("the shell after Ctrl-Z") { $0.contains("Stopped") && modes() == "0 1 0" }
        #expect(!stopped.contains("Book of Amélie Durand"), "the shell's own screen is back")

        // A resize while stopped is drawn on return.
        try session.tmux("resize-window", "-x", "80", "-y", "24")
        try session.send("f", "g", "Enter")
        session.waitFor("the book again after fg") { screen in
            screen.contains("Book of Amélie Durand") && session.selectedLine(screen)?.hasPrefix("▸ " + topName) == true
                && title(screen).count <= 80 && modes() == "1 0 0"
        }
        try session.send("Down")
        session.waitFor("keys working after fg") { session.selectedLine($0)?.hasPrefix("▸ " + topName) == false }

        try session.send("q")
        session.waitFor("the prompt after quitting") { $0.split(separator: "\n").last?.hasPrefix("$") == true && modes() == "0 1 0" }
        try session.tmux(["send-keys", "-l", "echo FOLIO-EXITED-$?"])
        try session.send("Enter")
        session.waitFor("FOLIO-EXITED-0")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = folio.home.appendingPathComponent("folio.db").path
        #expect(try folio.run("demo", "--db", db).status == 0)
        let session = try TmuxSession(width: 80, height: 24, arguments: "tui --db '\(db)' --user amelie.durand")
        session.waitFor("Book of Amélie Durand")
        let pid = try session.tmux("list-panes", "-F", "#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)
        // The pane's shell runs folio as its child.
        let child = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
            .split(separator: " ").first.map(String.init)
        let folioPID = try #require(child.flatMap { Int32($0) })
        kill(folioPID, SIGTERM)
        session.waitFor("FOLIO-EXITED-143")
        let modes = try session.tmux("display-message", "-p", "#{alternate_on}")
        #expect(modes.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}

@Suite("folio tui without a terminal")
struct InterfaceWithoutTerminalTests {
    @Test func notATerminalExits2WithOneLine() throws {
        let folio = Folio()
        defer { folio.remove() }
        let result = try folio.run("tui", "--db", folio.home.appendingPathComponent("folio.db").path)
        #expect(result.status == 2)
        #expect(result.stderr == "folio: standard input is not a terminal; the interactive screen needs one\n")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folio.home.appendingPathComponent("folio.db").path))
    }
}
