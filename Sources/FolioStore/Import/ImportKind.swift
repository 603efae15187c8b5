/// The kinds of file Folio imports (DESIGN §3.1 and the import issue), their columns, and
/// which are needed. The generator writes the same columns, so import and export cannot
/// drift apart.
public enum ImportKind: String, CaseIterable, Sendable, Codable {
    case users, accounts, contacts, usage, cases, nps, payments, activities, opportunities, outcomes, events

    public struct Column: Sendable, Hashable {
        public enum Need: Sendable, Hashable {
            /// Identifies the row: every row needs it.
            case key
            /// A new record needs it; an update may leave it out (the record keeps its value).
            case required
            case optional
        }

        public let name: String
        public let need: Need

        /// Required for a new record (keys included).
        public var required: Bool { need != .optional }
    }

    /// The kinds `folio generate` writes and the demo is built from.
    public static let portfolio: [ImportKind] = [.users, .accounts, .contacts, .usage, .cases, .nps, .payments, .activities]

    /// Columns in their canonical order (the order the generator writes).
    public var columns: [Column] { Self.columnTable[applyOrder] }

    private static let columnTable: [[Column]] = allCases.map(\.definedColumns)

    private var definedColumns: [Column] {
        func k(_ n: String) -> Column { Column(name: n, need: .key) }
        func r(_ n: String) -> Column { Column(name: n, need: .required) }
        func o(_ n: String) -> Column { Column(name: n, need: .optional) }
        switch self {
        case .users:
            return [k("login"), r("name"), r("email"), r("role"), o("manager"), o("keys")]
        case .accounts:
            return [k("id"), r("name"), r("tier"), r("owner"), o("ae"), r("arr"), r("contract_start"),
                    r("renewal_date"), o("seats"), o("timezone"), o("opt_out"), o("status"), o("term_months"), o("keys")]
        case .contacts:
            return [k("id"), r("account_id"), r("name"), r("email"), o("roles"), o("left_company"), o("opt_out"), o("keys")]
        case .usage:
            return [k("account_id"), o("week"), r("active_users"), o("logins"), r("key_actions"),
                    o("features_used"), o("features_available"), o("date")]
        case .cases:
            return [k("id"), r("account_id"), r("priority"), r("opened"), o("closed")]
        case .nps:
            return [k("contact_id"), k("date"), r("score"), o("comment"), o("account_id"), o("name")]
        case .payments:
            return [k("account_id"), k("as_of"), r("days_overdue")]
        case .activities:
            return [o("id"), k("account_id"), k("type"), o("direction"), k("date"), k("author"), o("summary")]
        case .opportunities:
            return [k("id"), r("account_id"), r("amount"), r("close_date"), r("stage"), o("owner")]
        case .outcomes:
            return [k("account_id"), k("date"), k("outcome"), o("arr_change"), o("note")]
        case .events:
            return [k("timestamp"), k("account_id"), k("user"), k("event"), o("event_id"), o("session"), o("feature")]
        }
    }

    /// The columns the generator writes (new columns that only foreign files carry are left out).
    public var generatedColumns: [String] {
        switch self {
        case .users: return ["login", "name", "email", "role", "manager"]
        case .accounts: return ["id", "name", "tier", "owner", "ae", "arr", "contract_start", "renewal_date", "seats", "timezone", "opt_out", "status", "term_months"]
        case .contacts: return ["id", "account_id", "name", "email", "roles", "left_company", "opt_out"]
        case .usage: return ["account_id", "week", "active_users", "logins", "key_actions", "features_used", "features_available"]
        case .nps: return ["contact_id", "date", "score", "comment"]
        case .events: return ["timestamp", "account_id", "user", "event", "event_id"]
        default: return columnNames
        }
    }

    public var columnNames: [String] { columns.map(\.name) }

    public func column(_ name: String) -> Column? { columns.first { $0.name == name } }

    /// Columns that hold a `;`-separated list (value maps apply to each item).
    public static let listColumns: Set<String> = ["roles", "keys"]

    /// Accounts take any number of custom attributes as `attribute.NAME` columns.
    public static let attributePrefix = "attribute."

    /// The Folio column a header names, allowing `attribute.NAME` on accounts.
    public func accepts(_ name: String) -> Bool {
        if self == .accounts && name.hasPrefix(Self.attributePrefix) && name.count > Self.attributePrefix.count { return true }
        return column(name) != nil
    }

    /// The order files must be applied in so that references resolve (users before the
    /// accounts that name them, accounts before their contacts…).
    public var applyOrder: Int {
        switch self {
        case .users: 0
        case .accounts: 1
        case .contacts: 2
        case .usage: 3
        case .cases: 4
        case .nps: 5
        case .payments: 6
        case .activities: 7
        case .opportunities: 8
        case .outcomes: 9
        case .events: 10
        }
    }

    /// The kind a file name implies: `accounts.csv`, `accounts-2026.csv`, `Usage_Q3.CSV`, `events.jsonl`.
    public static func guess(fromFileName name: String) -> ImportKind? {
        var base = Substring(name.split(separator: "/").last ?? Substring(name)).lowercased()
        for ext in [".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".json"] where base.hasSuffix(ext) {
            base.removeLast(ext.count)
            break
        }
        let stem = base.prefix { $0.isLetter }
        return ImportKind(rawValue: String(stem))
    }

    /// Files in JSON (one object per line, or an array): product-analytics exports.
    public static func isJSON(path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".json") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson")
    }
}
