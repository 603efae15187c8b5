import FolioDomain
import GRDB

/// An alert as a person's list shows it.
public struct AlertListing: Sendable {
    public var alert: Alert
    public var accountName: String
    public var owner: String
    public var tier: Account.Tier
    public var arr: Money
}

/// What a person may do to an alert.
public enum AlertAction: Sendable {
    case acknowledge
    case snooze(until: Day, reason: String)
    case resolve(outcome: Alert.Outcome, note: String)
    /// Pass it on to another user, who is told of it from now on.
    case handOver(to: String)

    /// The word the alert's trail and the audit log keep.
    var verb: String {
        switch self {
        case .acknowledge: "acknowledge"
        case .snooze: "snooze"
        case .resolve: "resolve"
        case .handOver: "hand-over"
        }
    }

    var act: Access.Act {
        switch self {
        case .acknowledge: .acknowledgeAlert
        case .snooze: .snoozeAlert
        case .resolve: .resolveAlert
        case .handOver: .handOverAlert
        }
    }

    /// The alert after the action (`AlertLifecycle`), or why it cannot happen.
    func apply(to alert: Alert, by login: String, at now: Int64, asOf: Day) -> Result<Alert, Alert.Refusal> {
        switch self {
        case .acknowledge: alert.acknowledged(by: login, at: now)
        case .snooze(let until, let reason): alert.snoozed(until: until, reason: reason, asOf: asOf)
        case .resolve(let outcome, let note): alert.resolved(outcome: outcome, note: note, by: login, at: now)
        case .handOver(let to): alert.handedOver(to: to)
        }
    }
}

/// Why an action on an alert did not happen, in words for the person who tried.
public enum AlertActionFailure: Error, Equatable, CustomStringConvertible {
    case notFound(Int64)
    case notAllowed(Int64, login: String, reason: String)
    /// Someone else got there first (or the alert is already where asked).
    case conflict(Int64, String)
    case invalid(String)

    public var description: String {
        switch self {
        case .notFound(let id): return "no alert \(id)"
        case .notAllowed(let id, let login, let reason): return "\(login) may not act on alert \(id): \(reason)"
        case .conflict(let id, let what): return "alert \(id) was \(what)"
        case .invalid(let what): return what
        }
    }
}

/// Reading alerts for a person, and their acknowledgements, snoozes, resolutions and hand-overs:
/// each one checked (who may act, what state it is in) and written with its trail in one
/// transaction, so of two people acting at once exactly one wins and the other is told.
public enum AlertDesk {
    /// The alerts `user` sees in `scope` (clamped to their role): those on the accounts of
    /// that scope, and any routed to them.
    public static func list(for user: User, scope: PortfolioScope, includeResolved: Bool = false, shadow: Bool = false,
                            in db: Database) throws -> [AlertListing] {
        let routedToMe: SQL = "EXISTS (SELECT 1 FROM alert_recipient r WHERE r.alert_id = al.id AND r.login = \(user.login))"
        let filters: [SQL] = [includeResolved ? "1" : "al.state != 'resolved'",
                              shadow ? "al.shadow = 1" : "al.shadow = 0",
                              "(\(try scope.accountFilter(for: user, in: db)) OR \(routedToMe))"]
        let request: SQLRequest<Row> = """
            SELECT al.*, a.name AS account_name, a.owner AS account_owner, a.tier AS account_tier, a.arr_cents AS account_arr
            FROM alert al JOIN account a ON a.id = al.account_id
            WHERE \(filters.joined(operator: .and))
            ORDER BY al.state = 'resolved',
                     CASE al.severity WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'amber' THEN 2 ELSE 3 END,
                     al.due_by, al.id
            """
        let rows = try Row.fetchAll(db, request)
        let alerts = try rows.map(Alert.init(row:)).withRecipients(in: db)
        return try zip(rows, alerts).map { row, alert in
            AlertListing(alert: alert, accountName: try row.decode(forColumn: "account_name"), owner: try row.decode(forColumn: "account_owner"),
                         tier: try row.decode(forColumn: "account_tier"), arr: try row.decode(forColumn: "account_arr"))
        }
    }

    public static func alert(_ id: Int64, in db: Database) throws -> Alert? {
        try Alert.find(id: id, in: db)
    }

    /// The alert's trail, oldest first: (when, who, what).
    public static func trail(of id: Int64, in db: Database) throws -> [(at: Int64, actor: String, action: String)] {
        try Row.fetchAll(db, sql: "SELECT at, actor, action FROM alert_event WHERE alert_id = ? ORDER BY id", arguments: [id])
            .map { ($0["at"], $0["actor"], $0["action"]) }
    }

    /// Acts on one alert as `user` at `now` (on the day `asOf`), in one transaction: who may
    /// is `Access`'s rule, what the alert becomes is its lifecycle's.
    @discardableResult
    public static func perform(_ action: AlertAction, on id: Int64, by user: User, at now: Int64, asOf: Day,
                               in database: FolioDatabase) throws -> Alert {
        let result: Result<Alert, AlertActionFailure> = try database.write { db in
            guard let before = try alert(id, in: db),
                  let account = try Account.find(id: before.accountID, in: db) else {
                return .failure(.notFound(id))
            }
            if let refusal = Access.refusal(action.act, on: before, by: user, people: try AccountPeople.of(account, in: db)) {
                return .failure(.notAllowed(id, login: user.login, reason: refusal.description))
            }
            if case .handOver(let login) = action, try User.find(login: login, in: db) == nil {
                return .failure(.invalid("\(login) is not a user: alert \(id) can only be handed over to one"))
            }
            let alert: Alert
            switch action.apply(to: before, by: user.login, at: now, asOf: asOf) {
            case .success(let after): alert = after
            case .failure(let refusal): return .failure(refusal.isConflict ? .conflict(id, refusal.description) : .invalid(refusal.description))
            }
            try alert.save(from: before, in: db)
            try AlertEvents.record(action.verb, alert: id, actor: user.login, at: now, before: before, after: alert, in: db)
            try AuditTrail.record(AuditEntry(actor: user.login, at: now, action: "alert.\(action.verb)", subject: "alert \(id)",
                                             before: before.auditText, after: alert.auditText), in: db)
            return .success(alert)
        }
        return try result.get()
    }
}
