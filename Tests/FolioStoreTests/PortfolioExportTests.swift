import CSV
import FolioDomain
import FolioStore
import Foundation
import Testing

/// Writing a generated portfolio as import CSVs.
@Suite struct PortfolioExportTests {
    static let asOf = Day(iso: "2026-03-09")!

    /// A fresh folder under the system's temporary directory.
    static func scratchFolder(_ name: String = #function) -> String {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("folio-export-tests-\(ProcessInfo.processInfo.processIdentifier)")
            .appendingPathComponent(name.filter { $0.isLetter || $0.isNumber } + "-" + UUID().uuidString)
        return base.path
    }

    static func export(accounts: Int = 120, weeks: Int = 10, seed: UInt64 = 4,
                       name: String = #function) throws -> PortfolioCSVExporter.Summary {
        let generator = PortfolioGenerator(accounts: accounts, weeks: weeks, seed: seed, asOf: asOf)
        return try PortfolioCSVExporter.export(generator, to: scratchFolder(name))
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// All records of a CSV file, header first, parsed by the CSV library the importer uses.
    static func rows(_ path: String) throws -> [[String]] {
        let text = try #require(String(data: bytes(path), encoding: .utf8))
        let reader = try CSVReader(string: text)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    static func path(_ summary: PortfolioCSVExporter.Summary, _ kind: ImportKind) -> String {
        summary.directory + "/" + kind.rawValue + ".csv"
    }

    // MARK: - Files

    @Test func writesOneFilePerImportKindWithItsCanonicalHeader() throws {
        let summary = try Self.export()
        #expect(summary.files.map { URL(fileURLWithPath: $0).lastPathComponent }
                == ImportKind.portfolio.map { $0.rawValue + ".csv" })
        for kind in ImportKind.portfolio {
            let text = try #require(String(data: Self.bytes(Self.path(summary, kind)), encoding: .utf8))
            let header = text.prefix { $0 != "\n" }
            #expect(header == kind.generatedColumns.joined(separator: ","), "\(kind) header")
            #expect(!text.contains("\r\n"), "LF line ends")
        }
    }

    @Test func rowCountsMatchTheFilesAndEveryRowHasEveryColumn() throws {
        let summary = try Self.export()
        for kind in ImportKind.portfolio {
            let rows = try Self.rows(Self.path(summary, kind))
            #expect(rows.count - 1 == summary.rowCounts[kind], "\(kind) rows")
            #expect(rows.allSatisfy { $0.count == kind.generatedColumns.count }, "\(kind) columns")
        }
        #expect(summary.rowCounts[.accounts] == 120)
        #expect(summary.rowCounts[.usage]! > 120 * 8)
        let onDisk = try summary.files.map { try Self.bytes($0).count }.reduce(0, +)
        #expect(summary.bytes == onDisk)
    }

    @Test func sameSeedWritesByteIdenticalFiles() throws {
        let a = try Self.export(name: "first"), b = try Self.export(name: "second")
        #expect(a.rowCounts == b.rowCounts)
        for kind in ImportKind.portfolio {
            #expect(try Self.bytes(Self.path(a, kind)) == Self.bytes(Self.path(b, kind)), "\(kind).csv")
        }
    }

    @Test func differentSeedsWriteDifferentFiles() throws {
        let a = try Self.export(seed: 1, name: "one"), b = try Self.export(seed: 2, name: "two")
        for kind in [ImportKind.users, .accounts, .contacts, .usage] {
            #expect(try Self.bytes(Self.path(a, kind)) != Self.bytes(Self.path(b, kind)), "\(kind).csv")
        }
    }

    // MARK: - Values

    /// An optional number as the import format writes it: digits, or nothing.
    static func text(_ value: Int?) -> String { value.map(String.init) ?? "" }

    @Test func fieldsAreWrittenInTheImportFormat() throws {
        let generator = PortfolioGenerator(accounts: 60, weeks: 6, seed: 8, asOf: Self.asOf)
        var accounts: [Account] = [], usage: [UsageWeek] = [], contacts: [Contact] = []
        generator.generate { record in
            switch record {
            case .account(let a): accounts.append(a)
            case .usage(let u): usage.append(u)
            case .contact(let c): contacts.append(c)
            default: break
            }
        }
        let summary = try PortfolioCSVExporter.export(generator, to: Self.scratchFolder())

        let accountRows = try Self.rows(Self.path(summary, .accounts)).dropFirst()
        for (row, a) in zip(accountRows, accounts) {
            let expected: [String] = [a.id, a.name, a.tier.rawValue, a.owner, a.ae ?? "", a.arr.decimal,
                                      a.contractStart.iso, a.renewalDate.iso, Self.text(a.seats), a.timezone ?? "",
                                      a.emailOptOut ? "true" : "false", a.status.rawValue, String(a.termMonths)]
            #expect(row == expected)
        }
        let usageRows = try Self.rows(Self.path(summary, .usage)).dropFirst()
        #expect(usageRows.count == usage.count)
        for (row, u) in zip(usageRows, usage) {
            let expected: [String] = [u.accountID, u.week.iso, Self.text(u.activeUsers), Self.text(u.logins),
                                      Self.text(u.keyActions), Self.text(u.featuresUsed), Self.text(u.featuresAvailable)]
            #expect(row == expected)
        }
        let contactRows = try Self.rows(Self.path(summary, .contacts)).dropFirst()
        for (row, c) in zip(contactRows, contacts) {
            #expect(row[4] == c.rolesText)
            #expect(Set(row[4].split(separator: ";").compactMap { Contact.Role(rawValue: String($0)) }) == c.roles)
        }
        // The parsed values come back as the domain's own parsers read them.
        #expect(accountRows.allSatisfy { Money(decimal: $0[5]) != nil && Day(iso: $0[6]) != nil })
    }

    @Test func quotesOnlyWhatNeedsQuotingAndRoundTrips() throws {
        let folder = Self.scratchFolder()
        let exporter = try PortfolioCSVExporter(directory: folder)
        let tricky = #"Smith, "Jones" & Söhne"#
        let plain = "Ærø Labs 東京"
        let owner = User(login: "ana.silva", name: tricky, email: "ana.silva@folio-cs.example", role: .csm)
        try exporter.write(.user(owner))
        try exporter.write(.user(User(login: "li.na", name: plain, email: "li.na@folio-cs.example", role: .vp)))
        try exporter.write(.nps(NPSResponse(contactID: "G0000001-C1", date: Self.asOf, score: 3,
                                            comment: "Line one\nline two, \"quoted\"\r\nend")))
        try exporter.write(.nps(NPSResponse(contactID: "G0000001-C2", date: Self.asOf, score: 9)))
        let summary = try exporter.finish()

        let usersText = try #require(String(data: Self.bytes(Self.path(summary, .users)), encoding: .utf8))
        #expect(usersText == """
            login,name,email,role,manager
            ana.silva,"Smith, ""Jones"" & Söhne",ana.silva@folio-cs.example,csm,
            li.na,Ærø Labs 東京,li.na@folio-cs.example,vp,

            """)
        let users = try Self.rows(Self.path(summary, .users))
        #expect(users[1][1] == tricky)
        #expect(users[2][1] == plain)
        let nps = try Self.rows(Self.path(summary, .nps))
        #expect(nps.count == 3)
        #expect(nps[1] == ["G0000001-C1", "2026-03-09", "3", "Line one\nline two, \"quoted\"\r\nend"])
        #expect(nps[2] == ["G0000001-C2", "2026-03-09", "9", ""])
    }

    @Test func generatedNamesWithCommasAndCommentsWithQuotesRoundTrip() throws {
        let generator = PortfolioGenerator(accounts: 400, weeks: 26, seed: 12, asOf: Self.asOf)
        var names: [String] = [], comments: [String] = []
        generator.generate { record in
            if case .account(let a) = record { names.append(a.name) }
            if case .nps(let n) = record { comments.append(n.comment ?? "") }
        }
        #expect(names.contains { $0.contains(",") })
        #expect(comments.contains { $0.contains("\"") } && comments.contains { $0.contains("\n") })
        let summary = try PortfolioCSVExporter.export(generator, to: Self.scratchFolder())
        #expect(try Self.rows(Self.path(summary, .accounts)).dropFirst().map { $0[1] } == names)
        #expect(try Self.rows(Self.path(summary, .nps)).dropFirst().map { $0[3] } == comments)
    }

    @Test func daysAreWrittenExactlyAsDayISO() throws {
        let folder = Self.scratchFolder()
        let exporter = try PortfolioCSVExporter(directory: folder)
        let days = [Day(iso: "0999-01-05")!, Day(iso: "1970-01-01")!, Day(iso: "2024-02-29")!, Day(iso: "9999-12-31")!]
            + (0..<400).map { Day(iso: "2025-01-01")!.adding(days: $0 * 3) }
        for day in days { try exporter.write(.payment(PaymentStatus(accountID: "G1", asOf: day, daysOverdue: -12))) }
        let summary = try exporter.finish()
        let rows = try Self.rows(Self.path(summary, .payments)).dropFirst()
        #expect(rows.map { $0[1] } == days.map(\.iso))
        #expect(rows.allSatisfy { $0[2] == "-12" })
    }

    // MARK: - Errors

    @Test func aFileInTheWayOfTheFolderIsAClearError() throws {
        let folder = Self.scratchFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let blocker = folder + "/not-a-folder"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        for target in [blocker, blocker + "/inside"] {
            let error = #expect(throws: PortfolioExportError.self) {
                _ = try PortfolioCSVExporter(directory: target)
            }
            #expect(error?.path == target)
            #expect(error.map { String(describing: $0) }
                    == "\(target): cannot create the output folder: \(blocker) is a file, not a folder")
        }
    }

    @Test func anUnwritableFileIsAClearErrorNamingIt() throws {
        let folder = Self.scratchFolder()
        // A folder where usage.csv should go: the file cannot be created.
        try FileManager.default.createDirectory(atPath: folder + "/usage.csv", withIntermediateDirectories: true)
        let error = #expect(throws: PortfolioExportError.self) {
            _ = try PortfolioCSVExporter(directory: folder)
        }
        #expect(error?.path == folder + "/usage.csv")
        #expect(error.map { String(describing: $0).contains("usage.csv: cannot create the file") } == true)
    }

    // MARK: - Speed

    /// `FOLIO_GENERATE_BENCH=100000x52 swift test -c release --filter PortfolioExportTests`
    /// times a large export and reports the peak memory; skipped otherwise.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FOLIO_GENERATE_BENCH"] != nil))
    func largeExportBenchmark() throws {
        let spec = ProcessInfo.processInfo.environment["FOLIO_GENERATE_BENCH"] ?? ""
        let parts = spec.split(separator: "x").compactMap { Int($0) }
        let (accounts, weeks) = parts.count == 2 ? (parts[0], parts[1]) : (100_000, 52)
        let generator = PortfolioGenerator(accounts: accounts, weeks: weeks, seed: 1, asOf: Self.asOf)
        let folder = Self.scratchFolder()
        let clock = ContinuousClock()
        let start = clock.now
        let summary = try PortfolioCSVExporter.export(generator, to: folder)
        let elapsed = start.duration(to: clock.now)
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") } ?? "VmHWM: n/a"
        print("generate \(accounts)×\(weeks): \(summary.totalRows) rows, \(summary.bytes / 1_000_000) MB "
              + "in \(elapsed); usage rows \(summary.rowCounts[.usage]!); \(peak)")
        try? FileManager.default.removeItem(atPath: folder)
    }
}
