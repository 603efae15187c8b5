import FolioDomain

/// A recovery sequence ready to start on an account, as the confirmation shows it: which
/// one, why, the others to pick from, and every step rendered as the customer gets it.
public struct RecoveryPlan: Sendable, Hashable {
    public var accountID: String
    public var accountName: String
    public var sequence: String
    public var title: String
    /// "suggested by the orange usage drop alert 89 raised 2026-11-16", when it is the suggestion.
    public var suggestedBy: String?
    /// The other sequences, for `:recover NAME`.
    public var others: [String]
    /// From, To, Subject and body of every step, with when it would go.
    public var lines: [String]
    /// Enterprise: the emails are drafts for the CSM to approve.
    public var isDraft: Bool
    /// Why it cannot start; nil when it can.
    public var blocked: Blocked?

    /// Why a sequence cannot start on the account.
    public enum Blocked: Sendable, Hashable, CustomStringConvertible {
        /// The account is in a sequence already.
        case alreadyIn(account: String, sequence: String, since: Day)
        /// Nobody at the account to write to, and why.
        case noRecipient(account: String, sequence: String, reason: String)

        public var description: String {
            switch self {
            case let .alreadyIn(account, sequence, since):
                "\(account) is already in \(sequence) (since \(since)); its emails are in the outbox (6)"
            case let .noRecipient(account, sequence, reason):
                "cannot start \(sequence) on \(account): \(reason)"
            }
        }
    }

    public init(accountID: String, accountName: String, sequence: String, title: String, suggestedBy: String?, others: [String],
                lines: [String], isDraft: Bool, blocked: Blocked?) {
        self.accountID = accountID
        self.accountName = accountName
        self.sequence = sequence
        self.title = title
        self.suggestedBy = suggestedBy
        self.others = others
        self.lines = lines
        self.isDraft = isDraft
        self.blocked = blocked
    }
}
