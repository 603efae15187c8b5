import FolioDomain
import GRDB

/// Folio records what happened itself (issue 15): a renewal closed won is a `renewed`
/// outcome on its close day, a renewal closed as churned a `churned` one, and an account
/// marked churned (by an import, say) with no churn on record is `churned` on the day the
/// daily run first sees it. Outcomes already on record (imported, or recorded when a person
/// moved the renewal) are kept; running a day again adds nothing.
public struct OutcomeStep: TickStep {
    public let name = "outcomes"
    /// Who Folio's own outcomes come from.
    public static let source = "folio"
    /// A churn on record this close to a closing is that closing's churn.
    static let sameChurnDays = 90

    public init() {}

    public func run(_ context: inout TickContext) throws {
        context.summary.outcomesRecorded += try Self.record(asOf: context.asOf, in: context.db)
    }

    /// Records what the renewals and the accounts say and the outcomes do not yet; returns
    /// how many outcomes it added.
    @discardableResult
    public static func record(asOf: Day, in db: Database) throws -> Int {
        var added = 0
        try db.execute(sql: """
            INSERT INTO account_outcome (account_id, date, outcome, arr_change_cents, source, note)
            SELECT r.account_id, r.closed_on, 'renewed', NULL, :source, 'renewal ' || r.id || ' closed won'
            FROM renewal_opportunity r
            WHERE r.stage = 'closed won' AND r.closed_on <= :today
              AND NOT EXISTS (SELECT 1 FROM account_outcome o WHERE o.account_id = r.account_id AND o.date = r.closed_on)
            ON CONFLICT(account_id, date) DO NOTHING
            """, arguments: ["source": source, "today": asOf.iso])
        added += db.changesCount
        try db.execute(sql: """
            INSERT INTO account_outcome (account_id, date, outcome, arr_change_cents, source, note)
            SELECT r.account_id, r.closed_on, 'churned', -a.arr_cents, :source, 'renewal ' || r.id || ' closed as churned'
            FROM renewal_opportunity r JOIN account a ON a.id = r.account_id
            WHERE r.stage = 'churned' AND r.closed_on <= :today
              AND NOT EXISTS (SELECT 1 FROM account_outcome o WHERE o.account_id = r.account_id AND o.outcome = 'churned'
                              AND o.date > date(r.closed_on, :window))
            ON CONFLICT(account_id, date) DO NOTHING
            """, arguments: ["source": source, "today": asOf.iso, "window": "-\(sameChurnDays) days"])
        added += db.changesCount
        try db.execute(sql: """
            INSERT INTO account_outcome (account_id, date, outcome, arr_change_cents, source, note)
            SELECT a.id, :today, 'churned', -a.arr_cents, :source, 'marked churned; first seen by the daily run'
            FROM account a
            WHERE a.status = 'churned'
              AND NOT EXISTS (SELECT 1 FROM account_outcome o WHERE o.account_id = a.id AND o.outcome = 'churned' AND o.date >= a.contract_start)
            ON CONFLICT(account_id, date) DO NOTHING
            """, arguments: ["source": source, "today": asOf.iso])
        added += db.changesCount
        return added
    }
}
