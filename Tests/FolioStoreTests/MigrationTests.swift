import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// The schema's history is append-only, and what a migration moves arrives whole.
@Suite("Migrations")
struct MigrationTests {
    /// Every migration that has shipped, in order. A new migration is appended here and in
    /// `Migrations`; a registered one is never renamed, reordered, removed or edited.
    static let shipped = [
        "v1-portfolio", "v2-health", "v3-alerts", "v4-checkins-renewals", "v5-account-term", "v6-sequences",
        "v7-alert-recipients", "v8-import-real-data", "v9-health-history", "v13-model-term-given",
    ]

    @Test func registeredMigrationsOnlyGrow() {
        let known = Migrations.identifiers
        #expect(Array(known.prefix(Self.shipped.count)) == Self.shipped,
                "a shipped migration was renamed, reordered or removed; add a new one instead")
        #expect(known.count == Self.shipped.count, "a new migration: append its name to MigrationTests.shipped")
    }

    /// v7 moves each alert's ';'-joined recipients into rows of their own, in routing order.
    @Test func recipientsMoveIntoRowsOfTheirOwn() throws {
        let scratch = Scratch()
        let queue = try DatabaseQueue(path: scratch.path("old.db"))
        try Migrations.migrator.migrate(queue, upTo: "v6-sequences")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO user (login, name, email, role) VALUES ('ana', 'Ana', 'ana@example.com', 'csm');
                INSERT INTO account (id, name, tier, owner, arr_cents, contract_start, renewal_date) VALUES ('A1', 'Acme', 'smb', 'ana', 100, '2026-01-01', '2027-01-01');
                INSERT INTO alert (id, account_id, kind, severity, reason, raised_on, raised_at, due_by, recipients)
                    VALUES (1, 'A1', 'health-drop', 'red', 'x', '2026-11-23', 1, 2, 'ana;max;helena'),
                           (2, 'A1', 'gone-dark', 'orange', 'y', '2026-11-23', 1, 2, '');
                """)
        }
        try Migrations.migrator.migrate(queue)
        try queue.read { (db: Database) throws in
            #expect(try db.columns(in: "alert").map(\.name).contains("recipients") == false)
            #expect(try Alert.find(id: 1, in: db)?.recipients == ["ana", "max", "helena"])
            #expect(try Alert.find(id: 2, in: db)?.recipients == [])
            let ana: SQLRequest<Int64> = "SELECT alert_id FROM alert_recipient WHERE login = 'max'"
            #expect(try ana.fetchAll(db) == [1])
        }
    }

    /// A value Folio never writes fails the read, naming where, instead of being guessed at.
    @Test(arguments: [
        ("UPDATE account SET contract_start = '2026-13-01' WHERE id = 'A1'",
         "account A1: contract_start \"2026-13-01\" cannot be read; expected a day, YYYY-MM-DD"),
        ("UPDATE alert SET kind = 'bogus' WHERE id = (SELECT MIN(id) FROM alert)",
         "kind \"bogus\" cannot be read; expected one of health-drop, usage-drop, usage-surge"),
        ("UPDATE contact SET roles = 'sponsor;boss' WHERE account_id = 'A1'",
         "roles \"sponsor;boss\" cannot be read; expected roles among"),
    ])
    func aBadStoredValueFailsLoudly(_ sql: String, _ message: String) throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        try AlertDeskTests.run.run(asOf: AlertDeskTests.asOf, in: db, now: 1)
        try db.write { try $0.execute(sql: sql) }
        let ana = try db.read { try Book.user("ana", in: $0)! }
        do {
            _ = try db.read { db in
                (try Account.find(id: "A1", in: db), try AlertDesk.list(for: ana, scope: .all, in: db),
                 try AccountDetail.load(accountID: "A1", asOf: AlertDeskTests.asOf, in: db))
            }
            Issue.record("\(sql) was read without complaint")
        } catch let error as UnreadableValue {
            #expect(error.description.contains(message), "\(error)")
        }
    }
}
