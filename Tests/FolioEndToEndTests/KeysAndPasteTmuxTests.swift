import Foundation
import FolioStore
import GRDB
import Testing

/// The keys a person's terminal really sends, through tmux to the real binary: a pasted
/// text stays text (bracketed paste), Home/End/PgDn work whatever TERM says, Esc always
/// goes back, `q` quits only at the book (and asks over SSH), the mouse clicks and scrolls.
@Suite("keys, paste and quitting in tmux", .enabled(if: TmuxSession.isAvailable), .serialized)
struct KeysAndPasteTmuxTests {
    static func demo(_ folio: Folio) throws -> String {
        let db = folio.home.appendingPathComponent("folio.db").path
        #expect(try folio.run("demo", "--db", db).status == 0)
        return db
    }

    static func alertStates(_ db: String) throws -> [Int64: String] {
        try FolioDatabase(path: db).read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, state FROM alert").map { ($0["id"] as Int64, $0["state"] as String) })
        }
    }

    /// Puts `text` into the pane as a terminal paste does: bracketed when folio asked for it.
    static func paste(_ text: String, into session: TmuxSession) throws {
        try session.tmux("set-buffer", "--", text)
        try session.tmux("paste-buffer", "-p")
    }

    @Test(arguments: ["xterm-256color", "screen", "vt100"])
    func pastingSeveralLinesIntoTheLogFormTypesThemAndRunsNothing(term: String) throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let before = try Self.alertStates(db)
        let session = try TmuxSession(width: 100, height: 30, arguments: "--db '\(db)' --user amelie.durand", environment: ["TERM": term])
        session.waitFor("Book of Amélie Durand")
        try session.send("2")
        session.waitFor("the inbox") { $0.contains("not yet acknowledged") }
        try session.send("l")
        session.waitFor("Log an activity")
        try session.send("Tab", "Tab", "Tab")
        // "all good": its `a` must not acknowledge anything, its line break must not submit.
        try Self.paste("Spoke to Camille\nall good", into: session)
        session.waitFor("the pasted text in the summary") { $0.contains("Spoke to Camille all good") && $0.contains("Log an activity") }
        #expect(try Self.alertStates(db) == before, "nothing ran from the paste")
        try session.send("Enter")
        session.waitFor("logged outbound call on")
        let summary = try FolioDatabase(path: db).read { db in
            try String.fetchOne(db, sql: "SELECT summary FROM activity WHERE author = 'amelie.durand' ORDER BY rowid DESC LIMIT 1")
        }
        #expect(summary == "Spoke to Camille all good")
        // A paste outside a form is not keys either: nothing runs, the line says so.
        try Self.paste("a\nx", into: session)
        session.waitFor("is typed only into a form")
        #expect(try Self.alertStates(db).filter { before[$0.key] != $0.value }.allSatisfy { $0.value == "resolved" },
                "only the check-in-overdue alert the call answered may have changed")
    }

    @Test(arguments: ["xterm-256color", "screen", "vt100"])
    func homeAndEndEditTheFieldAndDoNotCancelTheForm(term: String) throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let session = try TmuxSession(width: 100, height: 30, arguments: "--db '\(db)' --user amelie.durand", environment: ["TERM": term])
        session.waitFor("Book of Amélie Durand")
        try session.send("l")
        session.waitFor("Log an activity")
        try session.send("Tab", "Tab", "Tab")
        try session.tmux(["send-keys", "-l", "the call went well"])
        session.waitFor("the call went well")
        // tmux sends Home as ESC[1~ and End as ESC[4~, which xterm-256color's entry does not name.
        try session.send("Home")
        try session.tmux(["send-keys", "-l", "Summary: "])
        try session.send("End")
        try session.tmux(["send-keys", "-l", "!"])
        session.waitFor("the edited summary") { $0.contains("Summary: the call went well!") && $0.contains("Log an activity") }
        // Ctrl-W takes back the last word, Ctrl-A and Ctrl-E move as in a shell.
        try session.send("C-w")
        try session.send("C-a", "Delete")
        session.waitFor("the word and the first letter gone") { $0.contains("ummary: the call went ") }
        try session.send("Escape")
        session.waitFor("cancelled: nothing changed")
    }

    @Test(arguments: ["vt100", "xterm-256color", "screen"])
    func pageKeysMoveTheBookAndNeverOpenAView(term: String) throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let session = try TmuxSession(width: 100, height: 24, arguments: "--db '\(db)' --user amelie.durand", environment: ["TERM": term])
        let first = session.waitFor("the book") { $0.contains("Book of Amélie Durand") && session.selectedLine($0) != nil }
        let top = session.selectedLine(first)
        // vt100's entry has no PgDn: tmux sends ESC[6~, once split into Esc, "6" (the outbox) and "~".
        try session.send("NPage")
        let paged = session.waitFor("the selection a page down") { session.selectedLine($0) != nil && session.selectedLine($0) != top }
        #expect(paged.contains("Book of Amélie Durand") && !paged.contains("Outbox of"))
        try session.send("PPage")
        session.waitFor("the selection back at the top") { session.selectedLine($0) == top }
        try session.send("End")
        session.waitFor("the bottom") { session.selectedLine($0) != top && $0.contains("Book of Amélie Durand") }
        try session.send("Home")
        session.waitFor("the top") { session.selectedLine($0) == top }
        try session.send("q")
        session.waitFor("FOLIO-EXITED-0")
    }

    @Test func escGoesBackFromEveryViewAndQQuitsOnlyAtTheBook() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let session = try TmuxSession(width: 100, height: 30, arguments: "--db '\(db)' --user marta.novak")
        session.waitFor("Book of Marta")
        for (key, view) in [("2", "Alerts of"), ("3", "Check-ins of"), ("4", "Renewals of"), ("5", "Team of"), ("6", "Outbox of"),
                            ("7", "Dashboard of")] {
            try session.send(key)
            session.waitFor(view)
            try session.send("Escape")
            session.waitFor("the book from \(view)") { title($0).contains("[1 Book]") && $0.contains("Book of Marta") }
        }
        // `3 q` goes back to the book; only `q` there quits.
        try session.send("3")
        session.waitFor("Check-ins of")
        try session.send("q")
        session.waitFor("the book after q") { $0.contains("Book of Marta") && !$0.contains("Check-ins of") }
        #expect(!session.screen().contains("FOLIO-EXITED"))
        try session.send("q")
        session.waitFor("FOLIO-EXITED-0")
    }

    @Test func overSSHQAsksBeforeItQuits() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        // What `folio serve` sets for each session it runs.
        let session = try TmuxSession(width: 100, height: 30, arguments: "tui --db '\(db)' --user amelie.durand",
                                      environment: ["FOLIO_SERVE_SESSION": "1"])
        session.waitFor("Book of Amélie Durand")
        try session.send("q")
        session.waitFor("Quit Folio? This ends your SSH session.")
        try session.send("Enter")
        session.waitFor("No is the default") { $0.contains("Book of Amélie Durand") && !$0.contains("Quit Folio?") }
        try session.send("q")
        session.waitFor("Quit Folio?")
        try session.send("y")
        session.waitFor("FOLIO-EXITED-0")
    }

    @Test func clicksSelectADoubleClickOpensTheWheelScrollsAndTheTerminalIsGivenBack() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let session = try TmuxSession(width: 100, height: 30, arguments: "--db '\(db)' --user amelie.durand")
        let first = session.waitFor("the book") { $0.contains("Book of Amélie Durand") && session.selectedLine($0) != nil }
        let lines = first.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = 6
        let name = String(lines[row].dropFirst(2).prefix(20)).trimmingCharacters(in: .whitespaces)
        // An SGR report as a terminal sends it for a left click on that row (cells counted from 1).
        func click(_ row: Int, column: Int = 10) throws {
            try session.tmux(["send-keys", "-l", "\u{1B}[<0;\(column);\(row + 1)M\u{1B}[<0;\(column);\(row + 1)m"])
        }
        try click(row)
        session.waitFor("the clicked row selected") { session.selectedLine($0)?.contains(name) == true }
        try click(row)
        try click(row)
        session.waitFor("the account opened by a double click") { $0.contains("MEASURE") && $0.contains(name) }
        try session.send("Escape")
        session.waitFor("the book") { $0.contains("Book of Amélie Durand") }
        try session.tmux(["send-keys", "-l", "\u{1B}[<65;10;10M"])
        session.waitFor("the wheel moving the selection") { session.selectedLine($0)?.contains(name) == false }
        // A click on the tab bar shows that view.
        let tabs = title(session.screen())
        let alertsColumn = try #require(tabs.range(of: "2 Alerts")).lowerBound.utf16Offset(in: tabs) + 2
        try click(0, column: alertsColumn)
        session.waitFor("Alerts of Amélie Durand")
        try session.send("Escape")
        try session.send("q")
        session.waitFor("FOLIO-EXITED-0")
        let modes = try session.tmux("display-message", "-p", "#{mouse_any_flag} #{mouse_sgr_flag}")
        #expect(modes.trimmingCharacters(in: .whitespacesAndNewlines) == "0 0", "mouse reporting is off after folio")
    }
}
