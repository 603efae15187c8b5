/// The kinds of CSV file Folio imports (DESIGN §3.1), their columns, and which are required.
/// The generator writes the same columns, so import and export cannot drift apart.
public enum ImportKind: String, CaseIterable, Sendable {
    case users, accounts, contacts, usage, cases, nps, payments, activities

    public struct Column: Sendable, Hashable {
        public let name: String
        public let required: Bool
    }

    /// Columns in their canonical order (the order the generator writes).
    public var columns: [Column] {
        func r(_ n: String) -> Column { Column(name: n, required: true) }
        func o(_ n: String) -> Column { Column(name: n, required: false) }
        switch self {
        case .users:
            return [r("login"), r("name"), r("email"), r("role"), o("manager")]
        case .accounts:
            return [r("id"), r("name"), r("tier"), r("owner"), o("ae"), r("arr"), r("contract_start"),
                    r("renewal_date"), o("seats"), o("timezone"), o("opt_out"), o("status"), o("term_months")]
        case .contacts:
            return [r("id"), r("account_id"), r("name"), r("email"), o("roles"), o("left_company"), o("opt_out")]
        case .usage:
            return [r("account_id"), r("week"), r("active_users"), o("logins"), r("key_actions"),
                    o("features_used"), o("features_available")]
        case .cases:
            return [r("id"), r("account_id"), r("priority"), r("opened"), o("closed")]
        case .nps:
            return [r("contact_id"), r("date"), r("score"), o("comment")]
        case .payments:
            return [r("account_id"), r("as_of"), r("days_overdue")]
        case .activities:
            return [o("id"), r("account_id"), r("type"), o("direction"), r("date"), r("author"), o("summary")]
        }
    }

    public var columnNames: [String] { columns.map(\.name) }

    /// The order files must be applied in so that references resolve (users before the
    /// accounts that name them, accounts before their contacts…).
    public var applyOrder: Int { ImportKind.allCases.firstIndex(of: self)! }

    /// The kind a file name implies: `accounts.csv`, `accounts-2026.csv`, `Usage_Q3.CSV`.
    public static func guess(fromFileName name: String) -> ImportKind? {
        var base = Substring(name.split(separator: "/").last ?? Substring(name)).lowercased()
        if base.hasSuffix(".csv") { base.removeLast(4) }
        let stem = base.prefix { $0.isLetter }
        return ImportKind(rawValue: String(stem))
    }
}
