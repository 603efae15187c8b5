import Foundation
import FolioDomain
import GRDB

// Renewal opportunities from the CRM (they feed Folio's renewal pipeline) and outcomes (what
// happened to accounts, kept as history).
extension ImportWriter {
    // MARK: Opportunities

    /// A CRM stage as Folio reads it: one of Folio's stages, or `open` (the daily run places
    /// it by its close date and the account's band).
    enum OpportunityStage {
        case open
        case stage(RenewalOpportunity.Stage)
    }

    func writeOpportunity(_ row: inout ImportRow, file: inout ImportSummary.File) throws {
        guard let crmID = row.required("id") else { return }
        let db = session.db
        struct Stored {
            var id: Int64, account: String, amount: Int64, close: String, stage: String, owner: String, closedOn: String?, crmStage: String?, crmID: String?
        }
        func stored(_ sql: String, _ arguments: StatementArguments) throws -> Stored? {
            try Row.fetchOne(db, sql: "SELECT id, account_id, amount_cents, close_date, stage, owner, closed_on, crm_stage, crm_id FROM renewal_opportunity WHERE \(sql)",
                             arguments: arguments).map {
                Stored(id: $0[0], account: $0[1], amount: $0[2], close: $0[3], stage: $0[4], owner: $0[5], closedOn: $0[6], crmStage: $0[7], crmID: $0[8])
            }
        }
        var existing = try stored("crm_id = ?", [crmID])
        row.isNew = existing == nil
        let account = resolveAccount(&row) ?? existing?.account
        let amount = row.money("amount")
        let close = row.day("close_date")
        let rawStage = row.original("stage")
        var stage: OpportunityStage?
        if let text = row.required("stage") {
            let t = text.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            if t == "open" { stage = .open } else if let s = RenewalOpportunity.Stage(rawValue: t) { stage = .stage(s) } else {
                row.report("stage", "unknown stage \"\(ImportRow.excerpt(text))\"; map the CRM's stages (values: {stage: {Closed Won: closed won, Closed Lost: churned, Commit: committed, \"*\": open}}) to open, committed, closed won or churned")
            }
        }
        var owner = row.text("owner").flatMap { resolveUser($0, column: "owner", row: &row) }
        if let amount, let account { amounts.append((row.line, "opportunity \(crmID) of \(account)", amount.cents)) }
        if seenOpportunities.contains(crmID) {
            row.problems.append(ImportProblem(file: row.file, line: row.line, column: 1, message: "duplicate: opportunity \(crmID) was already given earlier in this import"))
        }
        guard row.isValid, let account else { return }
        seenOpportunities.insert(crmID)
        if owner == nil {
            owner = try existing?.owner ?? String.fetchOne(db, sql: "SELECT owner FROM account WHERE id = ?", arguments: [account])
        }
        // An opportunity the daily run opened for this account becomes the CRM's.
        if existing == nil, let open = try stored("account_id = ? AND closed_on IS NULL AND crm_id IS NULL", [account]) {
            existing = open
        }
        if existing == nil, let close, let same = try stored("account_id = ? AND close_date = ? AND crm_id IS NULL", [account, close.iso]) {
            existing = same
        }
        // The new state, from what the file carries and what was there.
        let closeDate = close?.iso ?? existing?.close
        let amountCents = amount?.cents ?? existing?.amount
        var newStage: RenewalOpportunity.Stage
        switch stage {
        case .stage(let s)?: newStage = s
        case .open?, nil:
            let was = existing.flatMap { RenewalOpportunity.Stage(rawValue: $0.stage) }
            if stage == nil, let was { newStage = was } else if let was, !was.isClosed { newStage = was } else { newStage = .ninetyDaysOut }
        }
        let closedOn: String? = newStage.isClosed ? (existing?.closedOn ?? closeDate) : nil
        guard let closeDate, let amountCents, let owner else {
            for column in ["amount", "close_date"] where row.text(column) == nil { _ = row.required(column) }
            return
        }
        if existing == nil, !newStage.isClosed, let other = try stored("account_id = ? AND closed_on IS NULL", [account]) {
            row.report("account_id", "account \(account) already has an open renewal (\(other.crmID.map { "CRM opportunity \($0)" } ?? "opportunity \(other.id)")); Folio keeps one open renewal per account: close the other in the CRM, or keep one with the mapping's only:")
            return
        }
        if let old = existing {
            var changes: [RecordUpsert.Change] = []
            func compare(_ column: String, _ before: SQLValue, _ after: SQLValue) {
                if before != after { changes.append(RecordUpsert.Change(column: column, before: before, after: after)) }
            }
            compare("amount_cents", .int(old.amount), .int(amountCents))
            compare("close_date", .text(old.close), .text(closeDate))
            compare("stage", .text(old.stage), .text(newStage.rawValue))
            compare("owner", .text(old.owner), .text(owner))
            compare("crm_stage", SQLValue(old.crmStage), SQLValue(rawStage ?? old.crmStage))
            compare("crm_id", SQLValue(old.crmID), .text(crmID))
            guard !changes.isEmpty else { file.unchanged += 1; return }
            let moved = old.stage != newStage.rawValue
            try db.execute(sql: """
                UPDATE renewal_opportunity SET amount_cents = ?, close_date = ?, stage = ?, owner = ?, closed_on = ?, crm_stage = ?, crm_id = ?,
                    moved_by = CASE WHEN ? THEN ? ELSE moved_by END, moved_at = CASE WHEN ? THEN ? ELSE moved_at END
                WHERE id = ?
                """, arguments: [amountCents, closeDate, newStage.rawValue, owner, closedOn, rawStage ?? old.crmStage, crmID,
                                 moved, session.options.actor, moved, session.options.at, old.id])
            file.changed += 1
            try session.audit("opportunity \(crmID)", changes)
            return
        }
        try db.execute(sql: """
            INSERT INTO renewal_opportunity (account_id, amount_cents, close_date, stage, owner, opened_on, closed_on, moved_by, moved_at, crm_id, crm_stage)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [account, amountCents, closeDate, newStage.rawValue, owner, session.today.iso, closedOn,
                             session.options.actor, session.options.at, crmID, rawStage])
        file.added += 1
    }

    // MARK: Outcomes

    func writeOutcome(_ row: inout ImportRow, file: inout ImportSummary.File) throws {
        let account = resolveAccount(&row)
        let date = row.day("date")
        let outcome = row.choice("outcome", AccountOutcome.Kind.self)
        let change = row.money("arr_change", required: false, signed: true)
        let note = row.text("note")
        if let outcome, let change {
            if outcome == .churned || outcome == .contracted, change.cents > 0 {
                row.report("arr_change", "\(change.decimal) is an increase, but the outcome is \(outcome.rawValue); give a lost amount as negative (-12000)")
            } else if outcome == .expanded, change.cents < 0 {
                row.report("arr_change", "\(change.decimal) is a decrease, but the outcome is expanded")
            }
        }
        guard row.isValid, let account, let date, let outcome else { return }
        let fields = [Field("account_id", nil, .text(account)), Field("date", nil, .text(date.iso)), Field("outcome", nil, .text(outcome.rawValue)),
                      Field("arr_change_cents", "arr_change", change.map { .int($0.cents) } ?? .null), Field("source", nil, .text("import")),
                      Field("note", "note", SQLValue(note))]
        try store(&row, table: "account_outcome", key: ["account_id", "date"], fields: fields,
                  subject: "outcome of \(account) on \(date)", file: &file)
    }
}
