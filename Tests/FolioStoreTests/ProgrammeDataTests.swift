import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

/// The programme's history read back from a small scripted database (DESIGN §2.7).
@Suite struct ProgrammeDataTests {
    static let raisedAt: Int64 = Int64(Day(iso: "2026-09-01")!.ordinal) * 86_400 + 6 * 3_600
    static let period = ReportPeriod(from: Day(iso: "2026-09-01")!, to: Day(iso: "2026-11-23")!)

    /// A1 (ana): a health drop raised orange, acknowledged by ana after 2 h, escalated to red a
    /// week later; back to 62 on 15 September. A2 (kenji, control group): a shadow health drop,
    /// then churned at its renewal on 5 October. A3: a usage drop, not a health drop. A1's
    /// renewal closed won on 10 October, nine days after its QBR.
    func scripted() throws -> (Scratch, FolioDatabase) {
        let scratch = Scratch()
        let database = try scratch.database()
        _ = try importer(database)(Portfolio.write(to: scratch))
        let t = Self.raisedAt, due = t + 48 * 3_600
        let before = #"{"dueBy":\#(due),"recipients":["ana"],"severity":"orange","state":"open"}"#
        try database.write { db in
            for (account, date, score, band) in [("A1", "2026-09-08", 50.0, "Red"), ("A1", "2026-09-15", 62.0, "Yellow"),
                                                 ("A2", "2026-09-08", 65.0, "Yellow"), ("A1", "2026-08-25", 80.0, "Green")] {
                try db.storeSnapshot(account, on: date, score: score, band: band)
            }
            try db.execute(sql: """
                INSERT INTO alert (id, account_id, kind, severity, reason, raised_on, raised_at, due_by, state, shadow)
                VALUES (1, 'A1', 'health-drop', 'red', 'score 58', '2026-09-01', ?, ?, 'open', 0),
                       (2, 'A2', 'health-drop', 'amber', 'score 65', '2026-09-01', ?, ?, 'open', 1),
                       (3, 'A3', 'usage-drop', 'orange', 'usage', '2026-09-01', ?, ?, 'open', 0);
                INSERT INTO alert_recipient (alert_id, position, login) VALUES (1, 0, 'ana'), (3, 0, 'kenji')
                """, arguments: [t, t + 8 * 86_400, t, t + 120 * 3_600, t, due])
            try db.execute(sql: """
                INSERT INTO alert_event (alert_id, at, actor, action, before, after) VALUES
                    (1, ?, 'folio', 'raise', NULL, NULL),
                    (1, ?, 'ana', 'acknowledge', ?, NULL),
                    (1, ?, 'folio', 'escalate', ?, NULL)
                """, arguments: [t, t + 2 * 3_600, before, t + 7 * 86_400, before])
            try db.execute(sql: """
                INSERT INTO renewal_opportunity (account_id, amount_cents, close_date, stage, owner, opened_on, closed_on, moved_by, moved_at)
                VALUES ('A1', 100, '2026-10-15', 'closed won', 'ana', '2026-07-15', '2026-10-10', 'ana', 0),
                       ('A2', 100, '2026-10-05', 'churned', 'kenji', '2026-07-05', '2026-10-05', 'kenji', 0)
                """)
            try db.execute(sql: "UPDATE account SET status = 'churned' WHERE id = 'A2'")
        }
        return (scratch, database)
    }

    @Test func readsTheScriptedHistoryForTheWholeCompany() throws {
        let (scratch, database) = try scripted()
        defer { withExtendedLifetime(scratch) {} }
        let history = try database.read { db in
            try ProgrammeData.load(for: try Book.user("vera", in: db)!, period: Self.period, asOf: Self.period.to, in: db)
        }
        let t = Self.raisedAt
        #expect(history.alerts == [
            ProgrammeHistory.HealthAlert(accountID: "A1", owner: "ana", severity: .orange, threshold: 60,
                                         raisedOn: Self.period.from, raisedAt: t, dueBy: t + 48 * 3_600,
                                         acknowledgedAt: t + 2 * 3_600),
            ProgrammeHistory.HealthAlert(accountID: "A2", owner: "kenji", severity: .amber, threshold: 70,
                                         raisedOn: Self.period.from, raisedAt: t, dueBy: t + 120 * 3_600, shadow: true),
        ])
        // The snapshot before the period is not read.
        #expect(history.scores.count == 3)
        #expect(history.churned == ["A2": Day(iso: "2026-10-05")!])
        #expect(history.renewals.map(\.accountID) == ["A2", "A1"])
        #expect(history.renewals.map(\.won) == [false, true])
        #expect(history.renewals[1].lastCheckIn == Day(iso: "2026-10-01"))

        let comparison = ControlComparison(history, period: Self.period, asOf: Self.period.to)
        #expect(comparison.alerted.recovery.overall == Ratio(1, of: 1))
        #expect(comparison.control.recovery.overall == Ratio(0, of: 1))
        #expect(comparison.control.churn == Ratio(1, of: 1))
    }

    @Test func aCSMReadsOnlyTheirOwnBook() throws {
        let (scratch, database) = try scripted()
        defer { withExtendedLifetime(scratch) {} }
        let history = try database.read { db in
            try ProgrammeData.load(for: try Book.user("ana", in: db)!, period: Self.period, asOf: Self.period.to, in: db)
        }
        #expect(history.alerts.map(\.accountID) == ["A1"])
        #expect(Set(history.scores.map(\.accountID)) == ["A1"])
        #expect(history.churned.isEmpty)
        #expect(history.renewals.map(\.accountID) == ["A1"])
    }
}
