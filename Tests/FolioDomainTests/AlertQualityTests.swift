import FolioDomain
import Testing

/// Alert quality on a hand-built history: which alerts were followed by a churn or a
/// contraction within the horizon, against the base rate and the control group.
@Suite struct AlertQualityTests {
    static let asOf = Day(iso: "2026-12-31")!
    static let period = ReportPeriod(from: Day(iso: "2026-06-01")!, to: Day(iso: "2026-06-30")!)

    static func alert(_ kind: Alert.Kind, _ account: String, _ day: String, shadow: Bool = false, to: [String] = ["ana"],
                      resolved: Alert.Outcome? = nil) -> AlertQuality.RaisedAlert {
        AlertQuality.RaisedAlert(kind: kind, accountID: account, raisedOn: Day(iso: day)!, shadow: shadow, recipients: shadow ? [] : to,
                                 resolvedByPerson: resolved)
    }

    @Test func precisionLiftNoiseAndLoad() throws {
        // Ten accounts; A churned 2026-07-15, B contracted 2026-06-20, C churned 2026-11-30
        // (beyond 90 days of June). Health drops on A, B, D (D stayed): 2 of 3 followed. Shadow
        // drops on C and E: none followed. Detractors on D and F, people resolved D's as a false
        // positive and F's as saved. One drop is raised before the period: not counted.
        let alerts = [
            Self.alert(.healthDrop, "A", "2026-06-02"), Self.alert(.healthDrop, "B", "2026-06-10", to: ["ana", "ben"]),
            Self.alert(.healthDrop, "D", "2026-06-15", to: ["ben"], resolved: .noAction),
            Self.alert(.healthDrop, "C", "2026-06-03", shadow: true), Self.alert(.healthDrop, "E", "2026-06-04", shadow: true),
            Self.alert(.detractor, "D", "2026-06-05", resolved: .falsePositive), Self.alert(.detractor, "F", "2026-06-06", resolved: .saved),
            Self.alert(.healthDrop, "G", "2026-05-20"),
        ]
        let events: [String: [Day]] = ["A": [Day(iso: "2026-07-15")!], "B": [Day(iso: "2026-06-20")!], "C": [Day(iso: "2026-11-30")!]]
        let accounts = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]
        // Active: everyone until their churn (A leaves on 2026-07-15, C on 2026-11-30).
        let q = AlertQuality(alerts: alerts, events: events, active: { day in
            accounts.filter { a in !(events[a] ?? []).contains { $0 <= day && a != "B" } }
        }, csms: ["ana", "ben"], period: Self.period, asOf: Self.asOf, horizonDays: 90)
        // Base rate: on each of the five Mondays-from-June-1 (1, 8, 15, 22, 29 June), who of the
        // ten churned or contracted within 90 days: A (to 2026-07-15) always; B until its
        // contraction on 20 June (1, 8 and 15 June); C never within 90 days of June.
        // (2 + 2 + 2 + 1 + 1) / 5 / 10 = 0.16.
        #expect(abs((q.baseRate ?? 0) - 0.16) < 1e-12)
        let health = try #require(q.kinds.first { $0.kind == .healthDrop })
        #expect(health.alerted.alerts == 3 && health.alerted.decided == 3 && health.alerted.followed == 2)
        #expect(abs((health.liftOverBase ?? 0) - (2.0 / 3) / 0.16) < 1e-12)
        #expect(health.control.alerts == 2 && health.control.followed == 0 && health.control.precision == 0)
        #expect(health.liftOverControl == nil) // nothing to divide by
        #expect(health.noise == 1 && health.resolvedByPeople == 1 && health.noiseRate == 1)
        let detractor = try #require(q.kinds.first { $0.kind == .detractor })
        #expect(detractor.alerted.followed == 0 && detractor.noise == 1 && detractor.resolvedByPeople == 2 && detractor.noiseRate == 0.5)
        #expect(q.all?.alerted.alerts == 5 && q.all?.control.alerts == 0)
        // Load: June is 30 days, 30/7 weeks; ana got four alerts (A, B, D's and F's detractors), ben two.
        #expect(q.load.map(\.login) == ["ana", "ben"] && q.load.map(\.alerts) == [4, 2])
        #expect(abs(q.load[0].perWeek - 4 / (30.0 / 7)) < 1e-12)
    }

    @Test func alertsStillInsideTheirHorizonArePending() {
        let q = AlertQuality(alerts: [Self.alert(.usageDrop, "A", "2026-12-01")], events: [:], active: { _ in ["A"] }, csms: ["ana"],
                             period: ReportPeriod(from: Day(iso: "2026-12-01")!, to: Self.asOf), asOf: Self.asOf, horizonDays: 90)
        #expect(q.kinds.first?.alerted.pending == 1 && q.kinds.first?.alerted.precision == nil)
        #expect(q.baseRate == nil) // no week whose 90 days are over
    }
}
