import FolioDomain
import FolioStore
import FolioTUI

/// `folio report program`: did alerting help? Alerted against control health drops, with
/// the groups' sizes, and whether fast responses recover more (README, "folio report --json").
enum ProgrammeReport {
    struct JSON: Encodable {
        struct Group: Encodable {
            var accounts: Int
            var alerts: Int
            var recovered: Int
            var decided: Int
            var pending: Int
            @NullEncoded var recoveryRate: Double?
            var churned: Int
            @NullEncoded var churnRate: Double?
        }
        struct Severity: Encodable {
            var severity: String
            var recovered: Int
            var decided: Int
            @NullEncoded var recoveryRate: Double?
        }
        struct Response: Encodable {
            var alerts: Int
            var recovered: Int
            var decided: Int
            @NullEncoded var recoveryRate: Double?
        }
        var recoveryWindowDays: Int
        var minimumGroup: Int
        /// The alert kinds the control group is held out of (alerts.yaml `holdout_kinds`).
        var heldOutKinds: [String]
        var alerted: Group
        var control: Group
        var comparable: Bool
        @NullEncoded var note: String?
        @NullEncoded var recoveryLiftPoints: Double?
        @NullEncoded var churnReductionPoints: Double?
        var recoveryBySeverity: [Severity]
        var fast: Response
        var slow: Response
        var sequenceResponse: Sequences
        struct Sequences: Encodable {
            struct One: Encodable {
                var sequence: String
                var emailed: Int
                var answered: Int
                @NullEncoded var responseRate: Double?
            }
            var emailed: Int
            var answered: Int
            @NullEncoded var responseRate: Double?
            var bySequence: [One]
        }
    }

    static func group(_ g: ControlComparison.Group) -> JSON.Group {
        JSON.Group(accounts: g.accounts, alerts: g.alerts, recovered: g.recovery.overall.count, decided: g.recovery.overall.of,
                   pending: g.recovery.pending, recoveryRate: ReportFrame.rounded(g.recovery.overall.rate), churned: g.churn.count,
                   churnRate: ReportFrame.rounded(g.churn.rate))
    }

    static func response(_ b: ResponseSpeed.RecoveryBucket) -> JSON.Response {
        JSON.Response(alerts: b.alerts, recovered: b.recovery.count, decided: b.recovery.of, recoveryRate: ReportFrame.rounded(b.recovery.rate))
    }

    /// The held-out kinds in the order alerts list them.
    static func heldOut(_ kinds: Set<Alert.Kind>) -> [Alert.Kind] { Alert.Kind.allCases.filter(kinds.contains) }

    static func json(_ c: ControlComparison, speed: ResponseSpeed, sequences: SequenceResponse, heldOutKinds: Set<Alert.Kind>) -> JSON {
        JSON(recoveryWindowDays: RecoveryRate.windowDays, minimumGroup: c.minimum, heldOutKinds: heldOut(heldOutKinds).map(\.rawValue),
             alerted: group(c.alerted),
             control: group(c.control), comparable: c.isComparable, note: c.note,
             recoveryLiftPoints: ReportFrame.rounded(c.recoveryLift, places: 10),
             churnReductionPoints: ReportFrame.rounded(c.churnReduction, places: 10),
             recoveryBySeverity: c.alerted.recovery.bySeverity.map {
                 JSON.Severity(severity: $0.severity.rawValue, recovered: $0.rate.count, decided: $0.rate.of,
                               recoveryRate: ReportFrame.rounded($0.rate.rate))
             },
             fast: response(speed.fast), slow: response(speed.slow),
             sequenceResponse: JSON.Sequences(emailed: sequences.overall.of, answered: sequences.overall.count,
                                              responseRate: ReportFrame.rounded(sequences.overall.rate),
                                              bySequence: sequences.bySequence.map {
                                                  JSON.Sequences.One(sequence: $0.sequence, emailed: $0.rate.of, answered: $0.rate.count,
                                                                     responseRate: ReportFrame.rounded($0.rate.rate))
                                              }))
    }

    static let csvHeader = ["group", "accounts", "alerts", "recovered", "decided", "pending", "recovery_rate", "churned", "churn_rate"]

    /// One row per group: alerted, control, the alerted group by severity, fast and slow responses.
    static func csv(_ c: ControlComparison, speed: ResponseSpeed) -> CSVTable {
        func row(_ name: String, _ g: ControlComparison.Group) -> [String] {
            let r = g.recovery.overall
            return [name, "\(g.accounts)", "\(g.alerts)", "\(r.count)", "\(r.of)", "\(g.recovery.pending)",
                    ReportFrame.csvNumber(ReportFrame.rounded(r.rate)), "\(g.churn.count)", ReportFrame.csvNumber(ReportFrame.rounded(g.churn.rate))]
        }
        var rows = [row("alerted", c.alerted), row("control", c.control)]
        for s in c.alerted.recovery.bySeverity {
            rows.append(["alerted:\(s.severity.rawValue)", "", "", "\(s.rate.count)", "\(s.rate.of)", "",
                         ReportFrame.csvNumber(ReportFrame.rounded(s.rate.rate)), "", ""])
        }
        for (name, b) in [("fast", speed.fast), ("slow", speed.slow)] {
            rows.append([name, "", "\(b.alerts)", "\(b.recovery.count)", "\(b.recovery.of)", "",
                         ReportFrame.csvNumber(ReportFrame.rounded(b.recovery.rate)), "", ""])
        }
        return CSVTable(header: csvHeader, rows: rows)
    }

