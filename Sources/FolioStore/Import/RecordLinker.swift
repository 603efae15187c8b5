import FolioDomain
import GRDB

/// Finds the record a reference in a foreign file means: an account by its id, the other
/// form of a Salesforce id, a key from another system (a HubSpot id, a domain, a Zendesk
/// organisation) or its name; a contact by id, key or email; a user by login, email, name or
/// CRM id. Knows what the database holds and what this import has added so far.
struct RecordLinker {
    enum Lookup: Equatable {
        case found(String)
        case unknown
        /// Two records answer to it: which one cannot be told.
        case ambiguous
    }

    enum RecordKind: String {
        case user, account, contact
    }

    /// One kind of record's names.
    struct Index {
        var ids: Set<String> = []
        /// Normalized key (Salesforce 15-character form, or lower case) → id.
        var keys: [String: String] = [:]
        var ambiguous: Set<String> = []

        func find(_ reference: String, exact: Bool = true) -> Lookup {
            if exact && ids.contains(reference) { return .found(reference) }
            let key = RecordKey.normalized(reference)
            if ambiguous.contains(key) { return .ambiguous }
            if let id = keys[key] { return .found(id) }
            return .unknown
        }

        /// Adds a name for `id`; a name two records share becomes ambiguous (ids and keys given
        /// explicitly win over names: `strong`).
        mutating func add(key raw: String, for id: String, strong: Bool = false) {
            let key = RecordKey.normalized(raw)
            guard !key.isEmpty else { return }
            if let existing = keys[key], existing != id {
                if strong { keys[key] = id; ambiguous.remove(key) } else if !strongKeys.contains(key) { ambiguous.insert(key) }
                return
            }
            keys[key] = id
            if strong { strongKeys.insert(key) }
        }

        private var strongKeys: Set<String> = []

        /// The record a file's own id column means: the id itself, the other form of a
        /// Salesforce id, or a key given explicitly (never a name).
        func identity(_ id: String) -> String? {
            if ids.contains(id) { return id }
            let key = RecordKey.normalized(id)
            guard strongKeys.contains(key) else { return nil }
            return keys[key]
        }

        /// Whether a key was given as an id or an explicit key (not a name).
        func isStrong(_ normalizedKey: String) -> Bool { strongKeys.contains(normalizedKey) }
    }

    var accounts = Index()
    var contacts = Index()
    var users = Index()
    /// Account id → its time zone, for reading date-times into the account's day.
    var accountZones: [String: String] = [:]
    /// Contact id → its account.
    var contactAccounts: [String: String] = [:]

    /// Loads what the database knows (contacts only when the import reads contacts or answers).
    init(db: Database, contacts loadContacts: Bool = true) throws {
        let accountRows = try Row.fetchCursor(db, sql: "SELECT id, name, timezone FROM account")
        while let row = try accountRows.next() {
            let id: String = row[0]
            accounts.ids.insert(id)
            accounts.add(key: id, for: id, strong: true)
            accounts.add(key: row[1], for: id)
            if let zone: String = row[2] { accountZones[id] = zone }
        }
        let contactRows = try Row.fetchCursor(db, sql: loadContacts ? "SELECT id, email, account_id FROM contact" : "SELECT id, email, account_id FROM contact WHERE false")
        while let row = try contactRows.next() {
            let id: String = row[0]
            contactAccounts[id] = row[2]
            contacts.ids.insert(id)
            contacts.add(key: id, for: id, strong: true)
            contacts.add(key: row[1], for: id)
        }
        let userRows = try Row.fetchCursor(db, sql: "SELECT login, name, email FROM user")
        while let row = try userRows.next() {
            let login: String = row[0]
            users.ids.insert(login)
            users.add(key: login, for: login, strong: true)
            users.add(key: row[1], for: login)
            users.add(key: row[2], for: login)
        }
        let keyRows = try Row.fetchCursor(db, sql: "SELECT kind, key, record_id FROM external_key" + (loadContacts ? "" : " WHERE kind <> 'contact'"))
        while let row = try keyRows.next() {
            let kind: String = row[0], key: String = row[1], id: String = row[2]
            switch RecordKind(rawValue: kind) {
            case .account?: accounts.add(key: key, for: id, strong: true)
            case .contact?: contacts.add(key: key, for: id, strong: true)
            case .user?: users.add(key: key, for: id, strong: true)
            case nil: break
            }
        }
    }

    init() {}

    /// What was tried, for a reference that does not resolve.
    static func tried(_ kind: RecordKind) -> String {
        switch kind {
        case .account: return "tried account ids (a Salesforce id in its 15- or 18-character form), account keys and names"
        case .contact: return "tried contact ids, contact keys and emails"
        case .user: return "tried logins, emails, names and CRM user ids (user keys)"
        }
    }

    /// How to make a reference resolve.
    static func remedy(_ kind: RecordKind, _ reference: String) -> String {
        switch kind {
        case .account:
            return "import that account first (or in the same run), or add \"\(reference)\" to its keys (the accounts column keys, or map a column to keys)"
        case .contact:
            return "import the contact first (or in the same run), or add \"\(reference)\" to its keys"
        case .user:
            return "import users.csv first (or in the same run), or add \"\(reference)\" to that user's keys (users.csv column keys: their CRM user id)"
        }
    }
}
