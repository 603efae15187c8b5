import FolioDomain
import GRDB

/// Custom account attributes from the CRM (plan, payment method…), kept by import
/// (`attributes:` in a mapping, `attribute.NAME` columns) for custom measures to read.
public enum AccountAttributes {
    /// One account's value: the text as imported, and the number when it reads as one.
    public struct Value: Hashable, Sendable {
        public var text: String
        public var number: Double?
    }

    /// The attribute names the database holds, sorted.
    public static func names(in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT name FROM account_attribute ORDER BY name")
    }

    /// Every account's value of one attribute, by account id.
    public static func values(named name: String, in db: Database) throws -> [String: Value] {
        var out: [String: Value] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT account_id, value, number FROM account_attribute WHERE name = ?", arguments: [name])
        while let row = try rows.next() {
            out[row[0]] = Value(text: row[1], number: row[2])
        }
        return out
    }

    /// One account's attributes, by name.
    public static func attributes(ofAccount id: String, in db: Database) throws -> [String: Value] {
        var out: [String: Value] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, value, number FROM account_attribute WHERE account_id = ?", arguments: [id]) {
            out[row[0]] = Value(text: row[1], number: row[2])
        }
        return out
    }
}
