import Foundation
import Testing

/// `folio report` on the demo: "did alerting help?" answered with both groups and their sizes,
/// as JSON and CSV that parse.
@Suite("folio report")
struct ReportCommandTests {
    @Test func programReportHasBothGroupsWithSizes() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let result = try folio.run("report", "program", "--json", "--user", "helena.vasquez", "--from", "2026-06-01")
        #expect(result.status == 0, "\(result.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(doc["report"] as? String == "program")
        #expect(doc["from"] as? String == "2026-06-01")
        #expect(doc["recoveryWindowDays"] as? Int == 60)
        for name in ["alerted", "control"] {
            let group = try #require(doc[name] as? [String: Any], "\(name) missing")
            let accounts = try #require(group["accounts"] as? Int)
            let alerts = try #require(group["alerts"] as? Int)
            let decided = try #require(group["decided"] as? Int)
            #expect(accounts > 0 && alerts >= accounts, "\(name): \(group)")
            #expect(decided <= alerts)
        }
        // Over the whole demo both groups are big enough to compare, and the alerted
        // accounts (whose CSMs reached out) recovered more often than the held-out ones.
        #expect(doc["comparable"] as? Bool == true)
        let rate = { (name: String) in ((doc[name] as? [String: Any])?["recoveryRate"] as? Double) ?? -1 }
        #expect(rate("alerted") > rate("control"), "\(doc)")
        // One CSM's book is too small a sample: the report says so.
        let small = try folio.run("report", "program", "--json", "--user", "chen.wei")
        let smallDoc = try #require(try JSONSerialization.jsonObject(with: Data(small.stdout.utf8)) as? [String: Any])
        #expect(smallDoc["comparable"] as? Bool == false)
        #expect((smallDoc["note"] as? String)?.contains("under 10") == true)

        let text = try folio.run("report", "program", "--user", "helena.vasquez")
        #expect(text.status == 0)
        #expect(text.stdout.contains("Did alerting help?"))
        #expect(text.stdout.contains("alerted") && text.stdout.contains("control"))

