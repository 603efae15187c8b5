import Foundation
import FolioDomain
import GRDB

// Users, accounts and contacts: records with ids, keys from other systems, and (accounts)
// custom attributes.
extension ImportWriter {
    // MARK: Users

    /// Users wait for the whole file: a manager may be listed below their team.
    func readUser(_ row: inout ImportRow) {
        let login = row.text("login") ?? ""
        let existing = session.linker.users.identity(login)
        pendingUsers.append(PendingUser(row: row, login: existing ?? login, isNew: existing == nil))
    }

    func finishUsers(file: inout ImportSummary.File) throws {
        for entry in pendingUsers where !entry.login.isEmpty {
            session.linker.users.ids.insert(entry.login)
            session.linker.users.add(key: entry.login, for: entry.login, strong: true)
            if let name = entry.row.text("name") { session.linker.users.add(key: name, for: entry.login) }
            if let email = entry.row.text("email") { session.linker.users.add(key: email, for: entry.login) }
            for key in entry.row.list("keys") where session.linker.users.keys[RecordKey.normalized(key)] == nil {
                session.linker.users.add(key: key, for: entry.login)
            }
        }
        for entry in pendingUsers {
            var row = entry.row
            row.isNew = entry.isNew
            guard row.required("login") != nil else { try refuse(row, file: &file); continue }
            let login = entry.login
            let name = row.required("name")
            let email = row.required("email")
            let role = row.choice("role", User.Role.self)
            if let email, !ImportRow.hasAt(email) { row.report("email", "\"\(ImportRow.excerpt(email))\" is not an email address") }
            if login.contains(where: { $0.isWhitespace }) { row.report("login", "\"\(ImportRow.excerpt(login))\" contains spaces; a login is one word") }
            var manager: String?
            if let ref = row.text("manager") {
                manager = resolveUser(ref, column: "manager", row: &row)
                if manager == login { row.report("manager", "\(login) cannot be their own manager") }
            }
            let keys = checkKeys(row.list("keys"), for: login, kind: .user, row: &row)
            if row.isValid {
                let fields = [Field("login", nil, .text(login)), Field("name", "name", SQLValue(name)),
                              Field("email", "email", SQLValue(email)), Field("role", "role", SQLValue(role?.rawValue)),
                              Field("manager_login", "manager", SQLValue(manager))]
                if try store(&row, table: "user", key: ["login"], fields: fields, subject: "user \(login)",
                             insertable: entry.isNew, file: &file) != nil {
                    try saveKeys(keys, for: login, kind: .user)
                }
            }
            if !row.problems.isEmpty { try refuse(row, file: &file) }
        }
        pendingUsers = []
    }

    /// A user row found wrong at the end of the file: counted as refused, not imported.
    private func refuse(_ row: ImportRow, file: inout ImportSummary.File) throws {
        if session.options.quarantine { file.quarantined += 1; file.rows -= 1 }
        try session.refuse(row)
    }

    // MARK: Accounts

    func writeAccount(_ row: inout ImportRow, file: inout ImportSummary.File) throws {
        guard let given = row.required("id") else { return }
        let existing = session.linker.accounts.identity(given)
        let id = existing ?? given
        row.isNew = existing == nil
        let timezone = row.text("timezone")
        if let timezone, timeZone(timezone) == nil {
            row.report("timezone", "\"\(ImportRow.excerpt(timezone))\" is not a time zone; expected an IANA name like Europe/Paris")
        }
        row.zone = timezone.flatMap(timeZone) ?? zone(ofAccount: id)
        let name = row.required("name")
        let tier = row.choice("tier", Account.Tier.self)
        let owner = row.required("owner").flatMap { resolveUser($0, column: "owner", row: &row) }
        let ae = row.text("ae").flatMap { resolveUser($0, column: "ae", row: &row) }
        let arr = row.money("arr")
        let start = row.day("contract_start")
        let renewal = row.day("renewal_date")
        let seats = row.count("seats", required: false)
        let optOut = row.bool("opt_out")
        let status = row.choice("status", Account.Status.self, required: false)
        let term = row.count("term_months", required: false)
        if let term, term < 1 || term > 120 {
            row.report("term_months", "\(term) is not a contract term; expected 1 to 120 months (12 for annual)")
        }
        if let start, let renewal, renewal <= start {
            row.report("renewal_date", "\(renewal) is not after contract_start \(start)")
        }
        let keys = checkKeys(row.list("keys"), for: id, kind: .account, row: &row)
        guard row.isValid else { return }
        let fields = [
            Field("id", nil, .text(id)), Field("name", "name", SQLValue(name)), Field("tier", "tier", SQLValue(tier?.rawValue)),
            Field("owner", "owner", SQLValue(owner)), Field("ae", "ae", SQLValue(ae)), Field("arr_cents", "arr", arr.map { .int($0.cents) } ?? .null),
            Field("contract_start", "contract_start", SQLValue(start?.iso)), Field("renewal_date", "renewal_date", SQLValue(renewal?.iso)),
            Field("seats", "seats", SQLValue(seats)), Field("timezone", "timezone", SQLValue(timezone)),
            Field("email_opt_out", "opt_out", SQLValue(optOut ?? false)), Field("status", "status", .text((status ?? .active).rawValue)),
            Field("term_months", "term_months", .int(Int64(term ?? 12))),
            // Whether the term was given, so a measure never reads the annual default as data.
            Field("term_given", "term_months", .int(term == nil ? 0 : 1)),
        ]
        guard try store(&row, table: "account", key: ["id"], fields: fields, subject: "account \(id)",
                        insertable: existing == nil, file: &file) != nil else { return }
        if let arr { amounts.append((row.line, "account \(id)", arr.cents)) }
        if existing == nil {
            session.linker.accounts.ids.insert(id)
            session.linker.accounts.add(key: id, for: id, strong: true)
            if let name { session.linker.accounts.add(key: name, for: id) }
        }
        if let timezone { session.linker.accountZones[id] = timezone; invalidateZone() }
        try saveKeys(keys, for: id, kind: .account)
        try writeAttributes(&row, account: id, file: &file)
    }

