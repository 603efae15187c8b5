import FolioDomain
import GRDB

/// People moving renewal opportunities (DESIGN §2.5): `committed`, `closed won` (the account's
/// renewal date rolls forward by its term) or `churned` (the account leaves the active book).
///
/// What the person saw is read first; the write then sets the new stage only if the stage is
/// still the one seen (compare-and-set inside the write transaction), so of two people (or
/// processes) moving the same opportunity at once exactly one wins and the other is told who
/// moved it, to what, and when. Every move is audited with the record before and after.
public struct RenewalDesk {
    public let database: FolioDatabase

    public init(database: FolioDatabase) {
        self.database = database
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notFound(Int64)
        case refused(RenewalMove.Refusal)

        public var description: String {
            switch self {
            case .notFound(let id): return "no renewal opportunity \(id); `folio renewals` lists them with their ids"
            case .refused(let refusal): return refusal.description
            }
        }
    }

    /// What a move did.
    public struct Moved: Sendable, Equatable {
        public var before: RenewalOpportunity
        public var after: RenewalOpportunity
        public var account: Account
        /// Closed won: the renewal date before and after the roll.
        public var renewalRolled: (from: Day, to: Day)?
        /// Churned: the account left the active book.
        public var accountChurned: Bool

        public static func == (a: Moved, b: Moved) -> Bool {
            a.before == b.before && a.after == b.after && a.account == b.account && a.accountChurned == b.accountChurned
                && a.renewalRolled?.from == b.renewalRolled?.from && a.renewalRolled?.to == b.renewalRolled?.to
        }
    }

    /// Moves opportunity `id` to `target` as `user` on `asOf` (wall clock `now`, seconds).
    /// `expecting` is the stage the person saw; nil means the stage read just before writing.
    public func move(id: Int64, to target: RenewalOpportunity.Stage, by user: User, asOf: Day, now: Int64,
                     expecting: RenewalOpportunity.Stage? = nil) throws -> Moved {
        let seen = try database.read { db -> RenewalOpportunity in
            guard let o = try RenewalOpportunity.find(id: id, in: db) else { throw Failure.notFound(id) }
            try check(o, to: target, by: user, in: db)
            return o
        }
        let expected = expecting ?? seen.stage
        return try database.write { db in
            let subject = try Self.subject(id: id, in: db)
            guard let before = try RenewalOpportunity.find(id: id, in: db) else { throw Failure.notFound(id) }
            // The compare-and-set: only from the stage the person saw.
            try db.execute(sql: """
                UPDATE renewal_opportunity SET stage = ?, closed_on = ?, moved_by = ?, moved_at = ?
                WHERE id = ? AND stage = ?
                """, arguments: [target.rawValue, target.isClosed ? asOf.iso : nil, user.login, now, id, expected.rawValue])
            guard db.changesCount == 1 else {
                // Someone else moved it after the person looked: say who, to what, and when.
                throw Failure.refused(.alreadyMoved(subject: subject, stage: before.stage, by: before.movedBy ?? RenewalRules.engine,
                                                    at: before.movedAt))
            }
            guard let after = try RenewalOpportunity.find(id: id, in: db),
                  var account = try Account.find(id: before.accountID, in: db) else {
                throw Failure.notFound(id)
            }
            try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "renewal.move", subject: subject,
                                             before: try AuditTrail.json(Audited(before)), after: try AuditTrail.json(Audited(after))), in: db)

            var rolled: (Day, Day)?
            var churned = false
            let accountBefore = account
            switch target {
            case .closedWon:
                let next = ContractTerm.rolled(account.renewalDate, months: account.termMonths)
                rolled = (account.renewalDate, next)
                account.renewalDate = next
                try db.execute(sql: "UPDATE account SET renewal_date = ? WHERE id = ?", arguments: [next.iso, account.id])
            case .churned:
                churned = account.status != .churned
                account.status = .churned
                try db.execute(sql: "UPDATE account SET status = 'churned' WHERE id = ?", arguments: [account.id])
            default:
                break
            }
            if account != accountBefore {
                try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: target == .closedWon ? "account.renew" : "account.churn",
                                                 subject: "account \(account.id)", before: try AuditTrail.json(AuditedAccount(accountBefore)),
                                                 after: try AuditTrail.json(AuditedAccount(account))), in: db)
            }
            // What happened, as history for the backtest (issue 15).
            if target == .closedWon || target == .churned {
                try OutcomeHistory.record(AccountOutcome(accountID: account.id, date: asOf, kind: target == .closedWon ? .renewed : .churned,
                                                         arrChange: target == .churned ? Money(cents: -accountBefore.arr.cents) : nil,
                                                         source: OutcomeStep.source,
                                                         note: "renewal \(id) \(target == .closedWon ? "closed won" : "closed as churned") by \(user.login)"),
                                          in: db)
            }
            return Moved(before: before, after: after, account: account, renewalRolled: rolled, accountChurned: churned)
        }
    }

    /// Refuses the move when the user may not make it (or it is already made).
    func check(_ o: RenewalOpportunity, to target: RenewalOpportunity.Stage, by user: User, in db: Database) throws {
        guard let account = try Account.find(id: o.accountID, in: db) else { throw Failure.notFound(o.id ?? 0) }
        let people = try AccountPeople.of(account, in: db)
        if let refusal = RenewalMove.refusal(moving: o, to: target, by: user, accountOwner: people.owner, ownerManagers: people.managers,
                                              subject: try Self.subject(id: o.id ?? 0, in: db)) {
            throw Failure.refused(refusal)
        }
    }

    /// "renewal 12 (ACC-0093 Ferrovia Verde S.p.A.)".
    static func subject(id: Int64, in db: Database) throws -> String {
        let row = try Row.fetchOne(db, sql: """
            SELECT a.id, a.name FROM renewal_opportunity o JOIN account a ON a.id = o.account_id WHERE o.id = ?
            """, arguments: [id])
        guard let row else { return "renewal \(id)" }
        return "renewal \(id) (\(row[0] as String) \(row[1] as String))"
    }

    /// An opportunity as the audit log keeps it.
    struct Audited: Encodable {
        var id: Int64?, account: String, stage: String, amount: Money, closeDate: Day, owner: String
        var closedOn: Day?, movedBy: String?, movedAt: Int64?

        init(_ o: RenewalOpportunity) {
            id = o.id; account = o.accountID; stage = o.stage.rawValue; amount = o.amount; closeDate = o.closeDate; owner = o.owner
            closedOn = o.closedOn; movedBy = o.movedBy; movedAt = o.movedAt?.seconds
        }
    }

    /// The account fields a renewal move changes.
    struct AuditedAccount: Encodable {
        var id: String, renewalDate: Day, status: String

        init(_ a: Account) {
            id = a.id; renewalDate = a.renewalDate; status = a.status.rawValue
        }
    }
}
