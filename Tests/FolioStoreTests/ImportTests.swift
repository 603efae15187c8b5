import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

@Suite("CSV import")
struct ImportTests {
    @Test func importsAWholePortfolio() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        let summary = try importer(db)(Portfolio.write(to: scratch))
        #expect(summary.files.map(\.kind) == ImportKind.portfolio)
        #expect(try db.count("user") == 5)
        #expect(try db.count("account") == 3)
        #expect(try db.count("contact") == 3)
        #expect(try db.count("usage") == 3)
        #expect(try db.count("nps_response") == 2)
        #expect(try db.count("activity") == 2)
        #expect(try db.count("audit_entry") == 8)
        try db.read { db in
            let a2 = try #require(try Account.fetchOne(db, sql: "SELECT * FROM account WHERE id = 'A2'"))
            #expect(a2.name == "Café Lumière, SARL")
            #expect(a2.owner == "kenji") // matched by exact name
            #expect(a2.arr == Money(cents: 4_800_050))
            #expect(a2.status == .active)
            let a3 = try #require(try Account.fetchOne(db, sql: "SELECT * FROM account WHERE id = 'A3'"))
            #expect(a3.owner == "kenji") // matched by email
            #expect(a3.emailOptOut)
            let ana = try #require(try Book.user("ana", in: db))
            #expect(ana.managerLogin == "max") // manager matched by name
            let comment = try String.fetchOne(db, sql: "SELECT comment FROM nps_response WHERE contact_id = 'C3'")
            #expect(comment == "Trop de bugs\ndepuis la mise à jour")
            let c1 = try #require(try Contact.fetchOne(db, sql: "SELECT * FROM contact WHERE id = 'C1'"))
            #expect(c1.roles == [.sponsor, .champion])
        }
    }

    @Test func reimportingUpdatesByKeyAndAddsNothing() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        let paths = Portfolio.write(to: scratch)
        _ = try importer(db)(paths)
        let first = try db.dump().replacingOccurrences(of: "import_batch:1", with: "")
        let again = try importer(db)(paths)
        #expect(again.files.allSatisfy { $0.added == 0 })
        #expect(try db.count("activity") == 2) // the activity without an id is not added twice
        #expect(try db.count("usage") == 3)
        // Unchanged rows are left as they were (still marked with the first import's number).
        let second = try db.dump().replacingOccurrences(of: "import_batch:2", with: "").replacingOccurrences(of: "import_batch:1", with: "")
        #expect(first.components(separatedBy: "## audit_entry")[1].isEmpty == false)
        #expect(first.components(separatedBy: "## audit_entry")[0].replacingOccurrences(of: "import_batch:1", with: "")
                == second.components(separatedBy: "## audit_entry")[0])
        // A changed value updates the row in place.
        let accounts = scratch.write("accounts.csv", Portfolio.accounts.replacingOccurrences(of: "250000", with: "275000") + "\n")
        let summary = try importer(db)([accounts])
        #expect(summary.files[0].added == 0)
        let arr = try db.read { try Int64.fetchOne($0, sql: "SELECT arr_cents FROM account WHERE id = 'A1'") }
        #expect(arr == 27_500_000)
        #expect(try db.count("contact") == 3) // updating an account keeps its contacts
    }

    /// Each bad input: the problems reported, and the database exactly as before.
    @Test(arguments: [
        BadInput(name: "missing file", files: [], extra: ["nowhere/accounts.csv"], expected: ["nowhere/accounts.csv:1:1: no such file"]),
        BadInput(name: "empty file", files: [("accounts.csv", "")],
                 expected: ["accounts.csv:1:1: the file is empty; expected a header row: id,name,tier,owner,ae,arr,contract_start,renewal_date,seats,timezone,opt_out,status,term_months,keys"]),
        BadInput(name: "header only", files: [("accounts.csv", "id,name,tier,owner,arr,contract_start,renewal_date\n")],
                 expected: ["accounts.csv:2:1: no data rows after the header"]),
        BadInput(name: "unknown column", files: [("accounts.csv", "id,name,tier,owner,arr,contract_start,renewal_date,colour\nA9,X,smb,ana,1,2026-01-01,2027-01-01,red\n")],
                 expected: ["accounts.csv:1:8: unknown column \"colour\" for accounts; expected id, name, tier, owner, ae, arr, contract_start, renewal_date, seats, timezone, opt_out, status, term_months, keys; a mapping file (--map) can rename or ignore it"]),
        BadInput(name: "missing required column", files: [("accounts.csv", "id,name,tier,owner,contract_start,renewal_date\nA9,X,smb,ana,2026-01-01,2027-01-01\n")],
                 expected: ["accounts.csv:2:7: arr: a new account needs it, and the file has no arr column; add one, map one (columns:), or give a default in the mapping (defaults:)"]),
        BadInput(name: "wrong date", files: [("accounts.csv", "id,name,tier,owner,arr,contract_start,renewal_date\nA9,X,smb,ana,1,2026-02-30,2027-01-01\n")],
                 expected: ["accounts.csv:2:6: contract_start: \"2026-02-30\" is not a valid date; expected YYYY-MM-DD (a time may follow)"]),
        BadInput(name: "negative ARR", files: [("accounts.csv", "id,name,tier,owner,arr,contract_start,renewal_date\nA9,X,smb,ana,-5,2026-01-01,2027-01-01\n")],
                 expected: ["accounts.csv:2:5: arr: -5 is negative; expected an amount ≥ 0"]),
        BadInput(name: "unknown tier", files: [("accounts.csv", "id,name,tier,owner,arr,contract_start,renewal_date\nA9,X,gold,ana,1,2026-01-01,2027-01-01\n")],
                 expected: ["accounts.csv:2:3: tier: unknown value \"gold\"; expected one of enterprise, mid-market, smb"]),
        BadInput(name: "duplicate id", files: [("contacts.csv", "id,account_id,name,email\nC8,A1,A,a@x.test\nC9,A1,B,b@x.test\nC8,A2,C,c@x.test\n")],
                 expected: ["contacts.csv:4:1: duplicate: contact C8 was already given earlier in this import"]),
        BadInput(name: "owner is not a user", files: [("accounts.csv", "id,name,tier,owner,arr,contract_start,renewal_date\nA9,X,smb,Nobody Here,1,2026-01-01,2027-01-01\n")],
                 expected: ["accounts.csv:2:4: owner: \"Nobody Here\" is not a user (tried logins, emails, names and CRM user ids (user keys)); import users.csv first (or in the same run), or add \"Nobody Here\" to that user's keys (users.csv column keys: their CRM user id)"]),
        BadInput(name: "usage for an unknown account", files: [("usage.csv", "account_id,week,active_users,key_actions\nA1,2026-11-16,3,40\nZZ,2026-11-16,3,40\n")],
                 expected: ["usage.csv:3:1: account_id: no account \"ZZ\" (tried account ids (a Salesforce id in its 15- or 18-character form), account keys and names); import that account first (or in the same run), or add \"ZZ\" to its keys (the accounts column keys, or map a column to keys)"]),
        BadInput(name: "usage week not a Monday", files: [("usage.csv", "account_id,week,active_users,key_actions\nA1,2026-11-17,3,40\n")],
                 expected: ["usage.csv:2:2: week: 2026-11-17 is not a Monday; a usage week is given by its Monday (2026-11-16); rows per day go in a date column instead, and are rolled up into their weeks"]),
        BadInput(name: "wrong number of fields", files: [("payments.csv", "account_id,as_of,days_overdue\nA1,2026-11-20\n")],
                 expected: ["payments.csv:2:3: expected 3 fields as in the header, found 2"]),
        BadInput(name: "stray quote", files: [("payments.csv", "account_id,as_of,days_overdue\nA1,2026-11-20,3\"0\n")],
                 expected: ["payments.csv:2:3: stray quote in an unquoted field; quote the whole field and double the quote (\"\")"]),
        BadInput(name: "unterminated quote", files: [("payments.csv", "account_id,as_of,days_overdue\nA1,\"2026-11-20,30\nA2,2026-11-20,0\n")],
                 expected: ["payments.csv:2:2: unterminated quoted field: the closing quote is missing"]),
        BadInput(name: "several problems at once", files: [("accounts.csv", "id,name,tier,owner,arr,contract_start,renewal_date\nA9,,gold,ana,x,2026-01-01,2025-01-01\nA8,Y,smb,ana,1,2026-13-01,2027-01-01\n")],
                 expected: ["accounts.csv:2:2: name: is empty; a value is required",
                            "accounts.csv:2:3: tier: unknown value \"gold\"; expected one of enterprise, mid-market, smb",
                            "accounts.csv:2:5: arr: \"x\" is not a number (unexpected \"x\")",
                            "accounts.csv:2:7: renewal_date: 2025-01-01 is not after contract_start 2026-01-01",
                            "accounts.csv:3:6: contract_start: \"2026-13-01\" is not a valid date; expected YYYY-MM-DD (a time may follow)"]),
        BadInput(name: "bad file among good ones", files: [("contacts.csv", "id,account_id,name,email\nC7,A1,Ok,ok@x.test\n"),
                                                          ("nps.csv", "contact_id,date,score\nC7,2026-11-01,11\n")],
                 expected: ["nps.csv:2:3: score: 11 is too large (at most 10)"]),
    ])
    func badInputIsRefusedAndChangesNothing(_ input: BadInput) throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        let before = try db.dump()
        let bad = Scratch()
        let paths = input.files.map { bad.write($0.0, $0.1) } + input.extra.map { bad.path($0) }
        let problems = failures(bad) { try importer(db)(paths) }
        #expect(problems == input.expected, "\(input.name)")
        #expect(try db.dump() == before, "\(input.name): the database changed")
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        let text = "account_id,as_of,days_overdue\r\nA1,2026-11-20,0\r\nA3,2026-11-20,12\r\n"
        let path = scratch.write("payments.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        _ = try importer(db)([path])
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT days_overdue FROM payment_status WHERE account_id = 'A3'") } == 12)
        // A problem after CRLF lines and a BOM still names the right line.
        let bad = scratch.write("payments.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("account_id,as_of,days_overdue\r\nA1,2026-11-20,0\r\nA3,2026-11-20,-1\r\n".utf8))
        #expect(failures(scratch) { try importer(db)([bad]) } == ["payments.csv:3:3: days_overdue: -1 is negative; expected a whole number ≥ 0"])
    }

    @Test func quotedCommasNewlinesAndQuotesKeepTheirLines() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        let csv = """
            id,account_id,type,date,author,summary
            Q1,A1,note,2026-11-01,ana,"Said: ""we love it"", then
            asked about
            pricing, twice"
            Q2,A1,note,2026-11-02,ana,plain
            Q3,A1,note,2026-11-31,ana,"bad date, line 7"

            """
        let path = scratch.write("activities.csv", csv)
        #expect(failures(scratch) { try importer(db)([path]) } == ["activities.csv:6:4: date: \"2026-11-31\" is not a valid date; expected YYYY-MM-DD (a time may follow)"])
        let good = scratch.write("activities.csv", csv.replacingOccurrences(of: "2026-11-31", with: "2026-11-30"))
        _ = try importer(db)([good])
        let summary = try db.read { try String.fetchOne($0, sql: "SELECT summary FROM activity WHERE id = 'Q1'") }
        #expect(summary == "Said: \"we love it\", then\nasked about\npricing, twice")
    }

    @Test func invalidUTF8IsLocated() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        let before = try db.dump()
        let bytes = Array("id,account_id,name,email\nC5,A1,Ok,ok@x.test\nC6,A1,Caf".utf8) + [0xE9] + Array(",cafe@x.test\n".utf8)
        let path = scratch.write("contacts.csv", bytes: bytes)
        #expect(failures(scratch) { try importer(db)([path]) } == ["contacts.csv:3:3: invalid UTF-8 (byte 0xE9); save the file as UTF-8, or name its encoding in a mapping (encoding: windows-1252)"])
        #expect(try db.dump() == before)
        // A NUL byte is never text (a name would end at it in every reader): refused where it is,
        // past a run of ASCII long enough for the 8-bytes-at-a-time check.
        let nul = Array("id,account_id,name,email\nC7,A1,Bad Company Incorporated ".utf8) + [0x00] + Array(" Ltd,bad@x.test\n".utf8)
        #expect(failures(scratch) { try importer(db)([scratch.write("contacts.csv", bytes: nul)]) }
                == ["contacts.csv:2:3: a NUL byte (0x00), which text never holds: the file is binary or UTF-16, or was cut short while written; save it as UTF-8 CSV"])
        #expect(try db.dump() == before)
    }

    @Test func aTenMegabyteFieldIsRefused() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        let before = try db.dump()
        let huge = String(repeating: "x", count: 10 * 1024 * 1024)
        let path = scratch.write("activities.csv", "id,account_id,type,date,author,summary\nH1,A1,note,2026-11-01,ana,\(huge)\n")
        #expect(failures(scratch) { try importer(db)([path]) } == ["activities.csv:2:6: field is 10,485,760 bytes; at most 1,048,576 are allowed"])
        #expect(try db.dump() == before)
    }

    @Test func aKeyGivenTwiceIsCaughtWhenItsRowIsUnchanged() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        let header = "account_id,week,active_users,logins,key_actions,features_used,features_available\n"
        let row = "A1,2026-11-02,210,900,12000,14,24\n"
        // The same unchanged row twice, then once more with a changed value, in one file…
        let twice = scratch.write("usage.csv", header + row + row + "A1,2026-11-02,211,900,12000,14,24\n")
        #expect(failures(scratch) { try importer(db)([twice]) } == [
            "usage.csv:3:1: duplicate: usage for A1, week 2026-11-02 was already given earlier in this import",
            "usage.csv:4:1: duplicate: usage for A1, week 2026-11-02 was already given earlier in this import",
        ])
        // …and in two files of one import.
        try FileManager.default.createDirectory(atPath: scratch.path("more"), withIntermediateDirectories: true)
        let again = scratch.write("more/usage.csv", header + row)
        let once = scratch.write("usage.csv", header + row)
        #expect(failures(scratch) { try importer(db)([once, again]) } == [
            "more/usage.csv:2:1: duplicate: usage for A1, week 2026-11-02 was already given earlier in this import",
        ])
        // Another kind given between them: the keys are kept until the last file that writes the table.
        let payments = scratch.write("payments.csv", "account_id,as_of,days_overdue\nA1,2026-11-01,0\n")
        #expect(failures(scratch) { try importer(db)([once, payments, again]) } == [
            "more/usage.csv:2:1: duplicate: usage for A1, week 2026-11-02 was already given earlier in this import",
        ])
        let active = try db.read { try Int.fetchOne($0, sql: "SELECT active_users FROM usage WHERE account_id = 'A1' AND week = '2026-11-02'") }
        #expect(active == 210)
    }

    @Test func problemsStopAtTheLimit() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        var csv = "account_id,as_of,days_overdue\n"
        for i in 0..<50 { csv += "A1,2026-10-\(String(format: "%02d", i % 28 + 1)),-\(i + 1)\n" }
        let path = scratch.write("payments.csv", csv)
        do {
            _ = try importer(db, limit: 10)([path])
            Issue.record("expected a failure")
        } catch let failed as ImportFailed {
            #expect(failed.problems.count == 10)
            #expect(failed.truncated)
            #expect(failed.description.hasSuffix("(stopped after 10 problems)\nimport refused: nothing was written"))
        }
    }

    @Test func referencesResolveWithinOneImport() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        // Given in the "wrong" order on the command line: applied users → accounts → contacts.
        let paths = Portfolio.write(to: scratch).reversed()
        _ = try importer(db)(Array(paths))
        #expect(try db.count("nps_response") == 2)
    }

    @Test func ambiguousNamesAreRefused() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        let users = scratch.write("users.csv", "login,name,email,role\nal1,Al Smith,a1@x.test,csm\nal2,Al Smith,a2@x.test,csm\n")
        let accounts = scratch.write("accounts.csv", "id,name,tier,owner,arr,contract_start,renewal_date\nB1,B,smb,Al Smith,1,2026-01-01,2027-01-01\n")
        #expect(failures(scratch) { try importer(db)([users, accounts]) } == ["accounts.csv:2:4: owner: \"Al Smith\" matches more than one user; use the login (or a key only one user has)"])
    }

    @Test func fileKindComesFromTheNameOrTheOption() {
        #expect(ImportKind.guess(fromFileName: "/tmp/accounts-2026.csv") == .accounts)
        #expect(ImportKind.guess(fromFileName: "Usage_Q3.CSV") == .usage)
        #expect(ImportKind.guess(fromFileName: "report.csv") == nil)
        let scratch = Scratch()
        let path = scratch.write("report.csv", "login,name,email,role\n")
        #expect(failures(scratch) { try importer(try! scratch.database())([path]) }.first?.hasPrefix("report.csv:1:1: cannot tell what kind of data this is") == true)
    }

    @Test func recordsReadFromAFileGiveTheirFieldsAsStringRecordsWould() throws {
        let scratch = Scratch()
        let text = "a,b,c\r\nG0000001,\"Café, \"\"Lumière\"\"\",\r\n,,\n\"two\nlines\",2026-01-05,42\n"
        let reader = try CSVRecordReader(path: scratch.write("r.csv", text), displayName: "r.csv")
        let expected: [(line: Int, fields: [String])] = [
            (1, ["a", "b", "c"]), (2, ["G0000001", "Café, \"Lumière\"", ""]), (3, ["", "", ""]), (4, ["two\nlines", "2026-01-05", "42"]),
        ]
        for want in expected {
            let record = try #require(try reader.next())
            let strings = CSVRecord(line: want.line, fields: want.fields)
            #expect(record.line == want.line)
            #expect(record.count == strings.count)
            #expect(record.fields == want.fields)
            #expect(record.isBlank == strings.isBlank)
            for i in 0..<record.count {
                #expect(record.field(i) == strings.field(i))
                #expect(record.isEmpty(i) == strings.isEmpty(i))
                #expect(record.withBytes(i) { Array($0) } == strings.withBytes(i) { Array($0) })
            }
        }
        #expect(try reader.next() == nil)
    }

    @Test func plainValuesTakeTheShortWayToTheSameAnswer() {
        for value in ["G0000001-C1", "Annual Revenue", "ARR", "already plain", " Padded ", "Two  Spaces", "Ünïcode Name", "Tab\tName", ""] {
            #expect(ImportMapping.normalize(value) == value.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
        }
        for (value, has) in [("ana@example.com", true), ("ana.example.com", false), ("josé@exemple.fr", true), ("", false)] {
            #expect(ImportRow.hasAt(value) == has)
        }
    }

    @Test func aFileWithoutAKindNameIsToldWhatItsHeaderLooksLike() {
        let scratch = Scratch()
        let own = scratch.write("export (3).csv", "login,name,email,role,manager\nana,Ana,ana@x.io,csm,\n")
        #expect(MappingSuggestion.kindHint(for: own) == "its header has Folio's own columns for users: --kind users")
        #expect(failures(scratch) { try importer(try! scratch.database())([own]) }.first?.hasSuffix("(its header has Folio's own columns for users: --kind users)") == true)
        let report = scratch.write("report1765.csv", "Account Name,Account ID,Account Owner,Type,Billing Country\nAcme,001xx000003DGb2AAG,Ana,Customer,US\n")
        #expect(MappingSuggestion.kindHint(for: report)?.hasSuffix("--map salesforce-report-accounts") == true)
        // A file that is not there, or a folder, is said to be one before any guess at its kind.
        #expect(failures(scratch) { try importer(try! scratch.database())([scratch.url.appendingPathComponent("gone.csv").path, scratch.url.path]) }
                == ["gone.csv:1:1: no such file", "\(scratch.url.path):1:1: is a folder; name the files in it (folio import *.csv)"])  // `failures` drops the folder's path
        // A header that names nothing clearly adds no hint.
        #expect(MappingSuggestion.kindHint(for: scratch.write("notes.csv", "when,what\n2026-01-01,x\n")) == nil)
        #expect(MappingSuggestion.kindHint(for: scratch.write("mixed.csv", "id,name,login\n")) == nil)
    }
}

struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    var files: [(String, String)]
    var extra: [String] = []
    var expected: [String]
    var testDescription: String { name }
}

@Suite("Contract term on import")
struct ContractTermImportTests {
    @Test func termMonthsIsOptionalCheckedAndStored() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        let users = scratch.write("users.csv", Portfolio.users + "\n")
        let bad = scratch.write("accounts.csv", """
            id,name,tier,owner,arr,contract_start,renewal_date,term_months
            T1,Two Year Co,smb,ana,1000,2025-01-01,2027-01-01,0
            """ + "\n")
        let problems = failures(scratch) { try importer(db)([users, bad]) }
        #expect(problems == ["accounts.csv:2:8: term_months: 0 is not a contract term; expected 1 to 120 months (12 for annual)"])
        let good = scratch.write("accounts.csv", """
            id,name,tier,owner,arr,contract_start,renewal_date,term_months
            T1,Two Year Co,smb,ana,1000,2025-01-01,2027-01-01,24
            T2,Annual Co,smb,ana,1000,2025-01-01,2026-01-01,
            """ + "\n")
        _ = try importer(db)([users, good])
        let terms = try db.read { try Int.fetchAll($0, sql: "SELECT term_months FROM account ORDER BY id") }
        #expect(terms == [24, 12])
    }
}
