import Foundation
import FolioDomain
import GRDB
import GRDBSQLite

/// Steps a prepared statement by hand, for the daily run's bulk reads: at a hundred thousand
/// rows, GRDB's row decoding costs more than SQLite's own work. Columns are read by position.
struct RawRows {
    let statement: Statement
    private var handle: SQLiteStatement { statement.sqliteStatement }

    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
    }

    /// Moves to the next row; false when there is none.
    mutating func next() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return false }
        guard code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                                sql: statement.sql)
        }
        return true
    }

    func text(_ column: Int32) -> String? {
        sqlite3_column_text(handle, column).map { String(cString: $0) }
    }

    func day(_ column: Int32) -> Day? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return Day(isoBytes: UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }
}

extension RawRows {
    /// The column's number, nil when NULL.
    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(statement.sqliteStatement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement.sqliteStatement, column)
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement.sqliteStatement, column) }

    /// True when the column's text is exactly `bytes` (no String made).
    func text(_ column: Int32, equals bytes: [UInt8]) -> Bool {
        let handle = statement.sqliteStatement
        guard let text = sqlite3_column_text(handle, column), Int(sqlite3_column_bytes(handle, column)) == bytes.count else { return false }
        for k in bytes.indices where text[k] != bytes[k] { return false }
        return true
    }
}