        // A period before any history: nothing to count, said as such rather than as 0 %.
        let empty = try folio.run("report", "program", "--user", "helena.vasquez", "--from", "2020-01-01", "--to", "2020-03-31")
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("0 of 0 (not enough data)"))
        #expect(!empty.stdout.contains("0 %"))
    }

    @Test func everyReportPrintsCSVThatParses() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        for report in ["program", "team", "renewals", "health"] {
            let result = try folio.run("report", report, "--csv", "--user", "helena.vasquez")
            #expect(result.status == 0, "\(report): \(result.stderr)")
            let rows = Self.parseCSV(result.stdout)
            #expect(rows.count >= 2, "\(report): \(result.stdout)")
            let width = rows.first?.count ?? 0
            #expect(width > 1)
            #expect(rows.allSatisfy { $0.count == width }, "\(report): ragged rows")
            #expect(result.stdout.hasSuffix("\r\n"))
            let json = try folio.run("report", report, "--json", "--user", "helena.vasquez")
            #expect(json.status == 0)
            let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect(doc?["report"] as? String == report)
        }
        let program = Self.parseCSV(try folio.run("report", "program", "--csv", "--user", "helena.vasquez").stdout)
        #expect(program.first?.prefix(3) == ["group", "accounts", "alerts"])
        #expect(program.dropFirst().prefix(2).map { $0[0] } == ["alerted", "control"])
    }

    @Test func aBadPeriodIsAUsageError() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let backwards = try folio.run("report", "team", "--from", "2026-11-01", "--to", "2026-10-01")
        #expect(backwards.status == 2)
        #expect(backwards.stderr.contains("--from 2026-11-01 is after --to 2026-10-01"))
        #expect(try folio.run("report", "health", "--json", "--csv").status == 2)
    }

    /// Names that try to forge a row (CR LF), run a formula or drive the terminal: parsed back by
    /// Python's csv, each stays in its own field, formulas start with `'`, nothing else moves.
    @Test(.enabled(if: MailTools.python != nil)) func hostileNamesStayInTheirFieldAndFormulasAreNeutralised() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let names: [(login: String, manager: String, name: String, expected: String)] = [
            ("amelie.durand", "marta.novak", "=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"),
            ("jonas.muller", "marta.novak", "Jonas\r\nforged row", "Jonas\r\nforged row"),
            ("chen.wei", "marta.novak", "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("lucia.fernandez", "omar.haddad", "@SUM(1+1)", "'@SUM(1+1)"),
            ("bjorn.lindqvist", "omar.haddad", "-2+3", "'-2+3"),
            ("siobhan.oconnor", "omar.haddad", "\u{1B}]0;pwned\u{07}\u{1B}[2JSiobhán", "\u{1B}]0;pwned\u{07}\u{1B}[2JSiobhán"),
        ]
        var users = "login,name,email,role,manager\r\n"
        for n in names {
            users += "\(n.login),\"\(n.name.replacingOccurrences(of: "\"", with: "\"\""))\",\(n.login)@folio-demo.example,csm,\(n.manager)\r\n"
        }
        let imported = try folio.run("import", folio.write("users.csv", users), "--user", "helena.vasquez")
        #expect(imported.status == 0, "\(imported.stderr)")

        let report = try folio.run("report", "team", "--csv", "--user", "helena.vasquez")
        #expect(report.status == 0, "\(report.stderr)")
        let rows = try Self.parseWithPython(report.stdout, in: folio)
        let header = try #require(rows.first)
        #expect(rows.allSatisfy { $0.count == header.count }, "a row was split: \(rows)")
        let byLogin = Dictionary(rows.dropFirst().map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        for n in names { #expect(byLogin[n.login] == n.expected, "\(n.login): \(byLogin[n.login] ?? "missing")") }
        #expect(rows.count == 1 + 6 + 1, "the header, six CSMs and the total: \(rows.map { $0[0] })")
    }

    /// On a terminal the same table is terminal-safe: no escape code reaches it.
    @Test(.enabled(if: MailTools.python != nil)) func csvOnATerminalCarriesNoEscapeCodes() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let users = "login,name,email,role,manager\nchen.wei,\"\u{1B}]0;pwned\u{07}\u{1B}[2JChen\r\nforged,row\",chen.wei@folio-demo.example,csm,marta.novak\n"
        #expect(try folio.run("import", folio.write("users.csv", users), "--user", "helena.vasquez").status == 0)
        // Python runs folio on a pseudo-terminal and hands back every byte it wrote.
        let script = """
            import os, pty, sys
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            out = b""
            while True:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            os.waitpid(pid, 0)
            sys.stdout.write(out.hex())
            """
        let result = try MailTools.run(MailTools.python!, ["-c", script, Folio.binary.path, "report", "team", "--csv",
                                                          "--db", folio.databasePath, "--user", "marta.novak"])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = stride(from: 0, to: result.stdout.count, by: 2).compactMap { offset -> UInt8? in
            let start = result.stdout.index(result.stdout.startIndex, offsetBy: offset)
            return UInt8(result.stdout[start..<result.stdout.index(start, offsetBy: 2)], radix: 16)
        }
        #expect(!bytes.isEmpty)
        #expect(!bytes.contains(0x1B) && !bytes.contains(0x07), "an escape code reached the terminal")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("^[]0;pwned^G^[[2JChen forged"), "\(text)")
    }

    /// Python's own csv module reads the table back: rows of fields.
    static func parseWithPython(_ text: String, in folio: Folio) throws -> [[String]] {
        let path = folio.write("report.csv", text)
        let script = "import csv, json, sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))"
        let result = try MailTools.run(MailTools.python!, ["-c", script, path])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]] ?? []
    }

    /// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
