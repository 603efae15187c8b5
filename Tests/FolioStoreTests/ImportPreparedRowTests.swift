import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// Rows read on the reading thread (`RowPreparer`) and rows read on the importing thread
/// (a mapping with defaults sends every row that way) import alike: the same problems in
/// the same order, the same rows written and quarantined, over files of several chunks.
@Suite("Import of prepared rows")
struct ImportPreparedRowTests {
    /// The same file through both ways: what each refuses, and what each writes with a quarantine.
    static func bothWays(_ kind: ImportKind, _ name: String, _ text: String) throws
        -> (prepared: [String], usual: [String], preparedRows: [Row], usualRows: [Row], table: String) {
        let table = kind == .usage ? "usage" : "activity"
        var problems: [[String]] = []
        var rows: [[Row]] = []
        // A default for a column every row fills: no value changes, but every row is read the usual way.
        for defaults in ["", kind == .usage ? "defaults: { logins: 0 }\n" : "defaults: { direction: outbound }\n"] {
            let (scratch, db) = try ImportBehaviourTests.book()
            defer { withExtendedLifetime(scratch) {} }
            let mapping = try ImportBehaviourTests.mapping("kind: \(kind.rawValue)\n" + defaults)
            let file = scratch.write(name, text)
            problems.append(failures(scratch) { try ImportBehaviourTests.run(db, [file], mapping: mapping) })
            _ = try ImportBehaviourTests.run(db, [file], mapping: mapping) {
                $0.quarantine = true
                $0.errorLimit = 1000
            }
            rows.append(try db.read { try Row.fetchAll($0, sql: "SELECT * FROM \(table) ORDER BY 1, 2") })
        }
        return (problems[0], problems[1], rows[0], rows[1], table)
    }

    @Test func activitiesReadOnTheReadingThreadReportAndWriteAsUsual() throws {
        var lines = ["id,account_id,type,direction,date,author,summary"]
        for i in 0..<9000 {
            let account = ["A1", "A2", "A3"][i / 3000]
            var fields = ["X\(i)", account, "email", "outbound", "2026-10-01", "ana", "note \(i)"]
            switch i {
            case 5000: fields[1] = "NOPE"; fields[5] = "nobody"
            case 6000: fields[1] = "NOPE2"; fields[2] = "fax"
            case 7000: fields[0] = "X10"
            case 8000: fields[4] = "2026-13-01"
            case 8500: fields[0] = ""; fields[5] = "Ana Lima"
            case 8600: fields[0] = ""; fields[1] = "Acme Rockets"
            default: break
            }
            lines.append(fields.joined(separator: ","))
        }
        let result = try Self.bothWays(.activities, "activities.csv", lines.joined(separator: "\n") + "\n")
        #expect(result.prepared.count == 6)
        #expect(result.prepared == result.usual)
        // Four rows refused; the book's X1 is updated, its other activity kept.
        #expect(result.preparedRows.count == 9000 - 4 + 1)
        #expect(result.preparedRows == result.usualRows)
    }

    @Test func usageReadOnTheReadingThreadReportsAndWritesAsUsual() throws {
        var lines = ["account_id,week,active_users,logins,key_actions,features_used,features_available"]
        let first = Day(iso: "1990-01-01")!
        for i in 0..<6000 {
            let account = ["A1", "A2", "A3"][i % 3]
            var fields = [account, first.adding(days: 7 * (i / 3)).iso, "10", "20", "30", "4", "8"]
            switch i {
            case 4500: fields[1] = first.adding(days: 7 * (i / 3) + 1).iso
            case 5000: fields[0] = "NOPE"
            case 5500: fields[5] = "9"
            case 5800: fields[2] = "-3"; fields[0] = "NOPE"
            case 5900: fields[6] = ""
            default: break
            }
            lines.append(fields.joined(separator: ","))
        }
        let result = try Self.bothWays(.usage, "usage.csv", lines.joined(separator: "\n") + "\n")
        #expect(result.prepared.count == 5)
        #expect(result.prepared == result.usual)
        #expect(result.preparedRows == result.usualRows)
    }
}
