import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// An events CSV read in two parts, one per core, rolls up exactly as read in one: the same
/// hand-counted weeks, the same lines in errors, each event counted once wherever its copies are.
@Suite("Events read in parts")
struct EventPartsTests {
    /// The Mixpanel fixture's events as a CSV export (time, company, user, event, insert id).
    static let events: [(Int, String, String, String, String)] = [
        (1_793_606_400, "nordlicht.example", "u1", "Logged In", "mp-e01"),
        (1_793_606_700, "nordlicht.example", "u1", "Shipment Created", "mp-e02"),
        (1_793_696_400, "nordlicht.example", "u2", "Logged In", "mp-e03"),
        (1_793_786_400, "nordlicht.example", "u2", "Shipment Created", "mp-e04"),
        (1_793_788_200, "nordlicht.example", "u2", "Report Viewed", "mp-e05"),
        (1_794_180_600, "nordlicht.example", "u4", "Logged In", "mp-e06"),
        (1_794_296_700, "nordlicht.example", "u1", "Logged In", "mp-e07"),
        (1_794_398_400, "nordlicht.example", "u3", "Shipment Created", "mp-e08"),
        (1_794_488_400, "nordlicht.example", "u3", "Route Optimized", "mp-e09"),
        (1_795_014_000, "nordlicht.example", "u1", "Shipment Created", "mp-e10"),
        (1_793_606_400, "harborpine.example", "m1", "Logged In", "mp-e11"),
        (1_794_196_800, "harborpine.example", "m2", "Shipment Created", "mp-e12"),
        (1_794_931_200, "harborpine.example", "m1", "Logged In", "mp-e13"),
        (1_793_872_800, "trial-signup.example", "x9", "Logged In", "mp-e14"),
        // The same event again (Mixpanel sends a retried event twice), far from the first copy.
        (1_793_786_400, "nordlicht.example", "u2", "Shipment Created", "mp-e04"),
    ]

    static let mapping = """
        kind: events
        columns:
          time: timestamp
          company_id: account_id
          distinct_id: user
          event: event
          insert_id: event_id
        ignore_unmapped: true
        key_events: [Shipment Created]
        logins: [Logged In]
        features:
          Report Viewed: reports
          Route Optimized: routing
        features_available: 6
        """

    /// The export, with a properties column quoted the way spreadsheets do (commas, doubled
    /// quotes, line breaks); the row in the middle carries a long one, so the middle of the
    /// file falls inside its quotes. `extra` rows go in just after it.
    static func csv(extra: [String] = [], withoutIDs: Bool = false) -> String {
        var text = "time,company_id,distinct_id,event,insert_id,properties\n"
        for (k, e) in events.enumerated() {
            let note = k == 7
                ? String(repeating: "a long note, with \"\"quotes\"\"\nand lines,\r\n", count: 60)
                : "os: \"\"Mac OS X\"\", browser: Chrome\nsecond line"
            text += "\(e.0),\(e.1),\(e.2),\(e.3),\(withoutIDs ? "" : e.4),\"\(note)\"\n"
            if k == 7 { text += extra.map { $0 + "\n" }.joined() }
        }
        return text
    }

    static func importing(_ text: String, parts: Int, scratch: Scratch, db: FolioDatabase, quarantine: Bool = false) throws -> ImportSummary {
        let path = scratch.write("events.csv", text)
        let map = scratch.write("events.yaml", mapping)
        return try EventImport.$minimumPartBytes.withValue(parts == 1 ? Int.max / 4 : 1) {
            try ExportFixtureTests.run(db, [path], mapFile: map, quarantine: quarantine)
        }
    }

    @Test(arguments: [1, 2])
    func aCSVExportRollsUpIntoTheHandCountedWeeks(parts: Int) throws {
        let scratch = Scratch()
        let db = try ExportFixtureTests.hubspotBook(scratch)
        let summary = try Self.importing(Self.csv(), parts: parts, scratch: scratch, db: db)
        #expect(try ExportFixtureTests.weeks(db) == ExportFixtureTests.eventWeeks)
        #expect(summary.files[0].rows == 15)
        #expect(summary.files[0].notes.contains { $0.hasPrefix("skipped 1 event of 1 account Folio does not know (\"trial-signup.example\" (1))") })
        // Again, in the other number of parts: every event was counted already.
        _ = try Self.importing(Self.csv(), parts: 3 - parts, scratch: scratch, db: db)
        #expect(try ExportFixtureTests.weeks(db) == ExportFixtureTests.eventWeeks)
    }

