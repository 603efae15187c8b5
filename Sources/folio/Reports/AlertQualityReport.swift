import FolioDomain
import FolioStore
import FolioTUI

/// `folio report alerts`: are the alerts worth the attention they take? (README, "folio report --json").
enum AlertQualityReport {
    struct Group: Encodable {
        var alerts: Int
        var decided: Int
        var pending: Int
        var followed: Int
        @NullEncoded var precision: Double?
    }

    struct Kind: Encodable {
        @NullEncoded var kind: String?
        var alerts: Int
        var decided: Int
        var pending: Int
        var followed: Int
        @NullEncoded var precision: Double?
        @NullEncoded var liftOverBase: Double?
        var control: Group
        @NullEncoded var liftOverControl: Double?
        var resolvedByPeople: Int
        var noise: Int
        @NullEncoded var noiseRate: Double?

        init(_ k: AlertQuality.Kind) {
            kind = k.kind?.rawValue
            alerts = k.alerted.alerts
            decided = k.alerted.decided
            pending = k.alerted.pending
            followed = k.alerted.followed
            precision = ReportFrame.rounded(k.alerted.precision)
            liftOverBase = ReportFrame.rounded(k.liftOverBase, places: 100)
            control = Group(alerts: k.control.alerts, decided: k.control.decided, pending: k.control.pending, followed: k.control.followed,
                            precision: ReportFrame.rounded(k.control.precision))
            liftOverControl = ReportFrame.rounded(k.liftOverControl, places: 100)
            resolvedByPeople = k.resolvedByPeople
            noise = k.noise
            noiseRate = ReportFrame.rounded(k.noiseRate)
        }
    }

    struct Load: Encodable {
        var login: String
        var name: String
        var alerts: Int
        var perWeek: Double
    }

    struct JSON: Encodable {
        var horizonDays: Int
        var weeks: Double
        @NullEncoded var baseRate: Double?
        var heldOutKinds: [String]
        var kinds: [Kind]
        @NullEncoded var all: Kind?
        var load: [Load]
    }

    static func json(_ q: AlertQuality, heldOutKinds: Set<Alert.Kind>, names: [String: String]) -> JSON {
        JSON(horizonDays: q.horizonDays,
             weeks: (q.weeks * 10).rounded() / 10, baseRate: ReportFrame.rounded(q.baseRate, places: 10_000),
             heldOutKinds: ProgrammeReport.heldOut(heldOutKinds).map(\.rawValue), kinds: q.kinds.map(Kind.init), all: q.all.map(Kind.init),
             load: q.load.map { Load(login: $0.login, name: names[$0.login] ?? $0.login, alerts: $0.alerts, perWeek: (($0.perWeek * 10).rounded()) / 10) })
    }

    static let csvHeader = ["kind", "alerts", "decided", "pending", "followed", "precision", "lift_over_base", "control_alerts",
                            "control_decided", "control_followed", "control_precision", "lift_over_control", "resolved_by_people",
                            "noise", "noise_rate"]

    /// One row per kind, and `all` (an empty kind) for every kind together.
    static func csv(_ q: AlertQuality) -> CSVTable {
        let rows = (q.kinds + (q.all.map { [$0] } ?? [])).map { k -> [String] in
            [k.kind?.rawValue ?? "all", "\(k.alerted.alerts)", "\(k.alerted.decided)", "\(k.alerted.pending)", "\(k.alerted.followed)",
             ReportFrame.csvNumber(ReportFrame.rounded(k.alerted.precision)), ReportFrame.csvNumber(ReportFrame.rounded(k.liftOverBase, places: 100)),
             "\(k.control.alerts)", "\(k.control.decided)", "\(k.control.followed)", ReportFrame.csvNumber(ReportFrame.rounded(k.control.precision)),
             ReportFrame.csvNumber(ReportFrame.rounded(k.liftOverControl, places: 100)), "\(k.resolvedByPeople)", "\(k.noise)",
             ReportFrame.csvNumber(ReportFrame.rounded(k.noiseRate))]
        }
        return CSVTable(header: csvHeader, rows: rows)
    }

    static func lines(_ q: AlertQuality, heldOutKinds: Set<Alert.Kind>, names: [String: String], frame: ReportFrame, heading: String,
                      maxWidth: Int?, glyphs: Glyphs) -> [String] {
        var out: [String] = []
        out.append(TerminalText.sanitize("Alert quality in \(heading), alerts raised \(frame.from) to \(frame.to) (as of \(frame.asOf))"))
        out.append("Followed: the account churned or contracted within \(q.horizonDays) days of the alert. Base: any account, "
                   + "week by week, \(BacktestReport.percent(q.baseRate, places: 1)).")
        out.append("")
        var table = TextTable(columns: [
            .init("KIND", priority: 10),
            .init("ALERTS", alignment: .right, priority: 8),
            .init("FOLLOWED", alignment: .right, priority: 9),
            .init("LIFT", alignment: .right, priority: 9),
            .init("CONTROL", alignment: .right, priority: 6),
            .init("NOISE", alignment: .right, priority: 7),
            .init("PENDING", alignment: .right, priority: 4),
        ])
        table.showsRule = true
        func followed(_ g: AlertQuality.Group) -> String {
            g.decided == 0 ? ReportFrame.notEnoughData : "\(g.followed) of \(g.decided) (\(ReportFrame.percent(g.precision)))"
        }
        func lift(_ value: Double?) -> String { value.map { "\(MeasureSource.fixed($0, decimals: 1))×" } ?? "–" }
        for k in q.kinds + (q.all.map { [$0] } ?? []) {
            let noise = k.resolvedByPeople == 0 ? "–" : "\(k.noise) of \(k.resolvedByPeople) (\(ReportFrame.percent(k.noiseRate)))"
            let control = k.control.alerts == 0 ? "–" : followed(k.control)
            table.append([k.kind.map { $0.rawValue.split(separator: "-").joined(separator: " ") } ?? "every kind", "\(k.alerted.alerts)",
                          followed(k.alerted), lift(k.liftOverBase), control, noise, "\(k.alerted.pending)"])
        }
        if q.kinds.isEmpty { table.append(["no alerts in the period", "", "", "", "", "", ""]) }
        out.append(contentsOf: table.render(maxWidth: maxWidth, glyphs: glyphs))
        out.append(contentsOf: ExplainText.wrap("Lift: how much likelier an alerted account was to churn or contract than any account. "
                   + "Control: the held-out accounts' shadow alerts of the kind (held out of \(ProgrammeReport.heldOut(heldOutKinds).map(\.rawValue).joined(separator: ", ")))"
                   + "; fewer followed among the alerted means people's action helped. Noise: resolved as false positive or no action.",
                   width: min(maxWidth ?? 100, 100)))
        out.append("")
        var load = TextTable(columns: [
            .init("CSM", minWidth: 8, priority: 10, isFlexible: true),
            .init("ALERTS", alignment: .right, priority: 8),
            .init("PER WEEK", alignment: .right, priority: 9),
        ])
        load.showsRule = true
        for l in q.load { load.append([names[l.login] ?? l.login, "\(l.alerts)", MeasureSource.fixed(l.perWeek, decimals: 1)]) }
        if q.load.isEmpty { load.append(["no alerts routed to a CSM", "", ""]) }
        out.append("Alert load over \(MeasureSource.fixed(q.weeks, decimals: 1)) weeks:")
        out.append(contentsOf: load.render(maxWidth: maxWidth, glyphs: glyphs))
        return out
    }
}
