/// Who hears of an alert (DESIGN §2.3): recipients by kind, severity, tier and renewal
/// proximity, as a table of rules a team's config can change.
public struct AlertRouting: Hashable, Sendable {
    public enum Recipient: String, Hashable, Sendable, CaseIterable {
        /// The account's owner.
        case csm
        /// The owner's manager.
        case manager
        /// The first VP up the owner's reporting chain.
        case vp
        /// The account executive.
        case ae
    }

    public enum Condition: Hashable, Sendable {
        case always
        case enterprise
        case renewalWithin(days: Int)
        case enterpriseOrRenewalWithin(days: Int)

        func holds(for account: Account, asOf: Day) -> Bool {
            let toRenewal = account.daysToRenewal(asOf: asOf)
            switch self {
            case .always: return true
            case .enterprise: return account.tier == .enterprise
            case .renewalWithin(let days): return toRenewal >= 0 && toRenewal <= days
            case .enterpriseOrRenewalWithin(let days): return account.tier == .enterprise || (toRenewal >= 0 && toRenewal <= days)
            }
        }
    }

    public struct Rule: Hashable, Sendable {
        public var to: Recipient
        public var when: Condition
        /// The rule applies from this severity up (health drop's orange and red add people).
        public var minimumSeverity: Alert.Severity

        public init(_ to: Recipient, when: Condition = .always, from minimumSeverity: Alert.Severity = .info) {
            self.to = to
            self.when = when
            self.minimumSeverity = minimumSeverity
        }
    }

    public var rules: [Alert.Kind: [Rule]]
    /// Applies to every kind: an account renewing soon has its AE told of everything.
    public var everyKind: [Rule]

    public init(rules: [Alert.Kind: [Rule]] = AlertRouting.standardRules,
                everyKind: [Rule] = [Rule(.ae, when: .renewalWithin(days: 90))]) {
        self.rules = rules
        self.everyKind = everyKind
    }

    public static let standard = AlertRouting()

    public static let standardRules: [Alert.Kind: [Rule]] = [
        .healthDrop: [Rule(.csm), Rule(.manager, from: .orange), Rule(.vp, when: .enterpriseOrRenewalWithin(days: 90), from: .red)],
        .usageDrop: [Rule(.csm)],
        .usageSurge: [Rule(.csm), Rule(.ae)],
        .criticalCases: [Rule(.csm), Rule(.manager, when: .enterprise)],
        .sponsorLeft: [Rule(.csm), Rule(.ae)],
        .detractor: [Rule(.csm), Rule(.manager, when: .enterprise)],
        .paymentOverdue: [Rule(.csm), Rule(.ae)],
        .goneDark: [Rule(.csm)],
        .checkinOverdue: [Rule(.csm)],
    ]

    /// The logins to tell, in rule order, each once. `users` finds a user by login (for the
    /// owner's reporting chain); a missing manager or VP is skipped, not invented.
    public func recipients(kind: Alert.Kind, severity: Alert.Severity, account: Account, asOf: Day,
                           users: [String: User]) -> [String] {
        var out: [String] = []
        func add(_ login: String?) {
            if let login, !login.isEmpty, !out.contains(login) { out.append(login) }
        }
        for rule in (rules[kind] ?? []) + everyKind where severity >= rule.minimumSeverity && rule.when.holds(for: account, asOf: asOf) {
            switch rule.to {
            case .csm: add(account.owner)
            case .ae: add(account.ae)
            case .manager: add(users[account.owner]?.managerLogin)
            case .vp: add(Self.chain(above: account.owner, users: users).first { users[$0]?.role == .vp })
            }
        }
        return out
    }

    /// Who should hear of an open alert now but was not told: the routing asked again as the
    /// account stands on `asOf` (a renewal come within 90 days adds the AE, and for a red
    /// health drop the VP). Nobody told is taken off; a shadow or resolved alert tells no one.
    public func missing(from alert: Alert, account: Account, asOf: Day, users: [String: User]) -> [String] {
        guard !alert.shadow, alert.isOpen else { return [] }
        return recipients(kind: alert.kind, severity: alert.severity, account: account, asOf: asOf, users: users)
            .filter { !alert.recipients.contains($0) }
    }

    /// The logins above `login` in the reporting chain, nearest first (cycles stop it).
    public static func chain(above login: String, users: [String: User]) -> [String] {
        var out: [String] = []
        var next = users[login]?.managerLogin
        while let current = next, !out.contains(current), current != login {
            out.append(current)
            next = users[current]?.managerLogin
        }
        return out
    }
}