    @Test func eventsWithoutIDsAreCountedOnceByTheirContentAcrossTheParts() throws {
        let scratch = Scratch()
        let db = try ExportFixtureTests.hubspotBook(scratch)
        _ = try Self.importing(Self.csv(withoutIDs: true), parts: 2, scratch: scratch, db: db)
        #expect(try ExportFixtureTests.weeks(db) == ExportFixtureTests.eventWeeks)
        _ = try Self.importing(Self.csv(withoutIDs: true), parts: 1, scratch: scratch, db: db)
        #expect(try ExportFixtureTests.weeks(db) == ExportFixtureTests.eventWeeks)
    }

    /// The line the first row containing `marker` starts on.
    static func line(of marker: String, in text: String) -> Int {
        let prefix = text[..<text.range(of: marker)!.lowerBound]
        var lines = 1
        var previous: Character = " "
        for c in prefix.unicodeScalars.map(Character.init) {
            if c == "\n" && previous != "\r" { lines += 1 } else if c == "\r" { lines += 1 }
            previous = c
        }
        return lines
    }

    @Test func aBadRowInTheSecondPartIsReportedOnItsLine() throws {
        let bad = "1794398400,nordlicht.example,u3,,mp-e99,no name"
        let text = Self.csv(extra: [bad, "someday,nordlicht.example,u3,Logged In,mp-e98,a bad time"])
        var seen: [[String]] = []
        for parts in [1, 2] {
            let scratch = Scratch()
            let db = try ExportFixtureTests.hubspotBook(scratch)
            seen.append(failures(scratch) { try Self.importing(text, parts: parts, scratch: scratch, db: db) })
        }
        let line = Self.line(of: bad, in: text)
        #expect(seen[0].count == 2)
        #expect(seen[0].first?.hasPrefix("events.csv:\(line):4: event") == true, "\(seen[0])")
        #expect(seen[0].last?.hasPrefix("events.csv:\(line + 1):1: timestamp") == true, "\(seen[0])")
        #expect(seen[1] == seen[0])
    }

    @Test func quarantineKeepsTheRefusedRowsOfBothParts() throws {
        let text = Self.csv(extra: ["1794398400,nordlicht.example,u3,,mp-e99,no name"])
        var results: [(rows: Int, quarantined: Int)] = []
        for parts in [1, 2] {
            let scratch = Scratch()
            let db = try ExportFixtureTests.hubspotBook(scratch)
            let summary = try Self.importing(text, parts: parts, scratch: scratch, db: db, quarantine: true)
            #expect(try ExportFixtureTests.weeks(db) == ExportFixtureTests.eventWeeks)
            results.append((summary.files[0].rows, summary.files[0].quarantined))
        }
        #expect(results.map(\.rows) == [15, 15])
        #expect(results.map(\.quarantined) == [1, 1])
    }

    @Test func aFileTheReaderRefusesIsRefusedTheSameWayInParts() throws {
        let stray = "1794398400,nordlicht.example,u\"3,Logged In,mp-e97,x"
        let text = Self.csv(extra: [stray])
        var seen: [[String]] = []
        for parts in [1, 2] {
            let scratch = Scratch()
            let db = try ExportFixtureTests.hubspotBook(scratch)
            seen.append(failures(scratch) { try Self.importing(text, parts: parts, scratch: scratch, db: db) })
        }
        #expect(seen[0] == ["events.csv:\(Self.line(of: stray, in: text)):3: stray quote in an unquoted field; quote the whole field and double the quote (\"\")"])
        #expect(seen[1] == seen[0])
    }

