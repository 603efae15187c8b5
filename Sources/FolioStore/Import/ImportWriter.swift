import Foundation
import FolioDomain
import GRDB
import GRDBSQLite

/// Turns checked rows of one kind into upserts: a row with a key already in the database
/// updates it, a new key adds a row, a key given twice in one import is reported.
final class ImportWriter {
    let kind: ImportKind
    unowned let session: ImportSession
    private let statement: Statement
    /// Users are applied after their whole file is read: a manager may be listed below
    /// the people who report to them.
    private var pendingUsers: [(row: ImportRow, user: User, managerRef: String?)] = []

    static func table(for kind: ImportKind) -> String {
        switch kind {
        case .users: return "user"
        case .accounts: return "account"
        case .contacts: return "contact"
        case .usage: return "usage"
        case .cases: return "support_case"
        case .nps: return "nps_response"
        case .payments: return "payment_status"
        case .activities: return "activity"
        }
    }

    /// Table columns written, in bind order (import_batch is always last), and the key.
    static func layout(for kind: ImportKind) -> (columns: [String], key: [String]) {
        switch kind {
        case .users: return (["login", "name", "email", "role", "manager_login"], ["login"])
        case .accounts: return (["id", "name", "tier", "owner", "ae", "arr_cents", "contract_start", "renewal_date",
                                 "seats", "timezone", "email_opt_out", "status", "term_months"], ["id"])
        case .contacts: return (["id", "account_id", "name", "email", "roles", "left_company", "opt_out"], ["id"])
        case .usage: return (["account_id", "week", "active_users", "logins", "key_actions", "features_used",
                              "features_available"], ["account_id", "week"])
        case .cases: return (["id", "account_id", "priority", "opened", "closed"], ["id"])
        case .nps: return (["contact_id", "date", "score", "comment"], ["contact_id", "date"])
        case .payments: return (["account_id", "as_of", "days_overdue"], ["account_id", "as_of"])
        case .activities: return (["id", "account_id", "type", "direction", "date", "author", "summary"], ["id"])
        }
    }

    init(kind: ImportKind, session: ImportSession) throws {
        self.kind = kind
        self.session = session
        let table = Self.table(for: kind)
        let (columns, key) = Self.layout(for: kind)
        let all = columns + ["import_batch"]
        let updates = all.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let sql = """
            INSERT INTO \(table) (\(all.joined(separator: ", "))) VALUES (\(all.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT(\(key.joined(separator: ", "))) DO UPDATE SET \(updates)
            WHERE \(table).import_batch <> excluded.import_batch
            """
        statement = try session.db.makeStatement(sql: sql)
    }

    /// Checks one row and, when it is sound, writes it.
    func apply(_ row: inout ImportRow) throws {
        switch kind {
        case .users: readUser(&row)
        case .accounts: try writeAccount(&row)
        case .contacts: try writeContact(&row)
        case .usage: try writeUsage(&row)
        case .cases: try writeCase(&row)
        case .nps: try writeNPS(&row)
        case .payments: try writePayment(&row)
        case .activities: try writeActivity(&row)
        }
    }

    /// Applies what had to wait for the whole file.
    func finish() throws {
        guard kind == .users else { return }
        for entry in pendingUsers {
            session.users.add(login: entry.user.login, name: entry.user.name, email: entry.user.email)
        }
        for var entry in pendingUsers {
            var manager: String?
            if let ref = entry.managerRef {
                manager = resolveUser(ref, column: "manager", row: &entry.row)
                if manager == entry.user.login {
                    entry.row.report("manager", "\(entry.user.login) cannot be their own manager")
                }
            }
            if entry.row.isValid {
                let u = entry.user
                try write(&entry.row, key: "login \(u.login)") { b in
                    b.text(u.login); b.text(u.name); b.text(u.email); b.text(u.role.rawValue); b.text(manager)
                }
            }
            try session.report(entry.row.problems)
        }
        pendingUsers = []
    }

    /// Binds one row's values in column order, straight to SQLite: the import's inner loop,
    /// where boxing every value for GRDB's arguments cost more than SQLite's own work.
    struct Binder {
        let statement: OpaquePointer
        var index: Int32 = 1

        mutating func text(_ value: String?) {
            if var value {
                let (statement, index) = (self.statement, self.index)
                value.withUTF8 { buf in
                    _ = sqlite3_bind_text(statement, index, buf.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                          Int32(buf.count), Binder.transient)
                }
            } else {
                sqlite3_bind_null(statement, index)
            }
            index += 1
        }

