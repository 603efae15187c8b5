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

    init(_ db: Database, literal: SQL) throws {
        let (sql, arguments) = try literal.build(db)
        try self.init(db, sql: sql, arguments: arguments)
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

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func day(_ column: Int32) -> Day? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return Day(isoBytes: UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }
}
