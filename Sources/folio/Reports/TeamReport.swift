import FolioDomain
import FolioStore
import FolioTUI

/// `folio report team`: per CSM, how fast they acknowledge health drops, how many recover,
/// and their check-in coverage (README, "folio report --json").
enum TeamReport {
    struct Line: Encodable {
        /// Nil on the line for everyone together.
        @NullEncoded var login: String?
        var name: String
        var alerts: Int
        var acknowledged: Int
        @NullEncoded var medianAckHours: Double?
        @NullEncoded var p90AckHours: Double?
        var withinSla: Int
        var slaDecided: Int
        var recovered: Int
        var decided: Int
        @NullEncoded var recoveryRate: Double?
        var covered: Int
        var accounts: Int
        @NullEncoded var coverageRate: Double?
        var coverageFlagged: Bool
    }

    struct JSON: Encodable {
        var coverageThreshold: Double
        var csms: [Line]
        var total: Line
    }

    static func lines(speed: ResponseSpeed, recovery: RecoveryRate, coverage: CheckInCoverage, names: [String: String]) -> (csms: [Line], total: Line) {
        let times = Dictionary(uniqueKeysWithValues: speed.byOwner.map { ($0.owner ?? "", $0) })
        let recovered = Dictionary(uniqueKeysWithValues: recovery.byOwner.map { ($0.owner, $0.rate) })
        let covered = Dictionary(uniqueKeysWithValues: coverage.byOwner.map { ($0.owner, $0.rate) })
        func line(_ login: String?, _ t: ResponseSpeed.Times?, _ r: Ratio, _ c: CheckInCoverage.Rate?) -> Line {
            Line(login: login, name: login.map { names[$0] ?? $0 } ?? "all", alerts: t?.alerts ?? 0, acknowledged: t?.acknowledged ?? 0,
                 medianAckHours: ReportFrame.rounded(t?.medianHours, places: 10), p90AckHours: ReportFrame.rounded(t?.p90Hours, places: 10),
                 withinSla: t?.withinSLA.count ?? 0, slaDecided: t?.withinSLA.of ?? 0, recovered: r.count, decided: r.of,
                 recoveryRate: ReportFrame.rounded(r.rate), covered: c?.covered ?? 0, accounts: c?.accounts ?? 0,
                 coverageRate: ReportFrame.rounded(c?.rate), coverageFlagged: c?.isFlagged ?? false)
        }
        let logins = Set(times.keys).union(recovered.keys).union(covered.keys).sorted()
        let csms = logins.map { line($0, times[$0], recovered[$0] ?? .empty, covered[$0]) }
        return (csms, line(nil, speed.overall, recovery.overall, coverage.overall))
    }

    static func json(speed: ResponseSpeed, recovery: RecoveryRate, coverage: CheckInCoverage, names: [String: String]) -> JSON {
        let l = lines(speed: speed, recovery: recovery, coverage: coverage, names: names)
        return JSON(coverageThreshold: coverage.flag, csms: l.csms, total: l.total)
    }

    static let csvHeader = ["login", "name", "alerts", "acknowledged", "median_ack_hours", "p90_ack_hours", "within_sla", "sla_decided",
                            "recovered", "decided", "recovery_rate", "covered", "accounts", "coverage_rate", "coverage_flagged"]

    /// One row per CSM, then the team's row with an empty login.
    static func csv(speed: ResponseSpeed, recovery: RecoveryRate, coverage: CheckInCoverage, names: [String: String]) -> CSVTable {
        let l = lines(speed: speed, recovery: recovery, coverage: coverage, names: names)
        let rows = (l.csms + [l.total]).map { x in
            [x.login ?? "", x.name, "\(x.alerts)", "\(x.acknowledged)", ReportFrame.csvNumber(x.medianAckHours), ReportFrame.csvNumber(x.p90AckHours),
             "\(x.withinSla)", "\(x.slaDecided)", "\(x.recovered)", "\(x.decided)", ReportFrame.csvNumber(x.recoveryRate), "\(x.covered)",
             "\(x.accounts)", ReportFrame.csvNumber(x.coverageRate), x.coverageFlagged ? "true" : "false"]
        }
        return CSVTable(header: csvHeader, rows: rows)
    }

    static func text(speed: ResponseSpeed, recovery: RecoveryRate, coverage: CheckInCoverage, names: [String: String],
                     frame: ReportFrame, heading: String, maxWidth: Int?, glyphs: Glyphs) -> [String] {
        let l = lines(speed: speed, recovery: recovery, coverage: coverage, names: names)
        var out = [TerminalText.sanitize("The team of \(heading), \(frame.from) to \(frame.to) (as of \(frame.asOf))"),
                   "Health drops: time to first response (acknowledge, snooze or resolve), share answered within SLA, recovery "
                   + "within \(RecoveryRate.windowDays) days. Coverage on \(frame.to); under \(ReportFrame.percent(coverage.flag)) is flagged.",
                   ""]
        var table = TextTable(columns: [
            .init("CSM", minWidth: 8, priority: 10, isFlexible: true),
            .init("ALERTS", alignment: .right, priority: 7),
            .init("MEDIAN ACK", alignment: .right, priority: 9),
            .init("P90 ACK", alignment: .right, priority: 8),
            .init("WITHIN SLA", alignment: .right, priority: 6),
            .init("RECOVERED", alignment: .right, priority: 8),
            .init("COVERAGE", alignment: .right, priority: 9),
            .init("", priority: 9),
        ])
        table.showsRule = true
        for x in l.csms + (l.csms.count == 1 ? [] : [l.total]) {
            table.append([x.name, "\(x.alerts)", ReportFrame.hours(x.medianAckHours), ReportFrame.hours(x.p90AckHours),
                          ReportFrame.ratio(Ratio(x.withinSla, of: x.slaDecided)), ReportFrame.ratio(Ratio(x.recovered, of: x.decided)),
                          ReportFrame.ratio(Ratio(x.covered, of: x.accounts)), x.coverageFlagged ? "FLAGGED" : ""])
        }
        if l.csms.isEmpty { out.append("No accounts in this scope.") } else { out.append(contentsOf: table.render(maxWidth: maxWidth, glyphs: glyphs)) }
        return out.map(TerminalText.sanitize)
    }
}
