import Foundation
import FolioDomain
import GRDB

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
                                 "seats", "timezone", "email_opt_out", "status"], ["id"])
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
                try write(&entry.row, [u.login, u.name, u.email, u.role.rawValue, manager], key: "login \(u.login)")
            }
            try session.report(entry.row.problems)
        }
        pendingUsers = []
    }

    private func write(_ row: inout ImportRow, _ values: [(any DatabaseValueConvertible)?], key: @autoclosure () -> String) throws {
        var arguments = StatementArguments(values)
        arguments += [session.batch]
        statement.setUncheckedArguments(arguments)
        try statement.execute()
        if session.db.changesCount == 0 {
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
        let timezone = row.text("timezone")
        if let timezone, TimeZone(identifier: timezone) == nil {
            row.report("timezone", "\"\(ImportRow.excerpt(timezone))\" is not a time zone; expected an IANA name like Europe/Paris")
        }
        if let start, let renewal, renewal <= start {
            row.report("renewal_date", "\(renewal) is not after contract_start \(start)")
        }
        guard row.isValid, let id, let name, let tier, let owner, let arr, let start, let renewal, let status else { return }
        try write(&row, [id, name, tier.rawValue, owner, ae, arr.cents, start.iso, renewal.iso, seats, timezone, optOut, status.rawValue],
                  key: "account \(id)")
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
        try write(&row, [id, account, name, email, contact.rolesText, left, optOut], key: "contact \(id)")
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
        let actions = row.count("key_actions", max: Int.max)
        let used = row.count("features_used", required: false)
        let available = row.count("features_available", required: false)
        if let used, let available, used > available {
            row.report("features_used", "\(used) is more than features_available \(available)")
        }
        guard row.isValid, let account, let week, let active, let actions else { return }
        try write(&row, [account, week.iso, active, logins, actions, used, available], key: "usage for \(account), week \(week)")
    }

    private func writeCase(_ row: inout ImportRow) throws {
        let id = row.required("id")
        let account = knownAccount(&row)
        let priority = row.choice("priority", SupportCase.Priority.self)
        let opened = row.day("opened")
        let closed = row.day("closed", required: false)
        if let opened, let closed, closed < opened { row.report("closed", "\(closed) is before opened \(opened)") }
        guard row.isValid, let id, let account, let priority, let opened else { return }
        try write(&row, [id, account, priority.rawValue, opened.iso, closed?.iso], key: "case \(id)")
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
        try write(&row, [contact, date.iso, score, comment], key: "NPS response of \(contact) on \(date)")
    }

    private func writePayment(_ row: inout ImportRow) throws {
        let account = knownAccount(&row)
        let asOf = row.day("as_of")
        let overdue = row.count("days_overdue", max: 36_500)
        guard row.isValid, let account, let asOf, let overdue else { return }
        try write(&row, [account, asOf.iso, overdue], key: "payment status of \(account) on \(asOf)")
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
        try write(&row, [id, account, type.rawValue, direction.rawValue, date.iso, author, summary], key: "activity \(id)")
    }

    /// A stable id from content (FNV-1a, 64 bits).
    static func contentID(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0x1F
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "auto-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
