import FolioDomain
import GRDB

/// What happened to accounts (churned, renewed, expanded, contracted), as history: imported
/// (`outcomes.csv`) or recorded by Folio. The ground truth a score's backtest reads.
public enum OutcomeHistory {
    /// The outcomes dated from `from` to `to` (inclusive), by date then account.
    public static func outcomes(from: Day, to: Day, in db: Database) throws -> [AccountOutcome] {
        try Row.fetchAll(db, sql: """
            SELECT account_id, date, outcome, arr_change_cents, source, note FROM account_outcome
            WHERE date BETWEEN ? AND ? ORDER BY date, account_id
            """, arguments: [from.iso, to.iso]).compactMap(outcome)
    }

    public static func outcomes(from: Day, to: Day, database: FolioDatabase) throws -> [AccountOutcome] {
        try database.read { try outcomes(from: from, to: to, in: $0) }
    }

    /// Every outcome of one account, oldest first.
    public static func outcomes(ofAccount id: String, in db: Database) throws -> [AccountOutcome] {
        try Row.fetchAll(db, sql: """
            SELECT account_id, date, outcome, arr_change_cents, source, note FROM account_outcome WHERE account_id = ? ORDER BY date
            """, arguments: [id]).compactMap(outcome)
    }

    /// Records an outcome (Folio's own, when a renewal closes or an account churns); an
    /// outcome of the same account on the same day is replaced.
    public static func record(_ o: AccountOutcome, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO account_outcome (account_id, date, outcome, arr_change_cents, source, note) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(account_id, date) DO UPDATE SET outcome = excluded.outcome, arr_change_cents = excluded.arr_change_cents,
                source = excluded.source, note = excluded.note
            """, arguments: [o.accountID, o.date.iso, o.kind.rawValue, o.arrChange?.cents, o.source, o.note])
    }

    private static func outcome(_ row: Row) -> AccountOutcome? {
        guard let date = row.day("date"), let kind = AccountOutcome.Kind(rawValue: row["outcome"]) else { return nil }
        return AccountOutcome(accountID: row["account_id"], date: date, kind: kind,
                              arrChange: (row["arr_change_cents"] as Int64?).map(Money.init(cents:)), source: row["source"], note: row["note"])
    }
}
