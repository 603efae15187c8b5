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
