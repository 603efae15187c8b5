import FolioDomain
import GRDB

/// A decision taken in a huddle over one escalation: who owns it now, the next step and
/// when it is due.
public struct HuddleDecision: Sendable, Hashable {
    public var id: Int64?
    public var at: Int64
    public var by: String
    public var alertID: Int64
    public var accountID: String
    public var owner: String
    public var nextStep: String
    public var due: Day

    public init(id: Int64? = nil, at: Int64, by: String, alertID: Int64, accountID: String, owner: String, nextStep: String, due: Day) {
        self.id = id
        self.at = at
        self.by = by
        self.alertID = alertID
        self.accountID = accountID
        self.owner = owner
        self.nextStep = nextStep
        self.due = due
    }
}

/// One escalation as the huddle walks it: the account's story (its facts and weekly
/// scores), the alert and its trail, the CSM's last touch, and the decision taken on it.
public struct HuddleItem: Sendable, Hashable {
    public struct Step: Sendable, Hashable {
        public var at: Int64
        public var actor: String
        public var action: String
    }

    public var alert: Alert
    public var account: Account
    public var ownerName: String
    /// Weekly scores, oldest first, ending on the as-of day.
    public var scores: [Double?]
    public var trail: [Step]
    /// The latest activity on the account, and who logged it.
    public var lastTouch: Activity?
    public var lastTouchBy: String?
    /// The decision of this huddle (taken since it began), if any.
    public var decision: HuddleDecision?
}

/// The huddle's reads and its one write.
public enum Huddle {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notFound(Int64)
        case noSuchUser(String)
        case notAllowed(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .notFound(let id): "no alert \(id)"
            case .noSuchUser(let login): "\(login) is not a user: a decision's owner is one"
            case .notAllowed(let why), .invalid(let why): why
            }
        }
    }

    /// The escalations `alertIDs` in that order (those gone are left out), with the
    /// decisions taken on them since `since`.
    public static func agenda(alerts alertIDs: [Int64], since: Int64, asOf: Day, weeks: Int = 8, in db: Database) throws -> [HuddleItem] {
        let days = (0..<weeks).reversed().map { asOf.adding(days: -7 * $0) }
        var items: [HuddleItem] = []
        for id in alertIDs {
            guard let alert = try Alert.find(id: id, in: db), let account = try Account.find(id: alert.accountID, in: db) else { continue }
            let trail = try AlertDesk.trail(of: id, in: db).map { HuddleItem.Step(at: $0.at, actor: $0.actor, action: $0.action) }
            let touch = try Row.fetchOne(db, sql: "SELECT * FROM activity WHERE account_id = ? ORDER BY date DESC, rowid DESC LIMIT 1",
                                         arguments: [account.id])
            let decision = try Row.fetchOne(db, sql: """
                SELECT * FROM huddle_decision WHERE alert_id = ? AND at >= ? ORDER BY id DESC LIMIT 1
                """, arguments: [id, since]).map(decision(from:))
            items.append(HuddleItem(alert: alert, account: account, ownerName: try AccountDetail.userName(account.owner, in: db) ?? account.owner,
                                    scores: try SnapshotStore.history(accountIDs: [account.id], days: days, in: db)[account.id] ?? [],
                                    trail: trail, lastTouch: try touch.map { try Activity(row: $0) }, lastTouchBy: touch?["author"],
                                    decision: decision))
        }
        return items
    }

    /// Records `decision` as `user`: for the account's keepers (its CSM, their managers, a
    /// VP), its owner a user of the database; audited, and an owner other than the one
    /// deciding is handed the alert (told of it, shown the next step) unless told already.
    @discardableResult
    public static func decide(_ decision: HuddleDecision, by user: User, asOf: Day, in database: FolioDatabase) throws -> HuddleDecision {
        guard !decision.nextStep.allSatisfy(\.isWhitespace) else { throw Failure.invalid("a decision needs a next step") }
        guard decision.due >= asOf else { throw Failure.invalid("due \(decision.due): pick \(asOf) or later") }
        return try database.write { db in
            guard let alert = try Alert.find(id: decision.alertID, in: db), let account = try Account.find(id: alert.accountID, in: db) else {
                throw Failure.notFound(decision.alertID)
            }
            guard try User.find(login: decision.owner, in: db) != nil else { throw Failure.noSuchUser(decision.owner) }
            if let refusal = Access.refusal(.handOverAlert, on: alert, by: user, people: try AccountPeople.of(account, in: db)) {
                throw Failure.notAllowed("\(user.login) may not decide on alert \(decision.alertID): \(refusal)")
            }
            var recorded = decision
            recorded.by = user.login
            recorded.accountID = account.id
            try db.execute(sql: """
                INSERT INTO huddle_decision (at, by_login, alert_id, account_id, owner, next_step, due) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [recorded.at, user.login, recorded.alertID, account.id, recorded.owner, recorded.nextStep, recorded.due.iso])
            recorded.id = db.lastInsertedRowID
            struct Audited: Encodable { var owner: String; var nextStep: String; var due: String }
            try AuditTrail.record(AuditEntry(actor: user.login, at: recorded.at, action: "huddle.decide", subject: "alert \(recorded.alertID)",
                                             after: try AuditTrail.json(Audited(owner: recorded.owner, nextStep: recorded.nextStep,
                                                                               due: recorded.due.iso))), in: db)
            let note = "huddle: \(recorded.nextStep) (due \(recorded.due))"
            if recorded.owner != user.login, case .success(let handed) = alert.handedOver(to: recorded.owner) {
                try handed.save(from: alert, in: db)
                try AlertEvents.record("hand-over", alert: recorded.alertID, actor: user.login, at: recorded.at, before: alert, after: handed, in: db)
            }
            if recorded.owner != user.login {
                try Handoff(at: recorded.at, by: user.login, to: recorded.owner, accountID: account.id, alertID: recorded.alertID, note: note)
                    .record(in: db)
            }
            return recorded
        }
    }

    static func decision(from row: Row) throws -> HuddleDecision {
        let r = RecordRow(row, table: "huddle_decision", key: "\(row["id"] ?? "")")
        return HuddleDecision(id: try r.optional(Column("id")), at: try r.value(Column("at")), by: try r.value(Column("by_login")),
                              alertID: try r.value(Column("alert_id")), accountID: try r.value(Column("account_id")),
                              owner: try r.value(Column("owner")), nextStep: try r.value(Column("next_step")), due: try r.value(Column("due")))
    }
}
