import FolioDomain
import GRDB

/// Giving an account to another CSM (a manager's move, DESIGN §5): its owner changes, its
/// open alerts are routed to the new CSM (and their manager) in place of the old, its
/// check-ins follow it (they are the owner's by the account), its recovery emails not yet
/// gone are signed by the new CSM, all in one transaction with an audit entry per record
/// and a hand-off the new CSM is shown.
public enum AccountReassignment {
    public struct Reassigned: Sendable, Hashable {
        public var accountID: String
        public var accountName: String
        public var from: String
        public var to: String
        /// The open alerts now routed to the new CSM.
        public var alerts: [Int64]
        /// The check-ins still owed, now the new CSM's.
        public var checkIns: Int
        /// Recovery emails written but not gone, written again signed by the new CSM.
        public var emailsResigned: [Int64] = []
        /// Of those, approved before and drafts again (the new CSM approves their own words).
        public var emailsBackToDraft: [Int64] = []
        /// Waiting emails that could not be written again (no sequences): still the old CSM's.
        public var emailsUnchanged: [Int64] = []

        /// "; 1 waiting email now signed by chen.wei (back to draft for their approval)", or "".
        public var emailWords: String {
            var words = ""
            if !emailsResigned.isEmpty {
                let n = emailsResigned.count, drafts = emailsBackToDraft.count
                words += "; \(n) waiting email\(n == 1 ? "" : "s") now signed by \(to)"
                if drafts > 0 { words += " (\(drafts == n ? (n == 1 ? "it is" : "they are") : "\(drafts) are") a draft again for their approval)" }
            }
            if !emailsUnchanged.isEmpty {
                let n = emailsUnchanged.count
                words += "; \(n) waiting email\(n == 1 ? " is" : "s are") still signed by \(from) (no sequences to write "
                    + "\(n == 1 ? "it" : "them") again): the outbox can cancel \(n == 1 ? "it" : "them")"
            }
            return words
        }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notFound(String)
        case noSuchUser(String)
        case notAllowed(String)
        case already(account: String, owner: String)

        public var description: String {
            switch self {
            case .notFound(let account): "no account \(account)"
            case .noSuchUser(let login): "\(login) is not a user: an account goes to a CSM or a manager of the database"
            case .notAllowed(let why): why
            case let .already(account, owner): "\(account) is already in the book of \(owner)"
            }
        }
    }

    @discardableResult
    public static func reassign(_ accountID: String, to login: String, note: String, by user: User, at now: Int64,
                                sequences: SequenceLibrary? = nil, in database: FolioDatabase) throws -> Reassigned {
        try database.write { db in
            guard let account = try Account.find(id: accountID, in: db) else { throw Failure.notFound(accountID) }
            guard let target = try User.find(login: login, in: db) else { throw Failure.noSuchUser(login) }
            guard account.owner != target.login else { throw Failure.already(account: account.id, owner: target.login) }
            let people = try AccountPeople.of(account, in: db)
            if let refusal = Access.refusalToReassign(people, to: target, by: user, team: try Book.team(of: user, in: db)) {
                throw Failure.notAllowed(refusal.description)
            }
            let from = account.owner
            try db.execute(sql: "UPDATE account SET owner = ? WHERE id = ?", arguments: [target.login, account.id])
            struct Owner: Encodable { var owner: String; var note: String? }
            try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "account.reassign", subject: "account \(account.id)",
                                             before: try AuditTrail.json(Owner(owner: from, note: nil)),
                                             after: try AuditTrail.json(Owner(owner: target.login, note: note.isEmpty ? nil : note))), in: db)

            // Its open alerts: the new CSM (and their manager) where the old ones were told.
            var replacing = [from: target.login]
            let oldManager = try User.find(login: from, in: db)?.managerLogin
            if let oldManager, let newManager = target.managerLogin, oldManager != newManager, oldManager != target.login {
                replacing[oldManager] = newManager
            }
            let open = try Alert.fetchAll(db, sql: "SELECT * FROM alert WHERE account_id = ? AND state != 'resolved' AND shadow = 0 ORDER BY id",
                                          arguments: [account.id]).withRecipients(in: db)
            var moved: [Int64] = []
            for before in open {
                guard let id = before.id else { continue }
                let after = before.reassigned(replacing: replacing)
                guard after.recipients != before.recipients else { continue }
                try after.save(from: before, in: db)
                try AlertEvents.record("reassign", alert: id, actor: user.login, at: now, before: before, after: after, in: db)
                try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "alert.reassign", subject: "alert \(id)",
                                                 before: before.auditText, after: after.auditText), in: db)
                moved.append(id)
            }
            let checkIns = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM checkin WHERE account_id = ? AND state = 'due'",
                                            arguments: [account.id]) ?? 0
            var given = account
            given.owner = target.login
            let emails = try OutboxResigning.resign(given, to: target, library: sequences, asOf: Moment(seconds: now).day, now: now,
                                                    by: user.login, in: db)
            try Handoff(at: now, by: user.login, to: target.login, from: from, accountID: account.id, note: note).record(in: db)
            return Reassigned(accountID: account.id, accountName: account.name, from: from, to: target.login, alerts: moved,
                              checkIns: checkIns, emailsResigned: emails.resigned, emailsBackToDraft: emails.backToDraft,
                              emailsUnchanged: emails.unchanged)
        }
    }
}
