import Foundation
import FolioDomain
import GRDB

/// Turns checked rows of one kind into records: a new key adds a record (mapping defaults
/// fill what the file lacks), a known key updates only the columns the file carries, and
/// every changed record's fields before and after go to the audit log.
final class ImportWriter {
    let kind: ImportKind
    let header: ImportHeader
    /// Strong: the session outlives its writers and holds none (an unowned reference cost a
    /// check on every use, several a row).
    let session: ImportSession
    private var upserts: [String: RecordUpsert] = [:]
    /// The table written last: most files write one, row after row.
    private var lastUpsert: RecordUpsert?
    /// Users are applied after their whole file is read: a manager may be listed below
    /// the people who report to them.
    var pendingUsers: [PendingUser] = []
    /// Usage given per day (a date column, no week), rolled up into weeks.
    let dailyUsage: Bool

    /// Whether a usage file gives its rows per day: it has no week column (then it has a date).
    static func usageByDay(_ header: ImportHeader) -> Bool { header.source(for: "week") == nil }
    /// Daily usage rows touched, rolled up into their weeks at the end of the file.
    var dailyWeeks: Set<DailyWeek> = []
    var dailySpan: ClosedRange<Day>?
    /// Amounts seen, for the implausible-value check: (line, account or opportunity, cents).
    var amounts: [(line: Int, subject: String, cents: Int64)] = []
    private var lastZone: (account: String, zone: TimeZone?) = ("", nil)
    /// The account id and the login a reference last named exactly.
    private var lastAccountID: String?
    private var lastUserLogin: String?
    /// CRM opportunity ids met in this file.
    var seenOpportunities: Set<String> = []
    /// Survey respondents added as contacts of the account their row names.
    var respondentsAdded = 0
    /// Time zone names seen so far: looking one up is costly, and a book uses a handful.
    private var timeZones: [String: TimeZone?] = [:]

    struct PendingUser {
        var row: ImportRow
        var login: String
        var isNew: Bool
    }

    struct DailyWeek: Hashable {
        var account: String
        var week: Day
    }

    /// A value to store: its table column, the Folio column it comes from (an update writes
    /// it only when the file carries that column; nil: always), and the value.
    struct Field {
        // Static: a row builds a handful of these, and strings would be retained and released.
        var column: StaticString
        var folio: StaticString?
        var value: SQLValue

        init(_ column: StaticString, _ folio: StaticString?, _ value: SQLValue) {
            self.column = column
            self.folio = folio
            self.value = value
        }
    }

    init(kind: ImportKind, header: ImportHeader, session: ImportSession) throws {
        self.kind = kind
        self.header = header
        self.session = session
        dailyUsage = kind == .usage && Self.usageByDay(header)
    }

    /// Checks one row and, when it is sound, writes it; `prepared`: what the reading thread
    /// already read of it (`RowPreparer`).
    func apply(_ row: inout ImportRow, prepared: PreparedRow? = nil, file: inout ImportSummary.File) throws {
        switch kind {
        case .users: readUser(&row)
        case .accounts: try writeAccount(&row, file: &file)
        case .contacts: try writeContact(&row, prepared: prepared, file: &file)
        case .usage: try writeUsage(&row, prepared: prepared, file: &file)
        case .cases: try writeCase(&row, prepared: prepared, file: &file)
        case .nps: try writeNPS(&row, prepared: prepared, file: &file)
        case .payments: try writePayment(&row, prepared: prepared, file: &file)
        case .activities: try writeActivity(&row, prepared: prepared, file: &file)
        case .opportunities: try writeOpportunity(&row, file: &file)
        case .outcomes: try writeOutcome(&row, file: &file)
        case .events: break // EventImport reads events.
        }
    }

    /// How the reading thread prepares a kind's rows (`RowPreparer`); nil: the kind's rows
    /// are read on the importing thread.
    static func preparation(of kind: ImportKind) -> ((inout ImportRow) -> PreparedRow?)? {
        switch kind {
        case .usage: return prepareUsage
        case .cases: return prepareCase
        case .payments: return preparePayment
        case .activities: return prepareActivity
        case .contacts: return prepareContact
        case .nps: return prepareNPS
        case .users, .accounts, .opportunities, .outcomes, .events: return nil
        }
    }

