import FolioDomain
import GRDB

/// Keeps the renewal pipeline (DESIGN §2.5): opens an opportunity when an active account's
/// renewal is 90 days away or less and none is open, moves it to `60 days out` at 60 days and
/// to `at risk` while the day's score is in the profile's lowest band (back when it
/// recovers), and closes as churned the open ones of accounts that have left. Stages people
/// set (committed) stay. Running the same day again changes nothing.
public struct RenewalStep: TickStep {
    public let name = "renewals"
    public var rules: RenewalRules

    public init(rules: RenewalRules = .standard) {
        self.rules = rules
    }

    public func run(_ context: inout TickContext) throws {
        let db = context.db, asOf = context.asOf
        let at = Moment(startOf: asOf).seconds

        // An account marked churned (by an import) takes its open renewal with it.
        try db.execute(sql: """
            UPDATE renewal_opportunity SET stage = 'churned', closed_on = ?, moved_by = ?, moved_at = ?
            WHERE closed_on IS NULL AND account_id IN (SELECT id FROM account WHERE status = 'churned')
            """, arguments: [asOf.iso, RenewalRules.engine, at])
        context.summary.renewalsMoved += db.changesCount

        var open: [String: RenewalOpportunity] = [:]
        let rows = try RenewalOpportunity.filter(RenewalOpportunity.Columns.closedOn == nil).fetchCursor(db)
        while let o = try rows.next() { open[o.accountID] = o }

        // The day's bands, parallel to the accounts, when the scoring step ran before this one.
        let lowest = context.profile.bands.bands.first?.name
        let bands: [String?] = context.snapshots.count == context.accounts.count ? context.snapshots.map(\.band) : []

        let update = try db.makeStatement(sql: """
            UPDATE OR IGNORE renewal_opportunity SET amount_cents = ?, close_date = ?, stage = ?, owner = ?, moved_by = ?, moved_at = ?
            WHERE id = ? AND closed_on IS NULL
            """)
        var opened: [[JSONBatch.Value]] = []
        for (i, account) in context.accounts.enumerated() {
            let current = open[account.id]
            if current == nil && account.daysToRenewal(asOf: asOf) > rules.openDays { continue }
            let isLowest = lowest != nil && !bands.isEmpty && bands[i] == lowest
            switch rules.plan(for: account, open: current, isLowestBand: isLowest, asOf: asOf) {
            case .nothing:
                break
            case .open(let o):
                opened.append([.text(o.accountID), .int(o.amount.cents), .text(o.closeDate.iso), .text(o.stage.rawValue), .text(o.owner)])
            case .update(let o):
                try update.execute(arguments: [o.amount.cents, o.closeDate.iso, o.stage.rawValue, o.owner, o.movedBy,
                                               o.movedAt?.seconds, o.id])
                if db.changesCount > 0 && o.stage != current?.stage { context.summary.renewalsMoved += 1 }
            }
        }

        // New opportunities in one statement: on the first run that is every renewal within 90 days.
        guard !opened.isEmpty else { return }
        try db.execute(sql: """
            INSERT INTO renewal_opportunity (account_id, amount_cents, close_date, stage, owner, opened_on, moved_by, moved_at)
            SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, ?, ?, ?
            FROM json_each(?) WHERE true
            ON CONFLICT DO NOTHING
            """, arguments: [asOf.iso, RenewalRules.engine, at, JSONBatch.rows(opened)])
        context.summary.renewalsOpened += db.changesCount
    }

}
