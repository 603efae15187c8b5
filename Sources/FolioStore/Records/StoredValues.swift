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

/// A stored value that is none of those Folio writes (a file edited by hand, or by another
/// program): reading it fails, naming where, rather than guessing.
struct BadStoredValue: Error, CustomStringConvertible {
    var table: String
    var column: String
    var value: String

    var description: String { "\(table).\(column) holds \"\(value)\", which is not a value Folio writes" }
}
