import FolioDomain
import GRDB
import GRDBSQLite

// How the domain's values are stored, so records decode with `row.decode(…)`, which throws on
// a value that is not one of them (a tier of "smbx", a day of "2026-13-01") instead of
// guessing, and requests compare columns with values (`Columns.state == Alert.State.open`).

/// A day is stored as `YYYY-MM-DD` text, read straight from SQLite's bytes.
extension Day: DatabaseValueConvertible, StatementColumnConvertible {
    public var databaseValue: DatabaseValue { iso.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        String.fromDatabaseValue(dbValue).flatMap { Day(iso: $0) }
    }

    public init?(sqliteStatement: SQLiteStatement, index: CInt) {
        guard let text = sqlite3_column_text(sqliteStatement, index) else { return nil }
        self.init(isoBytes: UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(sqliteStatement, index))))
    }
}

/// Money is stored in whole cents.
extension Money: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { cents.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Money? {
        Int64.fromDatabaseValue(dbValue).map(Money.init(cents:))
    }
}

/// A moment is stored in seconds since 1970 (UTC).
extension Moment: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { seconds.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Moment? {
        Int64.fromDatabaseValue(dbValue).map(Moment.init(seconds:))
    }
}

// Enumerations are stored by their raw value, as the migrations' CHECK constraints spell them.
extension User.Role: DatabaseValueConvertible {}
extension Account.Tier: DatabaseValueConvertible {}
extension Account.Status: DatabaseValueConvertible {}
extension SupportCase.Priority: DatabaseValueConvertible {}
extension Activity.Kind: DatabaseValueConvertible {}
extension Activity.Direction: DatabaseValueConvertible {}
extension Alert.Kind: DatabaseValueConvertible {}
extension Alert.Severity: DatabaseValueConvertible {}
extension Alert.State: DatabaseValueConvertible {}
extension Alert.Outcome: DatabaseValueConvertible {}
extension CheckIn.Kind: DatabaseValueConvertible {}
extension CheckIn.State: DatabaseValueConvertible {}
extension RenewalOpportunity.Stage: DatabaseValueConvertible {}
extension SequenceEnrolment.State: DatabaseValueConvertible {}
extension OutboxMessage.State: DatabaseValueConvertible {}

/// A stored value Folio cannot read (a file edited by hand, or by another program): where it
/// is, what it holds and what was expected. Reading fails with it rather than guessing.
public struct UnreadableValue: Error, Hashable, Sendable, CustomStringConvertible {
    public var table: String
    public var key: String
    public var column: String
    public var value: String
    public var expected: String

    public var description: String {
        "\(table) \(key): \(column) \"\(value)\" cannot be read; expected \(expected)"
    }
}

/// What a stored value of a type has to look like, for `UnreadableValue`.
protocol StoredValue {
    static var expected: String { get }
}

extension StoredValue where Self: CaseIterable & RawRepresentable, RawValue == String {
    static var expected: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }
}

extension Day: StoredValue { static var expected: String { "a day, YYYY-MM-DD" } }
extension User.Role: StoredValue {}
extension Account.Tier: StoredValue {}
extension Account.Status: StoredValue {}
extension Contact.Role: StoredValue {}
extension SupportCase.Priority: StoredValue {}
extension Activity.Kind: StoredValue {}
extension Activity.Direction: StoredValue {}
extension Alert.Kind: StoredValue {}
extension Alert.Severity: StoredValue {}
extension Alert.State: StoredValue {}
extension Alert.Outcome: StoredValue {}
extension CheckIn.Kind: StoredValue {}
extension CheckIn.State: StoredValue {}
extension RenewalOpportunity.Stage: StoredValue {}
extension SequenceEnrolment.State: StoredValue {}
extension OutboxMessage.State: StoredValue {}

/// A row being read into a record: a value it cannot read throws `UnreadableValue`, naming
/// the table, the row (`key`), the column and what it holds.
struct RecordRow {
    let row: Row
    let table: String
    let key: String

    init(_ row: Row, table: String, key: String) {
        self.row = row
        self.table = table
        self.key = key
    }

    func value<Value: DatabaseValueConvertible>(_ column: Column) throws -> Value {
        let stored: DatabaseValue = (row[column.name] as DatabaseValue?) ?? .null
        guard let value = Value.fromDatabaseValue(stored) else { throw unreadable(column, stored, as: Value.self) }
        return value
    }

    /// NULL reads as nil; anything else must read as a `Value`.
    func optional<Value: DatabaseValueConvertible>(_ column: Column) throws -> Value? {
        let stored: DatabaseValue = (row[column.name] as DatabaseValue?) ?? .null
        if stored.isNull { return nil }
        guard let value = Value.fromDatabaseValue(stored) else { throw unreadable(column, stored, as: Value.self) }
        return value
    }

    private func unreadable(_ column: Column, _ stored: DatabaseValue, as type: Any.Type) -> UnreadableValue {
        let text: String = switch stored.storage {
        case .null: "NULL"
        case .int64(let n): String(n)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob(let data): "\(data.count) bytes"
        }
        return UnreadableValue(table: table, key: key, column: column.name, value: text,
                               expected: (type as? StoredValue.Type)?.expected ?? "a \(type)")
    }
}
