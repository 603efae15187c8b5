import Foundation
import FolioDomain
import GRDB

// Usage (weekly, or daily rolled into weeks), support cases, NPS answers, payment status
// and activities: rows that hang off an account or a contact.
extension ImportWriter {
    // MARK: Usage

    func writeUsage(_ row: inout ImportRow, prepared: PreparedRow?, file: inout ImportSummary.File) throws {
        if let prepared, let week = prepared.day {
            guard let (account, fields) = resolveAccount(of: prepared, at: 0, row: &row) else { return }
            return try storeUsage(&row, account: account, week: week, fields: fields, file: &file)
        }
        let account = resolveAccount(&row)
        let week: Day?
        if dailyUsage {
            week = row.day("date")
        } else {
            week = row.day("week")
            if let w = week, !w.isMonday {
                row.report("week", "\(w) is not a Monday; a usage week is given by its Monday (\(w.weekStart)); rows per day go in a date column instead, and are rolled up into their weeks")
            }
        }
        if let account, let week, !header.missingForNew.isEmpty {
            row.isNew = try !exists(dailyUsage ? "usage_day" : "usage", ["account_id", dailyUsage ? "day" : "week"], [account, week.iso])
        }
        let counts = Self.usageCounts(&row)
        guard row.isValid, let account, let week else { return }
        try storeUsage(&row, account: account, week: week, fields: Self.usageFields(account, week, daily: dailyUsage, counts), file: &file)
    }

    /// A usage row read on the reading thread (`RowPreparer`).
    static func prepareUsage(_ row: inout ImportRow) -> PreparedRow? {
        guard let reference = row.required("account_id") else { return nil }
        let daily = usageByDay(row.header)
        guard case let week?? = row.zoneFreeDay(daily ? "date" : "week"), daily || week.isMonday else { return nil }
        let counts = usageCounts(&row)
        guard row.isValid else { return nil }
        return PreparedRow(account: reference, day: week, fields: usageFields(reference, week, daily: daily, counts))
    }

    struct UsageCounts {
        var active, logins, actions, used, available: Int?
    }

    private static func usageCounts(_ row: inout ImportRow) -> UsageCounts {
        let active = row.count("active_users")
        let logins = row.count("logins", required: false)
        // A trillion a week per account is far past any product; sums over weeks stay exact.
        let actions = row.count("key_actions", max: 1_000_000_000_000)
        let used = row.count("features_used", required: false)
        let available = row.count("features_available", required: false)
        if let used, let available, used > available {
            row.report("features_used", "\(used) is more than features_available \(available)")
        }
        return UsageCounts(active: active, logins: logins, actions: actions, used: used, available: available)
    }

    /// A usage row's fields; the account first.
    private static func usageFields(_ account: String, _ week: Day, daily: Bool, _ c: UsageCounts) -> [Field] {
        var fields = [Field("account_id", nil, .text(account)), Field(daily ? "day" : "week", nil, .text(week.iso)),
                      Field("active_users", "active_users", SQLValue(c.active)), Field("logins", "logins", SQLValue(c.logins)),
                      Field("key_actions", "key_actions", SQLValue(c.actions)), Field("features_used", "features_used", SQLValue(c.used)),
                      Field("features_available", "features_available", SQLValue(c.available))]
        if !daily { fields.append(Field("partial", nil, .int(0))) }
        return fields
    }

