import FolioDomain
import GRDB

/// Reads what `folio report alerts` needs for the accounts a user may see: every alert
/// raised in the period (real and shadow, with how a person resolved it), the churns and
/// contractions on record, who was a customer when, and the CSMs.
public enum AlertQualityData {
    public static func load(for user: User, period: ReportPeriod, asOf: Day, horizonDays: Int, in db: Database) throws -> AlertQuality {
        let filter = try PortfolioScope.natural(for: user).accountFilter(for: user, in: db)
        let actor = AlertStep.actor
        let alertRequest: SQLRequest<Row> = """
            SELECT al.kind, al.account_id, al.raised_on, al.shadow, al.outcome, al.resolved_by,
                   (SELECT group_concat(login, ';') FROM (SELECT login FROM alert_recipient r WHERE r.alert_id = al.id ORDER BY r.position))
                       AS recipients
            FROM alert al JOIN account a ON a.id = al.account_id
            WHERE al.raised_on BETWEEN \(period.from.iso) AND \(period.to.iso) AND \(filter)
            ORDER BY al.id
            """
        var alerts: [AlertQuality.RaisedAlert] = []
        for row in try Row.fetchAll(db, alertRequest) {
            guard let kind = Alert.Kind(rawValue: row["kind"]), let raisedOn = row.day("raised_on") else { continue }
            let resolvedBy: String? = row["resolved_by"]
            let outcome = (row["outcome"] as String?).flatMap(Alert.Outcome.init(rawValue:))
            let recipients = (row["recipients"] as String?)?.split(separator: ";").map(String.init) ?? []
            alerts.append(AlertQuality.RaisedAlert(kind: kind, accountID: row["account_id"], raisedOn: raisedOn, shadow: row["shadow"],
                                                   recipients: recipients,
                                                   resolvedByPerson: resolvedBy != nil && resolvedBy != actor ? outcome : nil))
        }
        let eventRequest: SQLRequest<Row> = """
            SELECT o.account_id, o.date, o.outcome FROM account_outcome o JOIN account a ON a.id = o.account_id
            WHERE o.outcome IN ('churned', 'contracted') AND \(filter)
            """
        var events: [String: [Day]] = [:], churns: [String: Day] = [:]
        for row in try Row.fetchAll(db, eventRequest) {
            guard let day = row.day("date") else { continue }
            events[row["account_id"], default: []].append(day)
            if row["outcome"] == "churned" { churns[row["account_id"]] = min(churns[row["account_id"]] ?? day, day) }
        }
        let accountRequest: SQLRequest<Row> = "SELECT a.id, a.contract_start, a.status FROM account a WHERE \(filter)"
        var book: [(id: String, start: Day, gone: Day?)] = []
        for row in try Row.fetchAll(db, accountRequest) {
            guard let start = row.day("contract_start") else { continue }
            let id: String = row["id"]
            // A churned account with no date on record is left out of the base rate.
            if row["status"] == "churned" && churns[id] == nil { continue }
            book.append((id, start, churns[id]))
        }
        let csms = Set(try String.fetchAll(db, sql: "SELECT login FROM user WHERE role = 'csm'"))
        return AlertQuality(alerts: alerts, events: events, active: { day in
            book.filter { $0.start <= day && ($0.gone.map { $0 > day } ?? true) }.map(\.id)
        }, csms: csms, period: period, asOf: asOf, horizonDays: horizonDays)
    }
}