    /// A NUL byte in a plain ASCII record past the reader's first block (the scanner's fast
    /// path, which meets it first) is refused where it is, as the reader refuses it, never kept
    /// as part of an account's or user's id.
    @Test func aNULBytePastTheFirstBlockIsRefusedWhereItIs() throws {
        var text = "time,company_id,distinct_id,event,insert_id,properties\n"
        var k = 0
        while text.utf8.count < CSVRecordReader.blockSize + (64 << 10) {
            text += "1793606400,nordlicht.example,u\(k % 7),Logged In,bulk-\(k),x\n"
            k += 1
        }
        let bad = "1793606400,nordlicht.example,u\u{0}9,Logged In,bulk-nul,x"
        text += bad + "\n" + "1793606400,nordlicht.example,u1,Logged In,bulk-last,x\n"
        var seen: [[String]] = []
        for parts in [1, 2] {
            let scratch = Scratch()
            let db = try ExportFixtureTests.hubspotBook(scratch)
            seen.append(failures(scratch) { try Self.importing(text, parts: parts, scratch: scratch, db: db) })
        }
        #expect(seen[0].count == 1)
        #expect(seen[0].first?.hasPrefix("events.csv:\(k + 2):3: a NUL byte (0x00)") == true, "\(seen[0])")
        #expect(seen[1] == seen[0])
    }

    @Test func aSpreadsheetsByteOrderMarkAndCRLFLinesReadTheSameInParts() throws {
        let text = "\u{FEFF}" + Self.csv(extra: ["1794398400,nordlicht.example,u3,,mp-e99,no name"]).replacingOccurrences(of: "\n", with: "\r\n")
        var seen: [[String]] = []
        for parts in [1, 2] {
            let scratch = Scratch()
            let db = try ExportFixtureTests.hubspotBook(scratch)
            seen.append(failures(scratch) { try Self.importing(text, parts: parts, scratch: scratch, db: db) })
        }
        #expect(seen[0].count == 1 && seen[0][0].hasPrefix("events.csv:\(Self.line(of: "mp-e99", in: text)):4: event"), "\(seen[0])")
        #expect(seen[1] == seen[0])
        let scratch = Scratch()
        let db = try ExportFixtureTests.hubspotBook(scratch)
        _ = try Self.importing(text.replacingOccurrences(of: "1794398400,nordlicht.example,u3,,mp-e99,no name\r\n", with: ""), parts: 2, scratch: scratch, db: db)
        #expect(try ExportFixtureTests.weeks(db) == ExportFixtureTests.eventWeeks)
    }

    @Test func aDryRunInPartsWritesNothing() throws {
        let scratch = Scratch()
        let db = try ExportFixtureTests.hubspotBook(scratch)
        let path = scratch.write("events.csv", Self.csv())
        var options = PortfolioImporter.Options(mapping: try ImportMapping.load(path: scratch.write("events.yaml", Self.mapping)),
                                                actor: "dana.reyes", at: 1_763_640_000)
        options.dryRun = true
        let summary = try EventImport.$minimumPartBytes.withValue(1) { try PortfolioImporter(database: db).run(paths: [path], options: options) }
        #expect(summary.dryRun)
        #expect(summary.files.first?.weeks == 6)
        #expect(try ExportFixtureTests.weeks(db).isEmpty)
    }

    @Test func aFileWithOnlyItsHeaderIsRefusedAsBefore() throws {
        let scratch = Scratch()
        let db = try ExportFixtureTests.hubspotBook(scratch)
        #expect(failures(scratch) { try Self.importing("time,company_id,distinct_id,event,insert_id,properties\n", parts: 2, scratch: scratch, db: db) }
            == ["events.csv:2:1: no events after the header"])
    }

    @Test func theSplitFallsAfterARecordNeverInsideQuotes() throws {
        let scratch = Scratch()
        let text = Self.csv()
        let path = scratch.write("events.csv", text)
        let file = try #require(MappedFile(path: path))
        let start = try #require(EventScanner.dataStart(of: file))
        #expect(start.line == 2)
        let parts = EventScanner.split(file, start.offset..<file.count, parts: 2)
        #expect(parts.count == 2)
        // The middle of the file is inside the long quoted note; the cut comes after its record.
        let middle = start.offset + (file.count - start.offset) / 2
        let noteRecord = text.utf8.count - text[text.range(of: "\(Self.events[8].0),")!.lowerBound...].utf8.count
        #expect(middle < noteRecord)
        #expect(parts[1].lowerBound == noteRecord)
        #expect(parts[0].upperBound == parts[1].lowerBound && parts[1].upperBound == file.count)
    }
}