    /// The account's custom attributes (`attributes:` in the mapping, `attribute.NAME` columns):
    /// text as given, and the number when it reads as one.
    private func writeAttributes(_ row: inout ImportRow, account: String, file: inout ImportSummary.File) throws {
        for (name, field) in header.attributes {
            let raw = ImportRow.trimmed(row.record.field(field))
            let value = header.mapping.map { $0.mapValue(raw, column: ImportKind.attributePrefix + name) } ?? raw
            if value.isEmpty {
                try session.db.execute(sql: "DELETE FROM account_attribute WHERE account_id = ? AND name = ?", arguments: [account, name])
                continue
            }
            var number: SQLValue = .null
            if case .value(let n) = header.numbers.read(value) { number = .real(n.double) }
            var scratch = ImportSummary.File(path: file.path, kind: kind, rows: 0, added: 0)
            try store(&row, table: "account_attribute", key: ["account_id", "name"],
                      fields: [Field("account_id", nil, .text(account)), Field("name", nil, .text(name)), Field("value", nil, .text(value)),
                               Field("number", nil, number)],
                      subject: "account \(account) attribute \(name)", file: &scratch)
        }
    }

    // MARK: Contacts

    func writeContact(_ row: inout ImportRow, prepared: PreparedRow?, file: inout ImportSummary.File) throws {
        if let prepared, let given = prepared.id, let reference = prepared.account {
            let existing = session.linker.contacts.identity(given)
            let id = existing ?? given
            row.isNew = existing == nil
            let account = resolveAccount(reference, zone: false, row: &row)
            let keys = checkKeys(prepared.keys, for: id, kind: .contact, row: &row)
            guard row.isValid, let account else { return }
            var fields = prepared.fields
            if id != given { fields[0].value = .text(id) }
            if account != reference { fields[1].value = .text(account) }
            let email: String?
            if case .text(let e) = fields[3].value { email = e } else { email = nil }
            return try storeContact(&row, id: id, isNew: existing == nil, account: account, email: email, keys: keys, fields: fields, file: &file)
        }
        guard let given = row.required("id") else { return }
        let existing = session.linker.contacts.identity(given)
        let id = existing ?? given
        row.isNew = existing == nil
        let account = resolveAccount(&row)
        let values = Self.contactValues(&row)
        let keys = checkKeys(row.list("keys"), for: id, kind: .contact, row: &row)
        guard row.isValid else { return }
        try storeContact(&row, id: id, isNew: existing == nil, account: account, email: values.email, keys: keys,
                         fields: Self.contactFields(id, account, values), file: &file)
    }

    /// A contact read on the reading thread (`RowPreparer`).
    static func prepareContact(_ row: inout ImportRow) -> PreparedRow? {
        guard let given = row.required("id"), let reference = row.required("account_id") else { return nil }
        let values = contactValues(&row)
        let keys = row.list("keys")
        guard row.isValid else { return nil }
        return PreparedRow(account: reference, id: given, keys: keys, fields: contactFields(given, reference, values))
    }

    struct ContactValues {
        var name, email: String?
        var roles: Set<Contact.Role>
        var left, optOut: Bool?
    }

    private static func contactValues(_ row: inout ImportRow) -> ContactValues {
        let name = row.required("name")
        let email = row.required("email")
        if let email, !ImportRow.hasAt(email) { row.report("email", "\"\(ImportRow.excerpt(email))\" is not an email address") }
        var roles = Set<Contact.Role>()
        for item in row.list("roles") {
            if let role = Contact.Role(rawValue: item.lowercased()) { roles.insert(role) } else {
                row.report("roles", "unknown role \"\(ImportRow.excerpt(item))\"; expected sponsor, champion or primary, separated by ; (a mapping's values: can translate a CRM's role names, or drop one by mapping it to \"\")")
            }
        }
        return ContactValues(name: name, email: email, roles: roles, left: row.bool("left_company"), optOut: row.bool("opt_out"))
    }

    /// A contact's fields: id, account, name, email, …
    private static func contactFields(_ id: String, _ account: String?, _ v: ContactValues) -> [Field] {
        let rolesText = Contact.Role.allCases.filter(v.roles.contains).map(\.rawValue).joined(separator: ";")
        return [
            Field("id", nil, .text(id)), Field("account_id", "account_id", SQLValue(account)), Field("name", "name", SQLValue(v.name)),
            Field("email", "email", SQLValue(v.email)), Field("roles", "roles", .text(rolesText)),
            Field("left_company", "left_company", SQLValue(v.left ?? false)), Field("opt_out", "opt_out", SQLValue(v.optOut ?? false)),
        ]
    }

    private func storeContact(_ row: inout ImportRow, id: String, isNew: Bool, account: String?, email: String?, keys: [String],
                              fields: [Field], file: inout ImportSummary.File) throws {
        guard try store(&row, table: "contact", key: ["id"], fields: fields, subject: "contact \(id)",
                        insertable: isNew, file: &file) != nil else { return }
        if isNew {
            session.linker.contacts.ids.insert(id)
            session.linker.contacts.add(key: id, for: id, strong: true)
        }
        if let email { session.linker.contacts.add(key: email, for: id) }
        if let account { session.linker.contactAccounts[id] = account }
        try saveKeys(keys, for: id, kind: .contact)
    }
}
