import FolioDomain
@testable import FolioStore
@testable import FolioTUI

/// A small programme history built by hand for the dashboard, with its figures worked out:
///
/// - Alerted: 12 accounts, one amber alert each (recovery line 70). A01–A11 raised Monday
///   2026-09-07, so their 60 days are over by 2026-11-23; A01–A09 scored 75 on 09-14
///   (recovered), A10 and A11 did not: 9 of 11 decided (82 %). A12 was raised 11-16: pending.
///   A10 churned on 10-01: 1 of 12 churned (8 %).
/// - Control: 4 held-out accounts with shadow alerts on 09-07; C1 and C2 came back: 2 of 4
///   (50 %), and 4 accounts is under 10, so the note says "too small to compare". Lift
///   82 − 50 = +32 points.
/// - Acknowledgement (SLA 48 h): Amélie's six alerts after 2, 4, 6, 8, 10, 12 h: median 7 h,
///   6 of 6 in time. Jonas's: after 20, 30, 40, 50, 60 h and A12 never (past its SLA): median
///   40 h, 3 of 6 in time. Everyone: median of the eleven is 12 h, 9 of 12 in time (75 %).
/// - Health by week: 09-14 Red 2 (C3, C4), Yellow 2 (A10, A11), Green 11; 10-12 Red 1 (C3),
///   Yellow 1 (A11), Green 5 (A01–A05); 11-16 Red 1 (A12), Green 1 (A01), unscored 1 (N01).
/// - ARR at risk: A12 (Red, 90 days out) 40,000 closing 2027-01; C3 (at risk) 25,000 and A01
///   (at risk, Green) 10,000 closing 2026-12: 35,000 in 2; A02 (60 days out, Green) is not
///   at risk: 75,000 in 3 in all.
/// - Sequences (of those that emailed): win-back 2 of 3 (67 %), check-in-nudge 0 of 1 (0 %,
///   one more never emailed), all 2 of 4 (50 %).
/// - The model: eight account-days scored 10, 20, 35 (Red), 50, 60 (Yellow), 80, 90, 95
///   (Green); the 10, 20 and 50 churned: Red 2 of 3 (66.7 %), Yellow 1 of 2 (50.0 %), Green 0
///   of 3. Of the 15 churner–stayer pairs the churner scored lower in 14: AUC 0.93. Quarters:
///   2026-Q1 0.81, 2026-Q2 0.74 (as given).
/// - Alerts (of the 90 days before the period, 2026-06-03 to 2026-08-25): health drops on
///   A01–A04, followed by A01's churn (2026-07-01) and A02's contraction (2026-08-01): 2 of 4
///   (50 %); shadows on C1 and C2, C1 churned: 1 of 2 (50 %); a person resolved A03's as a
///   false positive and A04's as saved: noise 1 of 2 (50 %). Any account (A01–A04, C1, C2,
///   B1–B4), on each of the 12 weeks from 06-03: A01 and C1 (07-01) are within 90 days of the
///   first 4, A02 (08-01) of the first 9: (4 × 0.3 + 5 × 0.1 + 3 × 0) / 12 = 0.142; lift
///   0.5 / 0.142 = 3.5×.
///   Amélie got the four alerts over 12 weeks: 0.3 a week.
enum DashboardFixtures {
    static let asOf = InterfaceFixtures.asOf
    static let period = ReportPeriod(from: Day(iso: "2026-09-01")!, to: asOf)
    static let bands = InterfaceFixtures.bands
    static let raised = Day(iso: "2026-09-07")!

    static func alert(_ account: String, owner: String, on day: Day = raised, ackAfter hours: Int?, shadow: Bool = false)
        -> ProgrammeHistory.HealthAlert {
        let at = Int64(day.ordinal) * 86_400 + 6 * 3_600
        return ProgrammeHistory.HealthAlert(accountID: account, owner: owner, severity: .amber, threshold: 70, raisedOn: day,
                                            raisedAt: at, dueBy: at + 48 * 3_600, acknowledgedAt: hours.map { at + Int64($0) * 3_600 },
                                            shadow: shadow)
    }

    static func score(_ account: String, _ iso: String, _ value: Double?, _ band: String?) -> ProgrammeHistory.Score {
        ProgrammeHistory.Score(accountID: account, date: Day(iso: iso)!, score: value, band: band)
    }