    /// Applies what had to wait for the whole file.
    func finish(file: inout ImportSummary.File) throws {
        switch kind {
        case .users: try finishUsers(file: &file)
        case .usage: try finishDailyUsage(file: &file)
        case .nps where respondentsAdded > 0:
            file.notes.append("added \(respondentsAdded) respondent\(respondentsAdded == 1 ? "" : "s") Folio did not know as contacts of the accounts their rows name")
        default: break
        }
    }

    /// The tables a kind's rows are stored in by key (`store`).
    static func tables(of kind: ImportKind) -> [String] {
        switch kind {
        case .users: return ["user"]
        case .accounts: return ["account", "account_attribute"]
        case .contacts: return ["contact"]
        case .usage: return ["usage", "usage_day"]
        case .cases: return ["support_case"]
        case .nps: return ["nps_response"]
        case .payments: return ["payment_status"]
        case .activities: return ["activity"]
        case .outcomes: return ["account_outcome"]
        case .opportunities, .events: return []
        }
    }

    /// Stores one record and counts it; false when the key was already given in this import.
    @discardableResult
    func store(_ row: inout ImportRow, table: String, key: @autoclosure () -> [String], fields: [Field], subject: @autoclosure () -> String,
               insertable: Bool = true, file: inout ImportSummary.File) throws -> RecordUpsert.Outcome? {
        // Each table is written with one list of columns.
        let upsert: RecordUpsert
        if let last = lastUpsert, last.table == table {
            upsert = last
        } else if let cached = upserts[table] {
            upsert = cached
        } else {
            let carried = Set(fields.filter { f in f.folio.map { header.carries($0.description) } ?? true }.map(\.column.description))
            upsert = try RecordUpsert(db: session.db, table: table, columns: fields.map(\.column.description), key: key(), carried: carried, batch: session.batch,
                                  unchangedKeys: session.unchangedKeys)
            upserts[table] = upsert
        }
        lastUpsert = upsert
        let outcome = try upsert.write(fields, insertable: insertable)
        switch outcome {
        case .inserted: file.added += 1
        case .unchanged: file.unchanged += 1
        case .updated(let changes):
            file.changed += 1
            try session.audit(subject(), changes)
        case .duplicate:
            row.problems.append(ImportProblem(file: row.file, line: row.line, column: 1,
                                              message: "duplicate: \(subject()) was already given earlier in this import"))
            return nil
        case .absent:
            row.isNew = true
            for column in header.missingForNew { _ = row.required(column) }
            return nil
        }
        return outcome
    }

    // MARK: - Shared lookups

    func timeZone(_ name: String) -> TimeZone? {
        if let known = timeZones[name] { return known }
        let zone = TimeZone(identifier: name)
        timeZones[name] = zone
        return zone
    }

    /// The zone an account's dates are read in (the last one kept: files come grouped by account).
    func zone(ofAccount id: String) -> TimeZone? {
        if id == lastZone.account { return lastZone.zone }
        let zone = session.linker.accountZones[id].flatMap(timeZone)
        lastZone = (id, zone)
        return zone
    }

    func invalidateZone() { lastZone = ("", nil) }

    /// The user a reference means, reporting when there is none (or more than one).
    func resolveUser(_ reference: String, column: String, row: inout ImportRow) -> String? {
        if reference == lastUserLogin { return reference }
        switch session.linker.users.find(reference) {
        case .found(let login):
            if login == reference { lastUserLogin = login }
            return login
        case .ambiguous:
            row.report(column, "\"\(ImportRow.excerpt(reference))\" matches more than one user; use the login (or a key only one user has)")
            return nil
        case .unknown:
            row.report(column, "\"\(ImportRow.excerpt(reference))\" is not a user (\(RecordLinker.tried(.user))); \(RecordLinker.remedy(.user, ImportRow.excerpt(reference)))")
            return nil
        }
    }

