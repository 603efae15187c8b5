import Foundation
import FolioDomain
import Testing
@testable import FolioStore

@Suite("Alert settings file")
struct AlertPolicyLoaderTests {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    @Test func theShippedFileIsTheDefaults() throws {
        let policy = try AlertPolicyLoader.load(path: Self.sampleData.appendingPathComponent("alerts.yaml").path)
        #expect(policy == AlertPolicy.standard)
    }

    @Test func anEmptyFileIsTheDefaults() throws {
        #expect(try AlertPolicyLoader.load(yaml: "", file: "a.yaml") == .standard)
        #expect(try AlertPolicyLoader.load(yaml: "# nothing\n", file: "a.yaml") == .standard)
    }

    @Test func overridesApply() throws {
        let policy = try AlertPolicyLoader.load(yaml: """
            health: {thresholds: {amber: 75, red: 50}}
            sla: {detractor: 24h, health-drop: {red: 4h}}
            routing: {usage-drop: [csm, {to: manager, when: renewal-within-60}]}
            holdout_share: 0
            checkin_limit_days: {smb: 60}
            holdout_kinds: [health-drop, detractor]
            """, file: "a.yaml")
        #expect(policy.holdoutKinds == [.healthDrop, .detractor])
        #expect(AlertPolicy.standard.holdoutKinds == [.healthDrop, .usageDrop, .usageSurge])
        #expect(policy.healthThresholds == [.init(below: 75, severity: .amber), .init(below: 50, severity: .red)])
        #expect(policy.sla[.detractor] == .hours(24) && policy.healthSLA[.red] == .hours(4) && policy.healthSLA[.orange] == .hours(48))
        #expect(policy.routing.rules[.usageDrop] == [AlertRouting.Rule(.csm), AlertRouting.Rule(.manager, when: .renewalWithin(days: 60))])
        #expect(policy.holdoutShare == 0 && policy.checkIns.limit(for: .smb) == 60 && policy.checkIns.limit(for: .enterprise) == 45)
    }

    @Test func everyProblemWithItsPlace() {
        let yaml = """
            health:
              thresholds: {amber: 60, orange: 70}
            sla:
              detractor: soon
              health-drop: {purple: 2h}
            routing:
              usage-drop: [ceo]
              gone-dark: csm
            holdout_share: 0.9
            run_hour: 25
            colour: blue
            holdout_kinds: [health-drop, churn, health-drop]
            """
        do {
            _ = try AlertPolicyLoader.load(yaml: yaml, file: "alerts.yaml")
            Issue.record("a bad file loaded")
        } catch {
            #expect(error.problems.map(\.description) == [
                "alerts.yaml:2:35: health.thresholds.orange (70) must be below amber (60)",
                "alerts.yaml:4:14: sla.detractor must be a duration like 48h, 5d or same-day, not \"soon\"",
                "alerts.yaml:5:17: unknown key \"purple\" in sla.health-drop; expected amber, orange or red",
                "alerts.yaml:7:16: routing.usage-drop: the recipient must be csm, manager, vp or ae, not \"ceo\"",
                "alerts.yaml:8:14: routing.gone-dark must be a list of recipients (csm, manager, vp, ae)",
                "alerts.yaml:9:16: holdout_share must be between 0 and 0.5, not 0.9",
                "alerts.yaml:10:11: run_hour must be between 0 and 23, not 25",
                "alerts.yaml:11:1: unknown key \"colour\" in the alert settings; expected health, usage, critical_cases, detractor_max, payment_overdue_days, gone_dark, checkin_limit_days, run_hour, holdout_share, holdout_kinds, sla or routing",
                "alerts.yaml:12:30: holdout_kinds: unknown alert kind \"churn\"; expected health-drop, usage-drop, usage-surge, critical-cases, sponsor-left, detractor, payment-overdue, gone-dark or checkin-overdue",
                "alerts.yaml:12:37: holdout_kinds: health-drop is listed twice",
            ])
        }
    }

    @Test func yamlSyntaxHasItsLine() {
        do {
            _ = try AlertPolicyLoader.load(yaml: "health:\n  thresholds: {amber: 70\n", file: "alerts.yaml")
            Issue.record("loaded")
        } catch {
            #expect(error.problems.first?.description.hasPrefix("alerts.yaml:3:") == true)
        }
    }
}
