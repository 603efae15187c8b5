import Foundation
import FolioDomain
import GRDB

// Usage (weekly, or daily rolled into weeks), support cases, NPS answers, payment status
// and activities: rows that hang off an account or a contact.
extension ImportWriter {
    // MARK: Usage

    func writeUsage(_ row: inout ImportRow, file: inout ImportSummary.File) throws {
        let account = resolveAccount(&row)
        let daily = header.source(for: "week") == nil
        let week: Day?
        if daily {
            week = row.day("date")
        } else {
            week = row.day("week")
            if let w = week, !w.isMonday {
                row.report("week", "\(w) is not a Monday; a usage week is given by its Monday (\(w.weekStart)); rows per day go in a date column instead, and are rolled up into their weeks")
            }
        }
        if let account, let week, !header.missingForNew.isEmpty {
            row.isNew = try !exists(daily ? "usage_day" : "usage", ["account_id", daily ? "day" : "week"], [account, week.iso])
        }
        let active = row.count("active_users")
        let logins = row.count("logins", required: false)
        // A trillion a week per account is far past any product; sums over weeks stay exact.
        let actions = row.count("key_actions", max: 1_000_000_000_000)
        let used = row.count("features_used", required: false)
        let available = row.count("features_available", required: false)
        if let used, let available, used > available {
            row.report("features_used", "\(used) is more than features_available \(available)")
        }
        guard row.isValid, let account, let week else { return }
        if daily {
            let fields = [Field("account_id", nil, .text(account)), Field("day", nil, .text(week.iso)),
                          Field("active_users", "active_users", SQLValue(active)), Field("logins", "logins", SQLValue(logins)),
                          Field("key_actions", "key_actions", SQLValue(actions)), Field("features_used", "features_used", SQLValue(used)),
                          Field("features_available", "features_available", SQLValue(available))]
            guard try store(&row, table: "usage_day", key: ["account_id", "day"], fields: fields, subject: "usage for \(account) on \(week)",
                            insertable: row.isNew, file: &file) != nil else { return }
            dailyWeeks.insert(DailyWeek(account: account, week: week.weekStart))
            dailySpan = dailySpan.map { min($0.lowerBound, week)...max($0.upperBound, week) } ?? week...week
            return
        }
        let fields = [Field("account_id", nil, .text(account)), Field("week", nil, .text(week.iso)),
                      Field("active_users", "active_users", SQLValue(active)), Field("logins", "logins", SQLValue(logins)),
                      Field("key_actions", "key_actions", SQLValue(actions)), Field("features_used", "features_used", SQLValue(used)),
                      Field("features_available", "features_available", SQLValue(available)), Field("partial", nil, .int(0))]
        try store(&row, table: "usage", key: ["account_id", "week"], fields: fields, subject: "usage for \(account), week \(week)",
                  insertable: row.isNew, file: &file)
    }

    /// Daily rows into weeks: counts summed, users and features at their most in a day (a
    /// week's distinct users are at least the busiest day's). A week the data does not cover
    /// to its Sunday (nor its Monday) is marked partial.
    func finishDailyUsage(file: inout ImportSummary.File) throws {
        guard !dailyWeeks.isEmpty, let span = dailySpan else { return }
        let statement = try session.db.makeStatement(sql: """
            INSERT INTO usage (account_id, week, active_users, logins, key_actions, features_used, features_available, partial, import_batch)
            SELECT ?1, ?2, COALESCE(MAX(active_users), 0), SUM(logins), COALESCE(SUM(key_actions), 0), MAX(features_used),
                   MAX(features_available), ?4 AND COUNT(*) < 7, ?3
            FROM usage_day WHERE account_id = ?1 AND day BETWEEN ?2 AND date(?2, '+6 days')
            ON CONFLICT(account_id, week) DO UPDATE SET active_users = excluded.active_users, logins = excluded.logins,
                key_actions = excluded.key_actions, features_used = excluded.features_used,
                features_available = excluded.features_available, partial = excluded.partial, import_batch = excluded.import_batch
            """)
        var partial = 0
        for w in dailyWeeks.sorted(by: { ($0.account, $0.week) < ($1.account, $1.week) }) {
            let uncovered = w.week < span.lowerBound || w.week.adding(days: 6) > span.upperBound
            try statement.execute(arguments: [w.account, w.week.iso, session.batch, uncovered])
            if uncovered, try Bool.fetchOne(session.db, sql: "SELECT partial FROM usage WHERE account_id = ? AND week = ?", arguments: [w.account, w.week.iso]) == true {
                partial += 1
            }
        }
        let weeks = Set(dailyWeeks.map(\.week)).count
        file.notes.append("rolled the days into \(dailyWeeks.count) account-weeks over \(weeks) week\(weeks == 1 ? "" : "s") (counts summed, active users at the busiest day)"
                          + (partial > 0 ? "; \(partial) partial (the data stops before the week's end), marked and not scored as a drop" : ""))
    }

