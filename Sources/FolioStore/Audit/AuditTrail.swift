import Foundation
import FolioDomain
import GRDB

/// Writes audit entries (who, when, what, before/after as JSON) for changes people make.
enum AuditTrail {
    static func record(_ entry: AuditEntry, in db: Database) throws {
        try db.execute(sql: "INSERT INTO audit_entry (actor, at, action, subject, before, after) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [entry.actor, entry.at, entry.action, entry.subject, entry.before, entry.after])
    }

    /// A value as compact JSON with sorted keys, for `before`/`after`.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