    /// The account a reference column means.
    func resolveAccount(_ row: inout ImportRow, column: String = "account_id", required: Bool = true) -> String? {
        guard let reference = required ? row.required(column) : row.text(column) else { return nil }
        return resolveAccount(reference, column: column, row: &row)
    }

    /// The account a prepared row names, and its fields with that account's id at `position`;
    /// nil (reported) when it names none.
    func resolveAccount(of prepared: PreparedRow, at position: Int, row: inout ImportRow) -> (account: String, fields: [Field])? {
        guard let reference = prepared.account, let account = resolveAccount(reference, zone: false, row: &row) else { return nil }
        var fields = prepared.fields
        if account != reference { fields[position].value = .text(account) }
        return (account, fields)
    }

    /// The account `reference` (as the row's `column` gives it) means; `zone`: whether the
    /// row's dates are still to be read in the account's zone.
    func resolveAccount(_ reference: String, column: String = "account_id", zone needsZone: Bool = true, row: inout ImportRow) -> String? {
        // Rows come grouped by account: the last id met is the likeliest (ids are never removed).
        if reference == lastAccountID {
            if needsZone { row.zone = zone(ofAccount: reference) }
            return reference
        }
        switch session.linker.accounts.find(reference) {
        case .found(let id):
            if id == reference { lastAccountID = id }
            if needsZone { row.zone = zone(ofAccount: id) }
            return id
        case .ambiguous:
            row.report(column, "\"\(ImportRow.excerpt(reference))\" matches more than one account (by name or key); use the account id")
            return nil
        case .unknown:
            row.report(column, "no account \"\(ImportRow.excerpt(reference))\" (\(RecordLinker.tried(.account))); \(RecordLinker.remedy(.account, ImportRow.excerpt(reference)))")
            return nil
        }
    }

    /// The keys of a record, normalized, refusing one that already names another record.
    func checkKeys(_ keys: [String], for id: String, kind: RecordLinker.RecordKind, row: inout ImportRow) -> [String] {
        let index: RecordLinker.Index
        switch kind {
        case .account: index = session.linker.accounts
        case .contact: index = session.linker.contacts
        case .user: index = session.linker.users
        }
        var accepted: [String] = []
        for key in keys {
            let normalized = RecordKey.normalized(key)
            guard !normalized.isEmpty, !accepted.contains(normalized) else { continue }
            if let other = index.keys[normalized], other != id, index.isStrong(normalized) {
                row.report("keys", "\"\(ImportRow.excerpt(key))\" already names \(kind.rawValue) \(other); a key names one record")
                continue
            }
            accepted.append(normalized)
        }
        return accepted
    }

    func saveKeys(_ keys: [String], for id: String, kind: RecordLinker.RecordKind) throws {
        for key in keys {
            try session.db.execute(sql: "INSERT INTO external_key (kind, key, record_id) VALUES (?, ?, ?) ON CONFLICT(kind, key) DO UPDATE SET record_id = excluded.record_id",
                                   arguments: [kind.rawValue, key, id])
            switch kind {
            case .account: session.linker.accounts.add(key: key, for: id, strong: true)
            case .contact: session.linker.contacts.add(key: key, for: id, strong: true)
            case .user: session.linker.users.add(key: key, for: id, strong: true)
            }
        }
    }

    /// Values a thousand times the file's median (an ARR that is really a company's revenue).
    func plausibilityWarnings() -> [String] {
        guard amounts.count >= 3 else { return [] }
        let sorted = amounts.map(\.cents).filter { $0 > 0 }.sorted()
        guard !sorted.isEmpty else { return [] }
        let median = sorted[sorted.count / 2]
        guard median > 0 else { return [] }
        let what = kind == .opportunities ? "amount" : "arr"
        return amounts.filter { $0.cents >= median * 1000 }.prefix(10).map { a in
            "\(header.label(what)) of \(a.subject) at line \(a.line) is \(Money(cents: a.cents).grouped), \(a.cents / median)× the file's median (\(Money(cents: median).grouped)): is it the customer's own revenue rather than what they pay you?"
        }
    }
}