        mutating func int(_ value: Int?) {
            if let value { sqlite3_bind_int64(statement, index, Int64(value)) } else { sqlite3_bind_null(statement, index) }
            index += 1
        }

        mutating func int(_ value: Int64) {
            sqlite3_bind_int64(statement, index, value)
            index += 1
        }

        mutating func bool(_ value: Bool) { int(value ? 1 : 0) }

        /// SQLite copies the bytes before the call returns.
        static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }

    private func write(_ row: inout ImportRow, key: @autoclosure () -> String, _ bind: (inout Binder) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var binder = Binder(statement: handle)
        bind(&binder)
        binder.int(session.batch)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        if sqlite3_changes(sqlite3_db_handle(handle)) == 0 {
            row.problems.append(ImportProblem(file: row.file, line: row.line, column: 1,
                                              message: "duplicate: \(key()) was already given earlier in this import"))
        }
    }

    private func resolveUser(_ reference: String, column: String, row: inout ImportRow) -> String? {
        switch session.users.find(reference) {
        case .found(let login): return login
        case .ambiguous:
            row.report(column, "\"\(ImportRow.excerpt(reference))\" matches more than one user; use the login")
            return nil
        case .unknown:
            row.report(column, "\"\(ImportRow.excerpt(reference))\" is not a user (by login, email or exact name); import users.csv first or in the same run")
            return nil
        }
    }

    /// Time zone names seen so far: looking one up is costly, and a book uses a handful.
    private var timeZones: [String: Bool] = [:]

    private func isTimeZone(_ name: String) -> Bool {
        if let known = timeZones[name] { return known }
        let valid = TimeZone(identifier: name) != nil
        timeZones[name] = valid
        return valid
    }

    private func knownAccount(_ row: inout ImportRow) -> String? {
        guard let id = row.required("account_id") else { return nil }
        guard session.accountIDs.contains(id) else {
            row.report("account_id", "no account \"\(ImportRow.excerpt(id))\"; import accounts.csv first or in the same run")
            return nil
        }
        return id
    }

    // MARK: - Kinds

    private func readUser(_ row: inout ImportRow) {
        let login = row.required("login")
        let name = row.required("name")
        let email = row.required("email")
        let role = row.choice("role", User.Role.self)
        if let email, !email.contains("@") { row.report("email", "\"\(ImportRow.excerpt(email))\" is not an email address") }
        if let login, login.contains(where: { $0.isWhitespace }) { row.report("login", "\"\(ImportRow.excerpt(login))\" contains spaces; a login is one word") }
        // Problems are reported in finish(), with the manager's check.
        defer { row.problems = [] }
        guard let login, let name, let email, let role else {
            pendingUsers.append((row, User(login: "", name: "", email: "", role: .csm), nil))
            return
        }
        pendingUsers.append((row, User(login: login, name: name, email: email, role: role), row.text("manager")))
    }

    private func writeAccount(_ row: inout ImportRow) throws {
        let id = row.required("id")
        let name = row.required("name")
        let tier = row.choice("tier", Account.Tier.self)
        let owner = row.required("owner").flatMap { resolveUser($0, column: "owner", row: &row) }
        let ae = row.text("ae").flatMap { resolveUser($0, column: "ae", row: &row) }
        let arr = row.money("arr")
        let start = row.day("contract_start")
        let renewal = row.day("renewal_date")
        let seats = row.count("seats", required: false)
        let optOut = row.bool("opt_out")
        let status = row.choice("status", Account.Status.self, default: .active)
        let term = row.count("term_months", required: false)
        if let term, term < 1 || term > 120 {
            row.report("term_months", "\(term) is not a contract term; expected 1 to 120 months (12 for annual)")
        }
        let timezone = row.text("timezone")
        if let timezone, !isTimeZone(timezone) {
            row.report("timezone", "\"\(ImportRow.excerpt(timezone))\" is not a time zone; expected an IANA name like Europe/Paris")
        }
        if let start, let renewal, renewal <= start {
            row.report("renewal_date", "\(renewal) is not after contract_start \(start)")
        }
        guard row.isValid, let id, let name, let tier, let owner, let arr, let start, let renewal, let status else { return }
        try write(&row, key: "account \(id)") { b in
            b.text(id); b.text(name); b.text(tier.rawValue); b.text(owner); b.text(ae); b.int(arr.cents)
            b.text(start.iso); b.text(renewal.iso); b.int(seats); b.text(timezone); b.bool(optOut); b.text(status.rawValue)
            b.int(term ?? 12)
        }
        session.accountIDs.insert(id)
    }

