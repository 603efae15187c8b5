import FolioDomain
import Foundation
import GRDB

/// Reads the history a programme report needs (`ProgrammeHistory`) for the accounts a
/// user may see: health-drop alerts raised in the period with their trail, the scores
/// from the period's start to the as-of day, churns, and renewals closed in the period.
public enum ProgrammeData {
    /// Who acted first on an alert counts as its acknowledgement: acknowledging, snoozing
    /// ("seen, waiting on the customer") or resolving, by a person rather than the run.
    static let responses = ["acknowledge", "snooze", "resolve"]

    public static func load(for user: User, period: ReportPeriod, asOf: Day, policy: AlertPolicy = .standard,
                            in db: Database) throws -> ProgrammeHistory {
        let filter = try PortfolioScope.natural(for: user).accountFilter(for: user, in: db)
        var history = ProgrammeHistory()
        history.alerts = try healthAlerts(filter: filter, period: period, policy: policy, in: db)

        let visible: SQLRequest<String> = "SELECT a.id FROM account a WHERE \(filter)"
        try SnapshotStore.scores(from: period.from, through: max(asOf, period.to), accountIDs: Set(try visible.fetchAll(db)), in: db) {
            history.scores.append(ProgrammeHistory.Score(accountID: $0, date: $1, score: $2, band: $3))
        }

        let churnRequest: SQLRequest<Row> = """
            SELECT a.id, (SELECT MAX(r.closed_on) FROM renewal_opportunity r WHERE r.account_id = a.id AND r.stage = 'churned') AS churned_on
            FROM account a WHERE a.status = 'churned' AND \(filter)
            """
        for row in try Row.fetchAll(db, churnRequest) {
            history.churned[row["id"]] = .some(row.day("churned_on"))
        }

        let types = CheckIn.qualifyingTypes
        let renewalRequest: SQLRequest<Row> = """
            SELECT r.account_id, a.owner, a.tier, r.closed_on, r.stage,
                   (SELECT MAX(date) FROM activity WHERE account_id = r.account_id AND type IN \(types) AND date <= r.closed_on) AS last_checkin
            FROM renewal_opportunity r JOIN account a ON a.id = r.account_id
            WHERE r.closed_on BETWEEN \(period.from.iso) AND \(period.to.iso) AND \(filter)
            ORDER BY r.closed_on, r.account_id
            """
        let renewalRows = try Row.fetchAll(db, renewalRequest)
        for row in renewalRows {
            guard let closedOn = row.day("closed_on") else { continue }
            history.renewals.append(ProgrammeHistory.ClosedRenewal(
                accountID: row["account_id"], owner: row["owner"], tier: try row.decode(forColumn: "tier"),
                closedOn: closedOn, won: row["stage"] == RenewalOpportunity.Stage.closedWon.rawValue,
                lastCheckIn: row.day("last_checkin")))
        }

        let sequenceRequest: SQLRequest<Row> = """
            SELECT e.sequence, e.stop_kind,
                   EXISTS (SELECT 1 FROM outbox_message m WHERE m.enrolment_id = e.id AND m.state = 'sent') AS emailed
            FROM sequence_enrolment e JOIN account a ON a.id = e.account_id
            WHERE e.state != 'skipped' AND e.started_on BETWEEN \(period.from.iso) AND \(period.to.iso) AND \(filter)
            """
        for row in try Row.fetchAll(db, sequenceRequest) {
            let kind: String? = row["stop_kind"]
            history.sequences.append(SequenceResponse.Outcome(sequence: row["sequence"], emailed: row["emailed"],
                                                              answered: kind == "replied" || kind == "meeting"))
        }
        return history
    }

    /// Only the health-drop alerts of the period with their first response: enough for
    /// acknowledgement times (`ResponseSpeed`'s per-CSM figures), without the scores.
    public static func healthAlerts(for user: User, period: ReportPeriod, policy: AlertPolicy = .standard,
                                    in db: Database) throws -> ProgrammeHistory {
        var history = ProgrammeHistory()
        history.alerts = try healthAlerts(filter: try PortfolioScope.natural(for: user).accountFilter(for: user, in: db),
                                          period: period, policy: policy, in: db)
        return history
    }

    static func healthAlerts(filter: SQL, period: ReportPeriod, policy: AlertPolicy, in db: Database) throws -> [ProgrammeHistory.HealthAlert] {
        var alerts: [ProgrammeHistory.HealthAlert] = []

        let actor = AlertStep.actor, kind = Alert.Kind.healthDrop.rawValue
        let alertRequest: SQLRequest<Row> = """
            SELECT al.id, al.account_id, a.owner, al.severity, al.raised_on, al.raised_at, al.due_by, al.shadow,
                   (SELECT e.before FROM alert_event e WHERE e.alert_id = al.id AND e.before IS NOT NULL ORDER BY e.id LIMIT 1) AS first_before,
                   (SELECT MIN(e.at) FROM alert_event e WHERE e.alert_id = al.id AND e.actor != \(actor) AND e.action IN \(responses)) AS first_response
            FROM alert al JOIN account a ON a.id = al.account_id
            WHERE al.kind = \(kind) AND al.raised_on BETWEEN \(period.from.iso) AND \(period.to.iso) AND \(filter)
            ORDER BY al.id
            """
        let alertRows = try Row.fetchAll(db, alertRequest)
        for row in alertRows {
            // The severity and SLA the alert was raised with: the first trail entry that
            // records a before state holds them (only escalating or easing changes them).
            var severity: Alert.Severity = try row.decode(forColumn: "severity")
            var dueBy: Int64 = row["due_by"]
            if let text: String = row["first_before"], let raised = try? JSONDecoder().decode(RaisedState.self, from: Data(text.utf8)) {
                severity = Alert.Severity(rawValue: raised.severity) ?? severity
                dueBy = raised.dueBy
            }
            let threshold = policy.healthThresholds.first { $0.severity == severity }?.below
                ?? policy.healthThresholds.first?.below ?? 0
            guard let raisedOn = row.day("raised_on") else { continue }
            alerts.append(ProgrammeHistory.HealthAlert(
                accountID: row["account_id"], owner: row["owner"], severity: severity, threshold: threshold, raisedOn: raisedOn,
                raisedAt: row["raised_at"], dueBy: dueBy, acknowledgedAt: row["first_response"], shadow: row["shadow"]))
        }

        return alerts
    }

    /// The part of a trail entry's before state that says how the alert was raised.
    private struct RaisedState: Decodable {
        var severity: String
        var dueBy: Int64
    }
}
