import Foundation
import Testing

/// Every value a person types is bounded: extreme days, durations, counts and amounts are
/// refused with a message saying what is allowed, never a crash.
@Suite("extreme input on the command line", .serialized)
struct ExtremeInputTests {
    @Test func extremeOptionsAreRefusedWithAMessage() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let out = folio.home.appendingPathComponent("out").path
        let cases: [([String], Int32, String)] = [
            (["tick", "--as-of", "9999-12-31"], 2, "--as-of \"9999-12-31\" is outside the days Folio works with (1900-01-01 to 2199-12-31)"),
            (["tick", "--as-of", "0001-01-01"], 2, "is outside the days Folio works with"),
            (["renewals", "--as-of", "0001-01-01"], 2, "is outside the days Folio works with"),
            (["report", "program", "--from", "0001-01-01"], 2, "--from \"0001-01-01\" is outside the days Folio works with"),
            (["log", "ACC-0081", "--type", "call", "--summary", "x", "--date", "9999-12-31", "--user", "siobhan.oconnor"], 65,
             "--date: \"9999-12-31\" is outside the days Folio works with"),
            (["alerts", "snooze", "1", "--until", "9999-12-31", "--reason", "x"], 2, "expected a day from 1900-01-01 to 2199-12-31"),
            (["outbox", "send", "--maildir", out, "--at", "9999-12-31T00:00:00Z"], 2, "is not a moment"),
            (["outbox", "send", "--maildir", out, "--timeout", "nan"], 2, "--timeout must be between 0 and 3600 seconds"),
            (["generate", "--accounts", "99999999999999", "--out", out], 2, "--accounts must be between 1 and 1000000"),
            (["generate", "--accounts", "2", "--out", out, "--as-of", "9999-12-31"], 2, "is outside the days Folio works with"),
            (["serve", "--idle-timeout", "9999999999999999h"], 2, "--idle-timeout \"9999999999999999h\" is longer than 168h (a week)"),
            (["serve", "--max-sessions", "99999"], 2, "--max-sessions must be between 1 and 1000"),
            (["serve", "--rate-limit", "99999"], 2, "--rate-limit must be between 0 (no limit) and 10000"),
        ]
        for (arguments, status, message) in cases {
            let result = try folio.run(arguments)
            #expect(result.status == status, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        // The last days Folio takes work end to end.
        for day in ["1900-01-01", "2199-12-31"] {
            let tick = try folio.run("tick", "--as-of", day)
            #expect(tick.status == 0, "\(day): \(tick.stderr)")
            #expect(try folio.run("renewals", "--as-of", day).status == 0)
        }
    }

    @Test func extremeValuesInAnImportAreRefusedWithTheirPlace() throws {
        let folio = Folio()
        defer { folio.remove() }
        let users = folio.write("users.csv", "login,name,email,role,manager\nana,Ana,ana@example.com,csm,\n")
        let accounts = folio.write("accounts.csv", """
            id,name,tier,owner,arr,contract_start,renewal_date
            A1,One,smb,ana,999999999999999,2025-01-01,2026-12-01
            A2,Two,smb,ana,1000,0001-01-01,9999-12-31

            """)
        let usage = folio.write("usage.csv", "account_id,week,active_users,key_actions\nA1,2026-11-16,3,9223372036854775807\n")
        let result = try folio.run("import", users, accounts, usage)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("accounts.csv:2:5: arr: 999999999999999 is too large (at most 10000000000)"), "\(result.stderr)")
        #expect(result.stderr.contains("accounts.csv:3:6: contract_start: 0001-01-01 is outside the days Folio works with"), "\(result.stderr)")
        #expect(result.stderr.contains("accounts.csv:3:7: renewal_date: 9999-12-31 is outside the days Folio works with"), "\(result.stderr)")
        #expect(result.stderr.contains("usage.csv:2:4: key_actions: 9223372036854775807 is too large (at most 1000000000000)"), "\(result.stderr)")
    }
}
