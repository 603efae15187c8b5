import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Account names written to attack the terminal, imported through the real CSV importer
/// and shown by the real binary in tmux: nothing in them may reach the terminal raw.
@Suite("hostile data in tmux", .enabled(if: TmuxSession.isAvailable), .serialized)
struct HostileDataTmuxTests {
    static let longName = String(repeating: "Very Long Name ", count: 20)

    /// (id, name as stored) — CSV-quoted on write, so `\r` and `\n` stay inside the field.
    static let names: [(String, String)] = [
        ("H01", "Evil \u{1B}]0;pwned\u{07} Corp"),
        ("H02", "Clear \u{1B}[2J Screen Ltd"),
        ("H03", "Paint \u{1B}[31m Red Inc"),
        ("H04", "Carriage\rReturn Inc"),
        ("H05", "Line\nBreak GmbH"),
        ("H06", "\u{202E}Reversed Text AB"),
        ("H07", "Zero\u{200B}Width Oy"),
        ("H08", "上海青松软件有限公司"),
        ("H09", "Café 😀 Emoji 👨‍👩‍👧 Group"),
        ("H10", longName),
    ]

    static func csvField(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// libc's wcwidth, which curses measures with (glibc declares it only under
    /// _XOPEN_SOURCE, so Swift's Glibc module leaves it out): looked up by name.
    typealias WidthFunction = @convention(c) (wchar_t) -> Int32
    static let wcwidth: WidthFunction = unsafeBitCast(dlsym(nil, "wcwidth"), to: WidthFunction.self)

    /// The display width of captured text as curses counts it, independently of Folio's
    /// own DisplayWidth.
    static func columns(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { $0 + max(0, Int(wcwidth(wchar_t($1.value)))) }
    }

    func importHostileBook(_ folio: Folio) throws -> String {
        let db = folio.home.appendingPathComponent("folio.db").path
        let users = folio.write("users.csv", "login,name,email,role,manager\nana,Ana Lima,ana@example.com,csm,\n")
        var accounts = "id,name,tier,owner,arr,contract_start,renewal_date\n"
        for (index, (id, name)) in Self.names.enumerated() {
            accounts += "\(id),\(Self.csvField(name)),smb,ana,\(10_000 + index * 1_000),2025-01-01,2027-0\(1 + index % 9)-15\n"
        }
        let file = folio.write("accounts.csv", accounts)
        let imported = try folio.run("import", "--db", db, users, file)
        #expect(imported.status == 0, "\(imported.stderr)")
        return db
    }

    @Test func namesThatAttackTheTerminalAreShownHarmlesslyAndAligned() throws {
        setlocale(LC_CTYPE, "C.UTF-8")
        let folio = Folio()
        defer { folio.remove() }
        let db = try importHostileBook(folio)
        let session = try TmuxSession(width: 100, height: 30, arguments: "tui --db '\(db)' --user ana", inShell: true)
        // The shell is waiting for folio to start; name the pane now, so any retitling shows.
        try session.tmux("select-pane", "-T", "folio-e2e-title")
        func paneTitle() -> String {
            ((try? session.tmux("display-message", "-p", "#{pane_title}")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(paneTitle() == "folio-e2e-title")

        let book = session.waitFor("the hostile book") { $0.contains("Book of Ana Lima") && $0.contains("10 accounts") }
        let lines = book.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix(" Folio · Book of Ana Lima") == true, "the screen was not cleared or moved")
        #expect(book.contains("Evil ^[]0;pwned^G Corp"))
        #expect(book.contains("Clear ^[[2J Screen Ltd"))
        #expect(book.contains("Paint ^[[31m Red Inc"))
        #expect(book.contains("Carriage Return Inc") && book.contains("Line Break GmbH"))
        #expect(book.contains("Reversed Text AB") && book.contains("ZeroWidth Oy"))
        #expect(book.contains("上海青松软件有限公司") && book.contains("Café 😀 Emoji"))
        #expect(book.contains("Very Long Name Very Long Name") && book.contains("…"), "the long name is cut with an ellipsis")
        #expect(!book.unicodeScalars.contains { [0x1B, 0x07, 0x0D, 0x202E, 0x200B].contains($0.value) })

        // Aligned: every row ends where the header's right-aligned RENEWAL column ends.
        let header = try #require(lines.first { $0.contains("ACCOUNT") && $0.contains("RENEWAL") })
        let rows = lines.filter { $0.contains(" smb ") }
        #expect(rows.count == Self.names.count)
        for row in rows {
            #expect(Self.columns(row) == Self.columns(header), "misaligned: \(row)")
        }

        // No colour from the data: the red the name asked for is nowhere on screen.
        let styled = try session.tmux("capture-pane", "-p", "-e")
        #expect(!styled.contains("\u{1B}[31m"))
        #expect(paneTitle() == "folio-e2e-title")

        // The account view shows the name too: open the evil account.
        try session.send("/", "e", "v", "i", "l", "Enter", "Enter")
        let account = session.waitFor("the evil account") { title($0).hasPrefix(" Folio · Evil ^[]0;pwned^G Corp") }
        #expect(!account.unicodeScalars.contains { [0x1B, 0x07].contains($0.value) })
        #expect(paneTitle() == "folio-e2e-title")
        try session.send("Escape", "Escape", "q")
        session.waitFor("the prompt after quitting") { $0.split(separator: "\n").last?.hasPrefix("$") == true }
        #expect(paneTitle() == "folio-e2e-title")
    }

    @Test func invalidUTF8IsRefusedWhereItIs() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = folio.home.appendingPathComponent("folio.db").path
        let users = folio.write("users.csv", "login,name,email,role,manager\nana,Ana Lima,ana@example.com,csm,\n")
        var bytes = Array("id,name,tier,owner,arr,contract_start,renewal_date\nH01,Good Name,smb,ana,1000,2025-01-01,2027-01-01\nH02,Bad ".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(" Name,smb,ana,1000,2025-01-01,2027-01-01\n".utf8)
        let accounts = folio.home.appendingPathComponent("accounts.csv")
        try Data(bytes).write(to: accounts)
        let result = try folio.run("import", "--db", db, users, accounts.path)
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(accounts.path):3:2: invalid UTF-8 (byte 0xFF); save the file as UTF-8, or name its encoding in a mapping (encoding: windows-1252)\n"))
        #expect(result.stderr.contains("nothing was written"))
        let listed = try folio.run("accounts", "--db", db, "--user", "ana")
        #expect(listed.status != 0 && !listed.stdout.contains("Good Name"), "all or nothing: not even the good row")
    }
}