    static func lines(_ c: ControlComparison, speed: ResponseSpeed, sequences: SequenceResponse, heldOutKinds: Set<Alert.Kind>,
                      frame: ReportFrame, heading: String, maxWidth: Int?, glyphs: Glyphs) -> [String] {
        var out: [String] = []
        out.append(TerminalText.sanitize("Did alerting help? Health drops in \(heading), \(frame.from) to \(frame.to) (as of \(frame.asOf))"))
        out.append("Recovered: back at or above the alert's threshold within \(RecoveryRate.windowDays) days. Control: held-out accounts, "
                   + "whose drops were recorded but not alerted.")
        let kinds = heldOut(heldOutKinds).map { $0.rawValue.split(separator: "-").joined(separator: " ") }
        out.append(kinds.isEmpty ? "The control group is held out of no alert kind: every alert reached people."
                   : "The control group is held out of \(kinds.joined(separator: ", ")) alerts only; every other alert reached people.")
        out.append("")
        var table = TextTable(columns: [
            .init("GROUP", priority: 10),
            .init("ACCOUNTS", alignment: .right, priority: 10),
            .init("ALERTS", alignment: .right, priority: 6),
            .init("RECOVERED IN \(RecoveryRate.windowDays) DAYS", alignment: .right, priority: 9),
            .init("PENDING", alignment: .right, priority: 5),
            .init("CHURNED", alignment: .right, priority: 8),
        ])
        table.showsRule = true
        for (name, g) in [("alerted", c.alerted), ("control", c.control)] {
            table.append([name, "\(g.accounts)", "\(g.alerts)", ReportFrame.ratio(g.recovery.overall), "\(g.recovery.pending)",
                          ReportFrame.ratio(g.churn)])
        }
        out.append(contentsOf: table.render(maxWidth: maxWidth, glyphs: glyphs))
        out.append("")
        /// "alerted 67 % against control 50 % (+17 points)", or why there is no comparison.
        func compared(_ alerted: Double?, _ control: Double?, _ difference: Double?) -> String {
            guard difference != nil else { return "\(ReportFrame.notEnoughData) to compare" }
            return "alerted \(ReportFrame.percent(alerted)) against control \(ReportFrame.percent(control)) (\(ReportFrame.points(difference)))"
        }
        out.append("Recovery: \(compared(c.alerted.recovery.overall.rate, c.control.recovery.overall.rate, c.recoveryLift)). "
                   + "Churn: \(compared(c.alerted.churn.rate, c.control.churn.rate, c.churnReduction.map { -$0 })).")
        if let note = c.note { out.append(note) }
        out.append("")

        var severity = TextTable(columns: [
            .init("SEVERITY (ALERTED)", priority: 10),
            .init("RECOVERED IN \(RecoveryRate.windowDays) DAYS", alignment: .right, priority: 9),
        ])
        for s in c.alerted.recovery.bySeverity { severity.append([s.severity.rawValue, ReportFrame.ratio(s.rate)]) }
        if c.alerted.recovery.bySeverity.isEmpty { severity.append(["–", ReportFrame.notEnoughData]) }
        out.append(contentsOf: severity.render(maxWidth: maxWidth, glyphs: glyphs))
        out.append("")

        var response = TextTable(columns: [
            .init("RESPONSE (ALERTED)", priority: 10),
            .init("ALERTS", alignment: .right, priority: 8),
            .init("RECOVERED IN \(RecoveryRate.windowDays) DAYS", alignment: .right, priority: 9),
        ])
        response.append(["fast: acknowledged within SLA", "\(speed.fast.alerts)", ReportFrame.ratio(speed.fast.recovery)])
        response.append(["slow: late or never", "\(speed.slow.alerts)", ReportFrame.ratio(speed.slow.recovery)])
        out.append(contentsOf: response.render(maxWidth: maxWidth, glyphs: glyphs))
        out.append("")

        var outreach = TextTable(columns: [
            .init("RECOVERY SEQUENCE", priority: 10),
            .init("ANSWERED (REPLY OR MEETING) OF EMAILED", alignment: .right, priority: 9),
        ])
        for s in sequences.bySequence { outreach.append([s.sequence, ReportFrame.ratio(s.rate)]) }
        outreach.append(["all sequences", ReportFrame.ratio(sequences.overall)])
        out.append(contentsOf: outreach.render(maxWidth: maxWidth, glyphs: glyphs))
        return out
    }
}