    /// Whether a row with this key exists (for files that update without what a new row needs).
    func exists(_ table: String, _ key: [String], _ values: [String]) throws -> Bool {
        try Bool.fetchOne(session.db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE \(key.map { "\($0) = ?" }.joined(separator: " AND ")))",
                          arguments: StatementArguments(values)) ?? false
    }

    // MARK: Cases

    func writeCase(_ row: inout ImportRow, file: inout ImportSummary.File) throws {
        guard let id = row.required("id") else { return }
        if !header.missingForNew.isEmpty { row.isNew = try !exists("support_case", ["id"], [id]) }
        let account = resolveAccount(&row)
        let priority = row.choice("priority", SupportCase.Priority.self)
        let opened = row.day("opened")
        let closed = row.day("closed", required: false)
        if let opened, let closed, closed < opened { row.report("closed", "\(closed) is before opened \(opened)") }
        guard row.isValid else { return }
        let fields = [Field("id", nil, .text(id)), Field("account_id", "account_id", SQLValue(account)),
                      Field("priority", "priority", SQLValue(priority?.rawValue)), Field("opened", "opened", SQLValue(opened?.iso)),
                      Field("closed", "closed", SQLValue(closed?.iso))]
        try store(&row, table: "support_case", key: ["id"], fields: fields, subject: "case \(id)", insertable: row.isNew, file: &file)
    }

    // MARK: NPS

    func writeNPS(_ row: inout ImportRow, file: inout ImportSummary.File) throws {
        guard let reference = row.required("contact_id") else { return }
        var contact: String?
        switch session.linker.contacts.find(reference) {
        case .found(let id): contact = id
        case .ambiguous:
            row.report("contact_id", "\"\(ImportRow.excerpt(reference))\" matches more than one contact (two share the email?); use the contact id")
        case .unknown:
            contact = try respondentAsContact(reference, row: &row)
        }
        if let contact, let account = session.linker.contactAccounts[contact] { row.zone = zone(ofAccount: account) }
        let date = row.day("date")
        let score = row.count("score", max: 10)
        let comment = row.text("comment")
        guard row.isValid, let contact, let date else { return }
        let fields = [Field("contact_id", nil, .text(contact)), Field("date", nil, .text(date.iso)),
                      Field("score", "score", SQLValue(score)), Field("comment", "comment", SQLValue(comment))]
        try store(&row, table: "nps_response", key: ["contact_id", "date"], fields: fields,
                  subject: "NPS response of \(contact) on \(date)", insertable: score != nil, file: &file)
    }

    /// A survey respondent Folio does not know: added as a contact of the account the row
    /// names (`account_id`), or refused saying what was tried.
    private func respondentAsContact(_ reference: String, row: inout ImportRow) throws -> String? {
        guard header.carries("account_id"), row.text("account_id") != nil else {
            row.report("contact_id", "no contact \"\(ImportRow.excerpt(reference))\" (\(RecordLinker.tried(.contact))); \(RecordLinker.remedy(.contact, ImportRow.excerpt(reference))), or map the respondent's account to account_id so Folio adds them")
            return nil
        }
        guard let account = resolveAccount(&row, required: false) else { return nil }
        guard reference.contains("@") else {
            row.report("contact_id", "no contact \"\(ImportRow.excerpt(reference))\"; a respondent Folio adds as a contact needs an email address")
            return nil
        }
        let email = reference.lowercased()
        let name = row.text("name") ?? String(email.prefix { $0 != "@" })
        try session.db.execute(sql: "INSERT INTO contact (id, account_id, name, email, import_batch) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                               arguments: [email, account, name, email, session.batch])
        session.linker.contacts.ids.insert(email)
        session.linker.contacts.add(key: email, for: email, strong: true)
        session.linker.contactAccounts[email] = account
        respondentsAdded += 1
        return email
    }

    // MARK: Payments

    func writePayment(_ row: inout ImportRow, file: inout ImportSummary.File) throws {
        let account = resolveAccount(&row)
        let asOf = row.day("as_of")
        let overdue = row.count("days_overdue", max: 36_500)
        guard row.isValid, let account, let asOf, let overdue else { return }
        let fields = [Field("account_id", nil, .text(account)), Field("as_of", nil, .text(asOf.iso)), Field("days_overdue", "days_overdue", .int(Int64(overdue)))]
        try store(&row, table: "payment_status", key: ["account_id", "as_of"], fields: fields,
                  subject: "payment status of \(account) on \(asOf)", file: &file)
    }

    // MARK: Activities

    func writeActivity(_ row: inout ImportRow, file: inout ImportSummary.File) throws {
        let account = resolveAccount(&row)
        let type = row.choice("type", Activity.Kind.self)
        let direction = row.choice("direction", Activity.Direction.self, required: false) ?? .outbound
        let date = row.day("date")
        let author = row.required("author").flatMap { resolveUser($0, column: "author", row: &row) }
        let summary = row.text("summary") ?? ""
        guard row.isValid, let account, let type, let date, let author else { return }
        // Without an id, the activity's content is its identity, so re-importing adds nothing.
        let id = row.text("id") ?? Self.contentID(account, type.rawValue, direction.rawValue, date.iso, author, summary)
        let fields = [Field("id", nil, .text(id)), Field("account_id", nil, .text(account)), Field("type", nil, .text(type.rawValue)),
                      Field("direction", nil, .text(direction.rawValue)), Field("date", nil, .text(date.iso)), Field("author", nil, .text(author)),
                      Field("summary", nil, .text(summary))]
        try store(&row, table: "activity", key: ["id"], fields: fields, subject: "activity \(id)", file: &file)
    }

    /// A stable id from content (FNV-1a, 64 bits).
    static func contentID(_ parts: String...) -> String {
        var hash = StableHash()
        for part in parts {
            hash.add(part)
            hash.add(0x1F)
        }
        let hex = String(hash.value, radix: 16)
        return "auto-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
