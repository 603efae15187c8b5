import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// What an import does with the book it finds: partial updates, defaults, keys, the audit,
/// quarantine and dry runs, who may import, and the refusals' messages.
@Suite("Import behaviour")
struct ImportBehaviourTests {
    static func book() throws -> (Scratch, FolioDatabase) {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        return (scratch, db)
    }

    static func run(_ db: FolioDatabase, _ paths: [String], mapping: ImportMapping? = nil, kind: ImportKind? = nil,
                    configure: (inout PortfolioImporter.Options) -> Void = { _ in }) throws -> ImportSummary {
        var options = PortfolioImporter.Options(kind: kind, mapping: mapping, actor: "vera", at: 1_763_640_000)
        configure(&options)
        return try PortfolioImporter(database: db).run(paths: paths, options: options)
    }

    static func mapping(_ yaml: String) throws -> ImportMapping {
        try ImportMapping.parse(yaml: yaml, name: "test.yaml", depth: 0)
    }

    // MARK: Files that are not text

    /// A workbook or an archive is known by its first bytes, whatever its name says: what it
    /// is and what to do, and nothing written.
    @Test func aWorkbookOrAnArchiveIsNamedForWhatItIsWhateverItsName() throws {
        let (scratch, db) = try Self.book()
        defer { withExtendedLifetime(scratch) {} }
        let dump = try db.dump()
        let workbook = scratch.write("accounts.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])
        let old = scratch.write("contacts.csv", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00])
        let gzipped = scratch.write("events.json", bytes: [0x1F, 0x8B, 0x08, 0x00])
        #expect(failures(scratch) { try Self.run(db, [workbook]) }
            == ["accounts.csv:1:1: is an Excel workbook (.xlsx, a zip), not CSV; save it as CSV UTF-8 (File › Save As › CSV UTF-8) first"])
        #expect(failures(scratch) { try Self.run(db, [old]) }
            == ["contacts.csv:1:1: is an Excel 97–2003 workbook (.xls), not CSV; save it as CSV UTF-8 (File › Save As › CSV UTF-8) first"])
        #expect(failures(scratch) { try Self.run(db, [gzipped], mapping: try ImportMapping.builtIn("amplitude-events")) }
            == ["events.json:1:1: is compressed (gzip); decompress it first (gunzip)"])
        #expect(try db.dump() == dump)
    }

    // MARK: Partial updates and defaults

    @Test func anUpdateNeverTouchesColumnsTheFileLacks() throws {
        let (scratch, db) = try Self.book()
        let before = try db.read { try Row.fetchAll($0, sql: "SELECT * FROM account ORDER BY id") }
        let file = scratch.write("accounts.csv", "ID , ARR\nA1,260000\nA2,48000.50\n")
        let summary = try Self.run(db, [file])
        #expect(summary.files[0].changed == 1 && summary.files[0].unchanged == 1)
        let after = try db.read { try Row.fetchAll($0, sql: "SELECT * FROM account ORDER BY id") }
        for (old, new) in zip(before, after) {
            for column in old.columnNames where column != "arr_cents" && column != "import_batch" {
                #expect(old[column] as DatabaseValue == new[column] as DatabaseValue, "\(column) of \(old["id"] as String) changed")
            }
        }
        #expect(after[0]["arr_cents"] as Int64 == 26_000_000)
        // Contacts too: a file of emails changes emails only.
        let contacts = scratch.write("contacts.csv", "id,email\nC1,jane.roe@acme.test\n")
        _ = try Self.run(db, [contacts])
        let c1 = try db.read { try Contact.fetchOne($0, sql: "SELECT * FROM contact WHERE id = 'C1'") }
        #expect(c1?.email == "jane.roe@acme.test" && c1?.roles == [.sponsor, .champion] && c1?.name == "Jane Roe")
    }

    @Test func defaultsFillNewRecordsOnly() throws {
        let (scratch, db) = try Self.book()
        let map = try Self.mapping("kind: accounts\ndefaults: { tier: smb, owner: kenji, contract_start: 2026-01-01 }\n")
        let file = scratch.write("export.csv", "id,name,arr,renewal_date\nA1,Acme Rockets,250000,2027-01-15\nA9,New Co,1000,2027-06-01\n")
        _ = try Self.run(db, [file], mapping: map)
        let a1 = try db.read { try Account.fetchOne($0, sql: "SELECT * FROM account WHERE id = 'A1'") }
        #expect(a1?.tier == .enterprise && a1?.owner == "ana" && a1?.contractStart == Day(iso: "2024-01-15"))
        let a9 = try db.read { try Account.fetchOne($0, sql: "SELECT * FROM account WHERE id = 'A9'") }
        #expect(a9?.tier == .smb && a9?.owner == "kenji" && a9?.contractStart == Day(iso: "2026-01-01"))
    }

    @Test func aNewRecordWithoutWhatItNeedsSaysWhatToAdd() throws {
        let (scratch, db) = try Self.book()
        let file = scratch.write("accounts.csv", "id,arr\nA1,1\nA9,1\n")
        #expect(failures(scratch) { try Self.run(db, [file]) } == [
            "accounts.csv:3:3: name: a new account needs it, and the file has no name column; add one, map one (columns:), or give a default in the mapping (defaults:)",
            "accounts.csv:3:3: tier: a new account needs it, and the file has no tier column; add one, map one (columns:), or give a default in the mapping (defaults:)",
            "accounts.csv:3:3: owner: a new account needs it, and the file has no owner column; add one, map one (columns:), or give a default in the mapping (defaults:)",
            "accounts.csv:3:3: contract_start: a new account needs it, and the file has no contract_start column; add one, map one (columns:), or give a default in the mapping (defaults:)",
            "accounts.csv:3:3: renewal_date: a new account needs it, and the file has no renewal_date column; add one, map one (columns:), or give a default in the mapping (defaults:)",
        ])
    }

    @Test func everyChangedRecordIsAuditedBeforeAndAfter() throws {
        let (scratch, db) = try Self.book()
        let file = scratch.write("accounts.csv", "id,owner,arr\nA2,ana,1\n")
        _ = try Self.run(db, [file])
        let entry = try db.read { try Row.fetchOne($0, sql: "SELECT actor, subject, before, after FROM audit_entry WHERE action = 'import.change'") }
        #expect(entry?["actor"] == "vera" && entry?["subject"] == "account A2")
        #expect(entry?["before"] == #"{"owner":"kenji","arr":"48000.50"}"#)
        #expect(entry?["after"] == #"{"owner":"ana","arr":"1"}"#)
    }

    @Test func accountsCarryCustomAttributes() throws {
        let (scratch, db) = try Self.book()
        _ = try Self.run(db, [scratch.write("accounts.csv", "id,attribute.plan,Attribute.Employees\nA1,annual,\"1,200\"\nA2,monthly,\n")])
        let plans = try db.read { try AccountAttributes.values(named: "plan", in: $0) }
        #expect(plans == ["A1": .init(text: "annual", number: nil), "A2": .init(text: "monthly", number: nil)])
        let employees = try db.read { try AccountAttributes.values(named: "employees", in: $0) }
        #expect(employees == ["A1": .init(text: "1,200", number: 1200)])
        // An empty cell clears the attribute; a file without the column leaves it.
        _ = try Self.run(db, [scratch.write("accounts.csv", "id,attribute.plan\nA1,\n")])
        #expect(try db.read { try AccountAttributes.attributes(ofAccount: "A1", in: $0) }.keys.sorted() == ["employees"])
    }

    // MARK: Keys

    @Test func keysLinkRecordsAcrossSystems() throws {
        let (scratch, db) = try Self.book()
        _ = try Self.run(db, [scratch.write("accounts.csv", "id,keys\nA1,hubspot:88;acme.test\n")])
        _ = try Self.run(db, [scratch.write("cases.csv", "id,account_id,priority,opened\nZ1,ACME.TEST,low,2026-11-01\nZ2,hubspot:88,low,2026-11-02\nZ3,Acme Rockets,low,2026-11-03\n")])
        let accounts = try db.read { try String.fetchAll($0, sql: "SELECT account_id FROM support_case WHERE id LIKE 'Z%' ORDER BY id") }
        #expect(accounts == ["A1", "A1", "A1"])
        let clash = scratch.write("accounts.csv", "id,keys\nA2,acme.test\n")
        #expect(failures(scratch) { try Self.run(db, [clash]) } == ["accounts.csv:2:2: keys: \"acme.test\" already names account A1; a key names one record"])
        let unknown = scratch.write("cases.csv", "id,account_id,priority,opened\nZ4,nowhere.test,low,2026-11-01\n")
        #expect(failures(scratch) { try Self.run(db, [unknown]) } == [
            "cases.csv:2:2: account_id: no account \"nowhere.test\" (tried account ids (a Salesforce id in its 15- or 18-character form), account keys and names); import that account first (or in the same run), or add \"nowhere.test\" to its keys (the accounts column keys, or map a column to keys)",
        ])
    }

    @Test func ownersResolveByTheirCRMUserIds() throws {
        let (scratch, db) = try Self.book()
        _ = try Self.run(db, [scratch.write("users.csv", "login,keys\nana,0055g00000AbCdE\n")])
        _ = try Self.run(db, [scratch.write("accounts.csv", "id,owner\nA2,0055g00000AbCdEAAV\n")])
        #expect(try db.read { try String.fetchOne($0, sql: "SELECT owner FROM account WHERE id = 'A2'") } == "ana")
        let unknown = scratch.write("accounts.csv", "id,owner\nA2,0055g00000ZzZzZAAA\n")
        #expect(failures(scratch) { try Self.run(db, [unknown]) } == [
            "accounts.csv:2:2: owner: \"0055g00000ZzZzZAAA\" is not a user (tried logins, emails, names and CRM user ids (user keys)); import users.csv first (or in the same run), or add \"0055g00000ZzZzZAAA\" to that user's keys (users.csv column keys: their CRM user id)",
        ])
    }

    // MARK: File shapes

    @Test func semicolonFilesAndCaseInsensitiveHeaders() throws {
        let (scratch, db) = try Self.book()
        let file = scratch.write("payments.csv", "Account_ID;AS_OF;Days_Overdue\nA1;2026-11-20;0\nA3;2026-11-20;12\n")
        _ = try Self.run(db, [file])
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT days_overdue FROM payment_status WHERE account_id = 'A3'") } == 12)
        let short = scratch.write("payments.csv", "account_id;as_of;days_overdue\nA1;2026-11-21\n")
        #expect(failures(scratch) { try Self.run(db, [short]) } == ["payments.csv:2:3: expected 3 fields as in the header (semicolon-separated), found 2"])
    }

    @Test func anUnknownColumnGetsADidYouMean() throws {
        let (scratch, db) = try Self.book()
        let file = scratch.write("payments.csv", "acount_id,as_of,days_overdue\nA1,2026-11-20,0\n")
        #expect(failures(scratch) { try Self.run(db, [file]) } == [
            "payments.csv:1:1: unknown column \"acount_id\" for payments; did you mean \"account_id\"?; a mapping file (--map) can rename or ignore it",
            "payments.csv:1:4: missing required column \"account_id\" for payments (required: account_id, as_of)",
        ])
        let map = try Self.mapping("kind: payments\nignore_unmapped: true\ncolumns: { Customer: account_id }\n")
        let loose = scratch.write("export.csv", "Customer,as_of,days_overdue,Region,Notes\nA1,2026-11-20,3,EU,late\n")
        _ = try Self.run(db, [loose], mapping: map)
    }

    @Test func aReportFooterIsSkippedOnlyAtTheEnd() throws {
        let (scratch, db) = try Self.book()
        let footer = "\n\"Grand Totals (2 records)\"\n\n\"Confidential Information - Do Not Distribute\"\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n"
        let good = scratch.write("payments.csv", "\"account_id\",\"as_of\",\"days_overdue\"\n\"A1\",\"2026-11-20\",\"0\"\n\"A3\",\"2026-11-20\",\"5\"\n" + footer)
        let summary = try Self.run(db, [good])
        #expect(summary.files[0].notes == ["skipped the Salesforce report footer from line 5 (\"Grand Totals (2 records)\", \"Confidential Information - Do Not Distribute\", \"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\")"])
        let cut = scratch.write("payments.csv", "account_id,as_of,days_overdue\nA1,2026-11-21,0\n" + footer)
        #expect(try Self.run(db, [cut]).files[0].notes.first?.hasSuffix("it counts 2 records but the file has 1 rows: was the export cut short?") == true)
        let middle = scratch.write("payments.csv", "account_id,as_of,days_overdue\nA1,2026-11-22,0\n\"Grand Totals (1 records)\"\nA3,2026-11-22,5\n")
        #expect(failures(scratch) { try Self.run(db, [middle]) } == ["payments.csv:3:2: expected 3 fields as in the header, found 1"])
    }

    @Test func aWindows1252FileWithItsEncodingNamed() throws {
        let (scratch, db) = try Self.book()
        let bytes: [UInt8] = Array("id,account_id,name,email\nC9,A1,Ren".utf8) + [0xE9, 0x20, 0x80] + Array(",rene@acme.test\n".utf8)
        let file = scratch.write("contacts.csv", bytes: bytes)
        #expect(failures(scratch) { try Self.run(db, [file]) } == ["contacts.csv:2:3: invalid UTF-8 (byte 0xE9); save the file as UTF-8, or name its encoding in a mapping (encoding: windows-1252)"])
        _ = try Self.run(db, [file], mapping: try Self.mapping("encoding: windows-1252\n"))
        #expect(try db.read { try String.fetchOne($0, sql: "SELECT name FROM contact WHERE id = 'C9'") } == "René €")
    }

    @Test func joinedColumnsValueMapsPerItemAndTransforms() throws {
        let (scratch, db) = try Self.book()
        let contacts = try Self.mapping("""
            kind: contacts
            columns:
              Contact: id
              Company: account_id
              name: "{First} {Last}"
              Mail: email
              Roles: roles
            values:
              roles: { Executive Sponsor: sponsor, Champion: champion, "*": "" }
            """)
        let file = scratch.write("export.csv", "Contact,Company,First,Last,Mail,Roles\nC7,A1,Mia,Park,mia@acme.test,Executive Sponsor;Influencer;Champion\n")
        _ = try Self.run(db, [file], mapping: contacts)
        let c7 = try db.read { try Contact.fetchOne($0, sql: "SELECT * FROM contact WHERE id = 'C7'") }
        #expect(c7?.name == "Mia Park" && c7?.roles == [.sponsor, .champion])
        let accounts = try Self.mapping("""
            kind: accounts
            columns: { MRR: arr, Term: term_months, End: renewal_date }
            transforms:
              arr: { scale: 12 }
              term_months: term
              contract_start: { months_before: renewal_date, months: term_months }
            defaults: { name: Imported, tier: smb, owner: ana }
            """)
        let export = scratch.write("export.csv", "id,MRR,Term,End\nA7,\"1,000.50\",2 Years,2027-06-30\n")
        _ = try Self.run(db, [export], mapping: accounts)
        let a7 = try db.read { try Account.fetchOne($0, sql: "SELECT * FROM account WHERE id = 'A7'") }
        #expect(a7?.arr == Money(units: 12_006) && a7?.termMonths == 24 && a7?.contractStart == Day(iso: "2025-06-30"))
    }

    @Test func refusalsSayWhatAndWhere() throws {
        let (scratch, db) = try Self.book()
        let cases: [(String, String, String)] = [
            ("cases.csv", "id,account_id,priority,opened\nZ1,A1,low,03/04/2026\n",
             "cases.csv:2:4: opened: \"03/04/2026\" could be day/month or month/day; say which with locale: (en-US reads M/D/YYYY, en-GB D/M/YYYY) or a pattern (dates: {opened: MM/dd/yyyy}) in a mapping"),
            ("accounts.csv", "id,arr\nA1,\"1,5\"\n",
             "accounts.csv:2:2: arr: \"1,5\" has a \",\" that does not group thousands: is it a decimal comma? Set the file's locale in the mapping (locale: de-DE, fr-FR…)"),
            ("outcomes.csv", "account_id,outcome,date,arr_change\nA1,lost,2026-10-01,\n",
             "outcomes.csv:2:2: outcome: unknown value \"lost\"; expected one of churned, renewed, expanded, contracted"),
            ("outcomes.csv", "account_id,outcome,date,arr_change\nA1,churned,2026-10-01,12000\n",
             "outcomes.csv:2:4: arr_change: 12000 is an increase, but the outcome is churned; give a lost amount as negative (-12000)"),
            ("opportunities.csv", "id,account_id,amount,close_date,stage\nO1,A1,1000,2027-01-15,open\nO2,A1,2000,2027-01-15,open\n",
             "opportunities.csv:3:2: account_id: account A1 already has an open renewal (CRM opportunity O1); Folio keeps one open renewal per account: close the other in the CRM, or keep one with the mapping's only:"),
            ("usage.csv", "account_id,week,active_users,key_actions\nA1,2026-11-17,3,40\n",
             "usage.csv:2:2: week: 2026-11-17 is not a Monday; a usage week is given by its Monday (2026-11-16); rows per day go in a date column instead, and are rolled up into their weeks"),
        ]
        for (name, text, expected) in cases {
            let before = try db.dump()
            let file = scratch.write(name, text)
            #expect(failures(scratch) { try Self.run(db, [file]) } == [expected], "\(name)")
            #expect(try db.dump() == before, "\(name): the database changed")
        }
    }

    @Test(arguments: [
        ("extends: salesforce-reprot-accounts\n", "test.yaml:1:10: extends \"salesforce-reprot-accounts\": no built-in mapping of that name and no such file; did you mean salesforce-report-accounts?"),
        ("locale: klingon\n", "test.yaml:1:9: locale \"klingon\" is not one Folio knows"),
        ("encoding: ebcdic\n", "test.yaml:1:11: encoding \"ebcdic\": expected one of utf-8, utf-16, windows-1252"),
        ("dates: { opened: dd.QQ.yyyy }\n", "test.yaml:1:18: opened: date pattern \"dd.QQ.yyyy\": \"Q\" is not a pattern letter"),
        ("kind: accounts\ncolumns: { ARR: arrr }\n", "test.yaml:2:17: column \"ARR\" maps to \"arrr\", which is not a Folio column of accounts; did you mean arr?"),
        ("kind: accounts\ntransforms: { arr: { scale: zero } }\n", "test.yaml:2:20: arr: scale must be a number other than 0"),
        ("ignore_unmaped: true\n", "test.yaml:1:1: unknown key \"ignore_unmaped\"; did you mean ignore_unmapped?"),
    ])
    func badMappingsSayWhereAndWhat(_ yaml: String, _ expectedPrefix: String) {
        do {
            _ = try Self.mapping(yaml)
            Issue.record("expected a failure for \(yaml)")
        } catch {
            #expect("\(error)".hasPrefix(expectedPrefix), "\(error)")
        }
    }

    // MARK: Quarantine and dry runs

    @Test func theQuarantineKeepsEveryRefusedRowAndImportsTheRest() throws {
        let (scratch, db) = try Self.book()
        let file = scratch.write("payments.csv", "account_id,as_of,days_overdue\nA1,2026-11-20,0\nZZ,2026-11-20,3\nA3,2026-13-01,4\nA3,2026-11-20,9\nA2,2026-11-20\n")
        let out = scratch.path("refused.csv")
        let summary = try Self.run(db, [file]) { $0.quarantine = true; $0.quarantinePath = out }
        #expect(summary.files[0].added == 2 && summary.files[0].quarantined == 3)
        #expect(summary.quarantined.map(\.line) == [3, 4, 6])
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "file,line,reason,account_id,as_of,days_overdue")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("\(file),3,\"column 1: account_id: no account \"\"ZZ\"\""))
        #expect(lines[2].hasPrefix("\(file),4,\"column 2: as_of: \"\"2026-13-01\"\" is not a valid date"))
        #expect(lines[3].hasSuffix(",A2,2026-11-20,"))
        // Past --max-errors nothing goes in.
        let before = try db.dump()
        let bad = scratch.write("payments.csv", "account_id,as_of,days_overdue\nZ1,2026-11-20,0\nZ2,2026-11-20,0\nZ3,2026-11-20,0\n")
        do {
            _ = try Self.run(db, [bad]) { $0.quarantine = true; $0.errorLimit = 2 }
            Issue.record("expected a refusal past the limit")
        } catch let failed as ImportFailed {
            #expect(failed.verdict == "import refused: more than 2 rows were refused (--max-errors); nothing was written")
        }
        #expect(try db.dump() == before)
    }

    @Test func aDryRunSaysWhatWouldChangeAndWritesNothing() throws {
        let (scratch, db) = try Self.book()
        let before = try db.dump()
        let file = scratch.write("accounts.csv", "id,arr\nA1,260000\nA2,48000.50\n")
        let summary = try Self.run(db, [file]) { $0.dryRun = true }
        #expect(summary.dryRun && summary.problems.isEmpty)
        #expect(summary.files[0].changed == 1 && summary.files[0].unchanged == 1)
        #expect(summary.description.hasSuffix("dry run: 2 rows from 1 file would import; nothing was written"))
        let bad = scratch.write("accounts.csv", "id,arr\nA1,-1\n")
        let refused = try Self.run(db, [bad]) { $0.dryRun = true }
        #expect(refused.problems.map(\.description) == ["\(bad):2:2: arr: -1 is negative; expected an amount ≥ 0"])
        #expect(try db.dump() == before)
    }

    // MARK: Who may import

    @Test func importingNeedsARoleAllowedTo() throws {
        let (scratch, db) = try Self.book()
        let file = scratch.write("payments.csv", "account_id,as_of,days_overdue\nA1,2026-11-20,0\n")
        func attempt(_ login: String) -> String? {
            do {
                _ = try Self.run(db, [file]) { $0.actor = login; $0.checkPermission = true }
                return nil
            } catch let refused as PortfolioImporter.NotAllowed {
                return refused.message
            } catch {
                return "\(error)"
            }
        }
        #expect(attempt("vera") == nil)
        #expect(attempt("max") == nil)
        #expect(attempt("ana") == "ana is a csm, and importing is allowed to manager, vp on this database (it changes owners, ARR and dates for everyone); ask one of them to import, or a VP to allow your role with `folio import --roles`")
        #expect(attempt("intruder") == "\"intruder\" is not a user of this database; importing is recorded under a user whose role may import (manager, vp): pass --user LOGIN, or ask one of them to add you to users.csv and import it")
        #expect(throws: PortfolioImporter.NotAllowed.self) { try PortfolioImporter(database: db).setAllowedRoles([.csm, .vp], actor: "max", at: 0) }
        try PortfolioImporter(database: db).setAllowedRoles([.csm, .vp], actor: "vera", at: 0)
        #expect(attempt("ana") == nil)
        #expect(attempt("max") != nil)
        // A database with no users yet: the first import brings the team in.
        let fresh = Scratch()
        let empty = try fresh.database()
        _ = try Self.run(empty, [fresh.write("users.csv", Portfolio.users + "\n")]) { $0.actor = "whoever"; $0.checkPermission = true }
    }

    // MARK: Outcomes

    @Test func outcomesAreKeptAsHistory() throws {
        let (scratch, db) = try Self.book()
        let file = scratch.write("outcomes.csv", "account_id,outcome,date,arr_change,note\nA1,renewed,2026-01-15,,\nA2,contracted,2026-06-01,-8000,lost a team\nA3,churned,2026-09-01,-9000,\n")
        #expect(try Self.run(db, [file]).files[0].added == 3)
        #expect(try Self.run(db, [file]).files[0].unchanged == 3)
        let outcomes = try OutcomeHistory.outcomes(from: Day(iso: "2026-02-01")!, to: Day(iso: "2026-12-31")!, database: db)
        #expect(outcomes.map(\.accountID) == ["A2", "A3"])
        #expect(outcomes.map(\.kind) == [.contracted, .churned])
        #expect(outcomes[0].arrChange == Money(units: -8000) && outcomes[0].note == "lost a team" && outcomes[0].source == "import")
        // Folio records its own: a later one of the same day replaces it.
        try db.write { try OutcomeHistory.record(AccountOutcome(accountID: "A1", date: Day(iso: "2027-01-15")!, kind: .renewed, source: "folio"), in: $0) }
        let a1 = try db.read { try OutcomeHistory.outcomes(ofAccount: "A1", in: $0) }
        #expect(a1.map(\.date) == [Day(iso: "2026-01-15")!, Day(iso: "2027-01-15")!] && a1.map(\.source) == ["import", "folio"])
    }

    // MARK: Warnings

    @Test func anImplausibleARRIsWarnedAbout() throws {
        let (scratch, db) = try Self.book()
        let map = try Self.mapping("kind: accounts\ncolumns: { Annual Revenue: arr }\n")
        let file = scratch.write("export.csv", "id,Annual Revenue\nA1,250000\nA2,48000\nA3,310000000\n")
        let summary = try Self.run(db, [file], mapping: map)
        #expect(summary.warnings.count == 2)
        #expect(summary.warnings[0].hasSuffix("arr comes from \"Annual Revenue\", which in Salesforce and HubSpot is the customer company's own revenue, not what they pay you; map your subscription field (ARR) to arr instead"))
        #expect(summary.warnings[1] == "arr (from \"Annual Revenue\") of account A3 at line 4 is 310,000,000, 1240× the file's median (250,000): is it the customer's own revenue rather than what they pay you?")
    }
}
