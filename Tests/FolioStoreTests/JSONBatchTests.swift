import Foundation
import GRDB
import Testing
@testable import FolioStore

/// The hand-written JSON batches read back by SQLite exactly as they were.
@Suite struct JSONBatchTests {
    static let awkward = ["plain", "with \"quotes\"", "back\\slash", "tab\tand\nnewline", "\u{1}\u{1F}", "株式会社", "🥐", ""]

    @Test func stringsRoundTripThroughJSONEach() throws {
        let db = try DatabaseQueue()
        let back = try db.read { try String.fetchAll($0, sql: "SELECT value FROM json_each(?) ORDER BY key", arguments: [JSONBatch.strings(Self.awkward)]) }
        #expect(back == Self.awkward)
        #expect(JSONBatch.strings([]) == "[]")
    }

    @Test func rowsRoundTripThroughJSONEach() throws {
        let db = try DatabaseQueue()
        let rows: [[JSONBatch.Value]] = Self.awkward.enumerated().map { [.text($1), .int(Int64($0) * 1_000_000_007 - 3)] }
        let back = try db.read {
            try Row.fetchAll($0, sql: "SELECT value ->> 0, value ->> 1 FROM json_each(?) ORDER BY key", arguments: [JSONBatch.rows(rows)])
        }
        #expect(back.map { $0[0] as String } == Self.awkward)
        #expect(back.map { $0[1] as Int64 } == Self.awkward.indices.map { Int64($0) * 1_000_000_007 - 3 })
    }
}
