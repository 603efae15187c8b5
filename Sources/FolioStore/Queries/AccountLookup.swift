import FolioDomain
import GRDB

extension Account {
    /// The account with this id, or nil when there is none. A stored value Folio cannot
    /// read (a tier or status it does not know, a day that is not one) throws, naming the
    /// account, the column and the value, rather than reading as a default.
    public static func find(id: String, in db: Database) throws -> Account? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]) else { return nil }
        try UnreadableValue.check(row, table: "account", key: id, column: "tier", as: Tier.allCases.map(\.rawValue))
        try UnreadableValue.check(row, table: "account", key: id, column: "status", as: Status.allCases.map(\.rawValue))
        for column in ["contract_start", "renewal_date"] {
            guard row.day(column) != nil else {
                throw UnreadableValue(table: "account", key: id, column: column, value: row[column] as String? ?? "NULL",
                                      expected: "a day, YYYY-MM-DD")
            }
        }
        return try Account(row: row)
    }
}

/// A stored value Folio cannot read: where it is, what it holds and what was expected.
public struct UnreadableValue: Error, Hashable, Sendable, CustomStringConvertible {
    public var table: String
    public var key: String
    public var column: String
    public var value: String
    public var expected: String

    public var description: String {
        "\(table) \(key): \(column) \"\(value)\" cannot be read; expected \(expected)"
    }

    /// Throws unless the column holds one of `words`.
    static func check(_ row: Row, table: String, key: String, column: String, as words: [String]) throws {
        let value = row[column] as String?
        guard let value, words.contains(value) else {
            throw UnreadableValue(table: table, key: key, column: column, value: value ?? "NULL",
                                  expected: "one of \(words.joined(separator: ", "))")
        }
    }
}
