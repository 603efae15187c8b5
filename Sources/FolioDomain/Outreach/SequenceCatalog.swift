/// Every sequence the team has, which signal starts which, and how they are sent: the
/// domain's view of `sequences.yaml` (templates apart).
public struct SequenceCatalog: Sendable {
    public var settings: OutreachSettings
    /// In the file's order.
    public var sequences: [RecoverySequence]
    /// The branch: which sequence a signal starts.
    public var branches: [OutreachSignal.Kind: String]

    public init(settings: OutreachSettings = .standard, sequences: [RecoverySequence], branches: [OutreachSignal.Kind: String]) {
        self.settings = settings
        self.sequences = sequences
        self.branches = branches
    }

    public subscript(name: String) -> RecoverySequence? { sequences.first { $0.name == name } }

    /// The sequence that fits this signal, if the team has one for it.
    public func sequence(for signal: OutreachSignal.Kind) -> RecoverySequence? {
        branches[signal].flatMap { self[$0] }
    }

    /// The signal a sequence answers (for the words of a sequence a person picked).
    public func signal(of sequence: String) -> OutreachSignal.Kind? {
        branches.first { $0.value == sequence }?.key
    }

    /// Whom a sequence writes to: the first contact, in the sequence's order of roles, who
    /// is still there, has not opted out and has an email address; for a detractor
    /// follow-up, the person who answered first. Nil when nobody may be written to.
    public static func recipient(of sequence: RecoverySequence, among contacts: [Contact], account: Account,
                                 preferring first: String? = nil) -> Contact? {
        guard !account.emailOptOut, account.status == .active else { return nil }
        let writable = contacts.filter { $0.isReachable && EmailAddress.isValid($0.email) }.sorted { $0.id < $1.id }
        if let first, let person = writable.first(where: { $0.id == first }) { return person }
        for role in sequence.contacts {
            if let person = writable.first(where: { $0.roles.contains(role) }) { return person }
        }
        return nil
    }

    /// Why nobody may be written to, in words for the CSM.
    public static func whyNoRecipient(of sequence: RecoverySequence, among contacts: [Contact], account: Account) -> String {
        if account.status != .active { return "the account has churned" }
        if account.emailOptOut { return "the account has opted out of email" }
        let roles = sequence.contacts.map(\.rawValue).joined(separator: ", ")
        let candidates = contacts.filter { !$0.roles.isDisjoint(with: sequence.contacts) }
        if candidates.isEmpty { return "no contact has a role this sequence writes to (\(roles))" }
        let reasons = candidates.sorted { $0.id < $1.id }.map { c -> String in
            if c.leftCompany { return "\(c.name) left the company" }
            if c.optOut { return "\(c.name) opted out" }
            return EmailAddress.isValid(c.email) ? "\(c.name) is reachable" : "\(c.name) has no valid email address"
        }
        return "no \(roles) contact may be written to: " + reasons.joined(separator: "; ")
    }
}