    private func writeContact(_ row: inout ImportRow) throws {
        let id = row.required("id")
        let account = knownAccount(&row)
        let name = row.required("name")
        let email = row.required("email")
        if let email, !email.contains("@") { row.report("email", "\"\(ImportRow.excerpt(email))\" is not an email address") }
        var roles = Set<Contact.Role>()
        for part in (row.text("roles") ?? "").split(separator: ";") {
            let r = part.trimmingCharacters(in: .whitespaces).lowercased()
            if let role = Contact.Role(rawValue: r) { roles.insert(role) } else if !r.isEmpty {
                row.report("roles", "unknown role \"\(ImportRow.excerpt(r))\"; expected sponsor, champion or primary, separated by ;")
            }
        }
        let left = row.bool("left_company")
        let optOut = row.bool("opt_out")
        guard row.isValid, let id, let account, let name, let email else { return }
        let contact = Contact(id: id, accountID: account, name: name, email: email, roles: roles)
        try write(&row, key: "contact \(id)") { b in
            b.text(id); b.text(account); b.text(name); b.text(email); b.text(contact.rolesText); b.bool(left); b.bool(optOut)
        }
        session.contactIDs.insert(id)
    }

    private func writeUsage(_ row: inout ImportRow) throws {
        let account = knownAccount(&row)
        let week = row.day("week")
        if let w = week, !w.isMonday {
            row.report("week", "\(w) is not a Monday; a usage week is given by its Monday (\(w.weekStart))")
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
        guard row.isValid, let account, let week, let active, let actions else { return }
        try write(&row, key: "usage for \(account), week \(week)") { b in
            b.text(account); b.text(week.iso); b.int(active); b.int(logins); b.int(actions); b.int(used); b.int(available)
        }
    }

    private func writeCase(_ row: inout ImportRow) throws {
        let id = row.required("id")
        let account = knownAccount(&row)
        let priority = row.choice("priority", SupportCase.Priority.self)
        let opened = row.day("opened")
        let closed = row.day("closed", required: false)
        if let opened, let closed, closed < opened { row.report("closed", "\(closed) is before opened \(opened)") }
        guard row.isValid, let id, let account, let priority, let opened else { return }
        try write(&row, key: "case \(id)") { b in
            b.text(id); b.text(account); b.text(priority.rawValue); b.text(opened.iso); b.text(closed?.iso)
        }
    }

    private func writeNPS(_ row: inout ImportRow) throws {
        let contact = row.required("contact_id")
        if let contact, !session.contactIDs.contains(contact) {
            row.report("contact_id", "no contact \"\(ImportRow.excerpt(contact))\"; import contacts.csv first or in the same run")
        }
        let date = row.day("date")
        let score = row.count("score", max: 10)
        let comment = row.text("comment")
        guard row.isValid, let contact, let date, let score else { return }
        try write(&row, key: "NPS response of \(contact) on \(date)") { b in
            b.text(contact); b.text(date.iso); b.int(score); b.text(comment)
        }
    }

    private func writePayment(_ row: inout ImportRow) throws {
        let account = knownAccount(&row)
        let asOf = row.day("as_of")
        let overdue = row.count("days_overdue", max: 36_500)
        guard row.isValid, let account, let asOf, let overdue else { return }
        try write(&row, key: "payment status of \(account) on \(asOf)") { b in
            b.text(account); b.text(asOf.iso); b.int(overdue)
        }
    }

    private func writeActivity(_ row: inout ImportRow) throws {
        let account = knownAccount(&row)
        let type = row.choice("type", Activity.Kind.self)
        let direction = row.choice("direction", Activity.Direction.self, default: .outbound)
        let date = row.day("date")
        let author = row.required("author").flatMap { resolveUser($0, column: "author", row: &row) }
        let summary = row.text("summary") ?? ""
        guard row.isValid, let account, let type, let direction, let date, let author else { return }
        // Without an id, the activity's content is its identity, so re-importing adds nothing.
        let id = row.text("id") ?? Self.contentID(account, type.rawValue, direction.rawValue, date.iso, author, summary)
        try write(&row, key: "activity \(id)") { b in
            b.text(id); b.text(account); b.text(type.rawValue); b.text(direction.rawValue); b.text(date.iso); b.text(author); b.text(summary)
        }
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
