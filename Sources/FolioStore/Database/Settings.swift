import FolioDomain
import GRDB

/// Small facts about the database itself, kept in the `setting` table.
public enum Settings {
    /// The day the demo portfolio is set on: the demo stays the same story whatever today is.
    public static let demoAsOf = "demo_as_of"

    public static func value(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    }

    public static func set(_ key: String, to value: String, in db: Database) throws {
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }
}