    private func storeUsage(_ row: inout ImportRow, account: String, week: Day, fields: [Field], file: inout ImportSummary.File) throws {
        if dailyUsage {
            guard try store(&row, table: "usage_day", key: ["account_id", "day"], fields: fields, subject: "usage for \(account) on \(week)",
                            insertable: row.isNew, file: &file) != nil else { return }
            dailyWeeks.insert(DailyWeek(account: account, week: week.weekStart))
            dailySpan = dailySpan.map { min($0.lowerBound, week)...max($0.upperBound, week) } ?? week...week
            return
        }
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

    func writeCase(_ row: inout ImportRow, prepared: PreparedRow?, file: inout ImportSummary.File) throws {
        if let prepared, let id = prepared.id {
            guard let (_, fields) = resolveAccount(of: prepared, at: 1, row: &row) else { return }
            return try storeCase(&row, id: id, fields: fields, file: &file)
        }
        guard let id = row.required("id") else { return }
        if !header.missingForNew.isEmpty { row.isNew = try !exists("support_case", ["id"], [id]) }
        let account = resolveAccount(&row)
        let priority = row.choice("priority", SupportCase.Priority.self)
        let opened = row.day("opened")
        let closed = row.day("closed", required: false)
        if let opened, let closed, closed < opened { row.report("closed", "\(closed) is before opened \(opened)") }
        guard row.isValid else { return }
        try storeCase(&row, id: id, fields: Self.caseFields(id, account, priority, opened, closed), file: &file)
    }

    /// A case read on the reading thread (`RowPreparer`).
    static func prepareCase(_ row: inout ImportRow) -> PreparedRow? {
        guard let id = row.required("id"), let reference = row.required("account_id") else { return nil }
        let priority = row.choice("priority", SupportCase.Priority.self)
        guard case let opened?? = row.zoneFreeDay("opened"), case let closed? = row.zoneFreeDay("closed", required: false) else { return nil }
        if let closed, closed < opened { return nil }
        guard row.isValid else { return nil }
        return PreparedRow(account: reference, id: id, fields: caseFields(id, reference, priority, opened, closed))
    }

    /// A case's fields: its id, then its account.
    private static func caseFields(_ id: String, _ account: String?, _ priority: SupportCase.Priority?, _ opened: Day?, _ closed: Day?) -> [Field] {
        [Field("id", nil, .text(id)), Field("account_id", "account_id", SQLValue(account)),
         Field("priority", "priority", SQLValue(priority?.rawValue)), Field("opened", "opened", SQLValue(opened?.iso)),
         Field("closed", "closed", SQLValue(closed?.iso))]
    }

    private func storeCase(_ row: inout ImportRow, id: String, fields: [Field], file: inout ImportSummary.File) throws {
        try store(&row, table: "support_case", key: ["id"], fields: fields, subject: "case \(id)", insertable: row.isNew, file: &file)
    }

    // MARK: NPS

    func writeNPS(_ row: inout ImportRow, prepared: PreparedRow?, file: inout ImportSummary.File) throws {
        let reference: String
        if let prepared, let given = prepared.id { reference = given } else {
            guard let given = row.required("contact_id") else { return }
            reference = given
        }
        var contact: String?
        switch session.linker.contacts.find(reference) {
        case .found(let id): contact = id
        case .ambiguous:
            row.report("contact_id", "\"\(ImportRow.excerpt(reference))\" matches more than one contact (two share the email?); use the contact id")
        case .unknown:
            contact = try respondentAsContact(reference, row: &row)
        }
        if let prepared, prepared.id != nil {
            guard row.isValid, let contact, let date = prepared.day else { return }
            var fields = prepared.fields
            if contact != reference { fields[0].value = .text(contact) }
            return try storeNPS(&row, contact: contact, date: date, fields: fields, file: &file)
        }
        if let contact, let account = session.linker.contactAccounts[contact] { row.zone = zone(ofAccount: account) }
        let date = row.day("date")
        let score = row.count("score", max: 10)
        let comment = row.text("comment")
        guard row.isValid, let contact, let date else { return }
        try storeNPS(&row, contact: contact, date: date, fields: Self.npsFields(contact, date, score, comment), file: &file)
    }

    /// An NPS answer read on the reading thread (`RowPreparer`).
    static func prepareNPS(_ row: inout ImportRow) -> PreparedRow? {
        guard let reference = row.required("contact_id"), case let date?? = row.zoneFreeDay("date") else { return nil }
        let score = row.count("score", max: 10)
        let comment = row.text("comment")
        guard row.isValid else { return nil }
        return PreparedRow(id: reference, day: date, fields: npsFields(reference, date, score, comment))
    }

    /// An NPS answer's fields; the contact first.
    private static func npsFields(_ contact: String, _ date: Day, _ score: Int?, _ comment: String?) -> [Field] {
        [Field("contact_id", nil, .text(contact)), Field("date", nil, .text(date.iso)),
         Field("score", "score", SQLValue(score)), Field("comment", "comment", SQLValue(comment))]
    }

    private func storeNPS(_ row: inout ImportRow, contact: String, date: Day, fields: [Field], file: inout ImportSummary.File) throws {
        let insertable: Bool
        if case .null = fields[2].value { insertable = false } else { insertable = true }
        try store(&row, table: "nps_response", key: ["contact_id", "date"], fields: fields,
                  subject: "NPS response of \(contact) on \(date)", insertable: insertable, file: &file)
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

    func writePayment(_ row: inout ImportRow, prepared: PreparedRow?, file: inout ImportSummary.File) throws {
        if let prepared, let asOf = prepared.day {
            guard let (account, fields) = resolveAccount(of: prepared, at: 0, row: &row) else { return }
            return try storePayment(&row, account: account, asOf: asOf, fields: fields, file: &file)
        }
        let account = resolveAccount(&row)
        let asOf = row.day("as_of")
        let overdue = row.count("days_overdue", max: 36_500)
        guard row.isValid, let account, let asOf, let overdue else { return }
        try storePayment(&row, account: account, asOf: asOf, fields: Self.paymentFields(account, asOf, overdue), file: &file)
    }

    /// A payment status read on the reading thread (`RowPreparer`).
    static func preparePayment(_ row: inout ImportRow) -> PreparedRow? {
        guard let reference = row.required("account_id"), case let asOf?? = row.zoneFreeDay("as_of"),
              let overdue = row.count("days_overdue", max: 36_500), row.isValid else { return nil }
        return PreparedRow(account: reference, day: asOf, fields: paymentFields(reference, asOf, overdue))
    }

    /// A payment status's fields; the account first.
    private static func paymentFields(_ account: String, _ asOf: Day, _ overdue: Int) -> [Field] {
        [Field("account_id", nil, .text(account)), Field("as_of", nil, .text(asOf.iso)), Field("days_overdue", "days_overdue", .int(Int64(overdue)))]
    }

    private func storePayment(_ row: inout ImportRow, account: String, asOf: Day, fields: [Field], file: inout ImportSummary.File) throws {
        try store(&row, table: "payment_status", key: ["account_id", "as_of"], fields: fields,
                  subject: "payment status of \(account) on \(asOf)", file: &file)
    }

    // MARK: Activities

    func writeActivity(_ row: inout ImportRow, prepared: PreparedRow?, file: inout ImportSummary.File) throws {
        if let prepared, let accountReference = prepared.account, let authorReference = prepared.user {
            let account = resolveAccount(accountReference, zone: false, row: &row)
            let author = prepared.knownUser ?? resolveUser(authorReference, column: "author", row: &row)
            guard let account, let author else { return }
            var fields = prepared.fields
            if account != accountReference || author != authorReference {
                fields[1].value = .text(account)
                fields[5].value = .text(author)
                // An id made from the content changes with the references it names.
                if prepared.id == nil, case .text(let type) = fields[2].value, case .text(let direction) = fields[3].value,
                   case .text(let date) = fields[4].value, case .text(let summary) = fields[6].value {
                    fields[0].value = .text(Self.contentID(account, type, direction, date, author, summary))
                }
            }
            return try storeActivity(&row, fields: fields, file: &file)
        }
        let account = resolveAccount(&row)
        let type = row.choice("type", Activity.Kind.self)
        let direction = row.choice("direction", Activity.Direction.self, required: false) ?? .outbound
        let date = row.day("date")
        let author = row.required("author").flatMap { resolveUser($0, column: "author", row: &row) }
        let summary = row.text("summary") ?? ""
        guard row.isValid, let account, let type, let date, let author else { return }
        try storeActivity(&row, fields: Self.activityFields(row.text("id"), account, type, direction, date, author, summary), file: &file)
    }

    /// An activity read on the reading thread (`RowPreparer`).
    static func prepareActivity(_ row: inout ImportRow) -> PreparedRow? {
        guard let account = row.required("account_id") else { return nil }
        let type = row.choice("type", Activity.Kind.self)
        let direction = row.choice("direction", Activity.Direction.self, required: false) ?? .outbound
        guard case let date?? = row.zoneFreeDay("date"), let author = row.required("author") else { return nil }
        let summary = row.text("summary") ?? ""
        guard row.isValid, let type else { return nil }
        let id = row.text("id")
        return PreparedRow(account: account, user: author, id: id, fields: activityFields(id, account, type, direction, date, author, summary))
    }

    /// An activity's fields: id, account, type, direction, date, author, summary.
    private static func activityFields(_ id: String?, _ account: String, _ type: Activity.Kind, _ direction: Activity.Direction,
                                       _ date: Day, _ author: String, _ summary: String) -> [Field] {
        // Without an id, the activity's content is its identity, so re-importing adds nothing.
        let id = id ?? contentID(account, type.rawValue, direction.rawValue, date.iso, author, summary)
        return [Field("id", nil, .text(id)), Field("account_id", nil, .text(account)), Field("type", nil, .text(type.rawValue)),
                Field("direction", nil, .text(direction.rawValue)), Field("date", nil, .text(date.iso)), Field("author", nil, .text(author)),
                Field("summary", nil, .text(summary))]
    }

    private func storeActivity(_ row: inout ImportRow, fields: [Field], file: inout ImportSummary.File) throws {
        guard case .text(let id) = fields[0].value else { return }
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