    static var history: ProgrammeHistory {
        var alerts: [ProgrammeHistory.HealthAlert] = []
        for (index, hours) in [2, 4, 6, 8, 10, 12].enumerated() {
            alerts.append(alert(String(format: "A%02d", index + 1), owner: "amelie.durand", ackAfter: hours))
        }
        for (index, hours) in [20, 30, 40, 50, 60].enumerated() {
            alerts.append(alert(String(format: "A%02d", index + 7), owner: "jonas.muller", ackAfter: hours))
        }
        alerts.append(alert("A12", owner: "jonas.muller", on: Day(iso: "2026-11-16")!, ackAfter: nil))
        for account in ["C1", "C2", "C3", "C4"] { alerts.append(alert(account, owner: "amelie.durand", ackAfter: nil, shadow: true)) }

        var scores: [ProgrammeHistory.Score] = []
        for index in 1...9 { scores.append(score(String(format: "A%02d", index), "2026-09-14", 75, "Green")) }
        scores += [score("A10", "2026-09-14", 50, "Yellow"), score("A11", "2026-09-14", 50, "Yellow"),
                   score("C1", "2026-09-14", 80, "Green"), score("C2", "2026-09-14", 80, "Green"),
                   score("C3", "2026-09-14", 40, "Red"), score("C4", "2026-09-14", 40, "Red")]
        for index in 1...5 { scores.append(score(String(format: "A%02d", index), "2026-10-12", 76, "Green")) }
        scores += [score("A11", "2026-10-12", 52, "Yellow"), score("C3", "2026-10-12", 38, "Red")]
        scores += [score("A12", "2026-11-16", 35, "Red"), score("A01", "2026-11-16", 72, "Green"), score("N01", "2026-11-16", nil, nil)]

        var history = ProgrammeHistory(alerts: alerts, scores: scores, churned: ["A10": Day(iso: "2026-10-01")!])
        history.sequences = [
            SequenceResponse.Outcome(sequence: "win-back", emailed: true, answered: true),
            SequenceResponse.Outcome(sequence: "win-back", emailed: true, answered: true),
            SequenceResponse.Outcome(sequence: "win-back", emailed: true, answered: false),
            SequenceResponse.Outcome(sequence: "check-in-nudge", emailed: true, answered: false),
            SequenceResponse.Outcome(sequence: "check-in-nudge", emailed: false, answered: false),
        ]
        return history
    }

    static func renewal(_ account: String, _ units: Int64, closing iso: String, _ stage: RenewalOpportunity.Stage,
                        band: String?) -> (opportunity: RenewalOpportunity, band: String?) {
        (RenewalOpportunity(accountID: account, amount: Money(units: units), closeDate: Day(iso: iso)!, stage: stage,
                            owner: "amelie.durand"), band)
    }

    static let openRenewals = [
        renewal("A12", 40_000, closing: "2027-01-15", .ninetyDaysOut, band: "Red"),
        renewal("C3", 25_000, closing: "2026-12-20", .atRisk, band: "Red"),
        renewal("A01", 10_000, closing: "2026-12-05", .atRisk, band: "Green"),
        renewal("A02", 50_000, closing: "2026-12-10", .sixtyDaysOut, band: "Green"),
        renewal("A03", 30_000, closing: "2026-12-01", .closedWon, band: "Green"),
    ]

    static let names = ["amelie.durand": "Amélie Durand", "jonas.muller": "Jonas Müller"]

    static var model: ModelPanel {
        let scores: [Double] = [10, 20, 35, 50, 60, 80, 90, 95]
        let churned = [true, true, false, true, false, false, false, false]
        let quarters = [
            ScoreDrift.Quarterly(quarter: Quarter(year: 2026, number: 1), days: 13, cases: 40, churned: 5,
                                 auc: RankingAUC(auc: 0.81, low: 0.7, high: 0.92, positives: 5, negatives: 35)),
            ScoreDrift.Quarterly(quarter: Quarter(year: 2026, number: 2), days: 13, cases: 40, churned: 4,
                                 auc: RankingAUC(auc: 0.74, low: 0.6, high: 0.88, positives: 4, negatives: 36)),
        ]
        return ModelPanel(horizonDays: 90, days: [Day(iso: "2026-03-02")!, Day(iso: "2026-08-24")!],
                          quality: ScoreQuality.Group(scores: scores, churned: churned, bands: .redYellowGreen), quarters: quarters)
    }

    static var alertQuality: AlertQuality {
        let from = Day(iso: "2026-06-03")!, to = Day(iso: "2026-08-25")!
        func raised(_ account: String, shadow: Bool = false, resolved: Alert.Outcome? = nil) -> AlertQuality.RaisedAlert {
            AlertQuality.RaisedAlert(kind: .healthDrop, accountID: account, raisedOn: Day(iso: "2026-06-10")!, shadow: shadow,
                                     recipients: shadow ? [] : ["amelie.durand"], resolvedByPerson: resolved)
        }
        let alerts = [raised("A01"), raised("A02"), raised("A03", resolved: .falsePositive), raised("A04", resolved: .saved),
                      raised("C1", shadow: true), raised("C2", shadow: true)]
        let events: [String: [Day]] = ["A01": [Day(iso: "2026-07-01")!], "A02": [Day(iso: "2026-08-01")!], "C1": [Day(iso: "2026-07-01")!]]
        let book = ["A01", "A02", "A03", "A04", "C1", "C2", "B1", "B2", "B3", "B4"]
        return AlertQuality(alerts: alerts, events: events, active: { _ in book }, csms: ["amelie.durand"],
                            period: ReportPeriod(from: from, to: to), asOf: asOf, horizonDays: 90)
    }

    static var dashboard: ProgrammeDashboard {
        ProgrammeDashboard(history: history, period: period, asOf: asOf, bands: bands, openRenewals: openRenewals, names: names,
                           model: model, alertQuality: alertQuality)
    }

    static var empty: ProgrammeDashboard {
        ProgrammeDashboard(history: ProgrammeHistory(), period: period, asOf: asOf, bands: bands, openRenewals: [], names: [:])
    }

    /// The dashboard on screen for `period`, loaded.
    static func state(width: Int, height: Int, glyphs: Glyphs = .unicode, dashboard: ProgrammeDashboard = dashboard) -> AppState {
        var state = InterfaceFixtures.state(width: width, height: height, glyphs: glyphs)
        _ = reduce(&state, .run(.report, argument: "2026-09-01"))
        _ = reduce(&state, .dashboardLoaded(dashboard))
        return state
    }
}
