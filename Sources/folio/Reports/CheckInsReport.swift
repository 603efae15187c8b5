import FolioDomain
import FolioStore
import FolioTUI

/// `folio checkins` as text and as JSON (field names are stable: README, "folio checkins --json").
enum CheckInsReport {
    struct JSON: Encodable {
        struct Line: Encodable {
            var account: String
            var name: String
            var owner: String
            var kind: String
            var title: String
            var due: String
            var windowStart: String
            var windowEnd: String
            var status: String
            var stage: String
            var hint: String
        }
        struct Rate: Encodable {
            var owner: String?
            var name: String?
            var covered: Int
            var accounts: Int
            var rate: Double?
            var flagged: Bool
        }
        struct Coverage: Encodable {
            var threshold: Double
            var overall: Rate
            var byOwner: [Rate]
        }
        var asOf: String
        var scope: String
        var checkins: [Line]
        var coverage: Coverage
    }

    static func json(_ board: CheckInBoard, asOf: Day, scope: PortfolioScope) -> JSON {
        func rate(_ r: CheckInCoverage.Rate, owner: String?) -> JSON.Rate {
            JSON.Rate(owner: owner, name: owner.flatMap { board.names[$0] }, covered: r.covered, accounts: r.accounts,
                      rate: r.rate.map { ($0 * 1000).rounded() / 1000 }, flagged: r.isFlagged)
        }
        let lines = board.lines.map { l in
            JSON.Line(account: l.checkIn.accountID, name: l.accountName, owner: l.owner, kind: l.checkIn.kind.rawValue, title: l.title,
                      due: l.checkIn.due.iso, windowStart: l.checkIn.opens.iso, windowEnd: l.checkIn.closes.iso,
                      status: l.standing.rawValue, stage: l.stage.rawValue, hint: l.hint)
        }
        let coverage = JSON.Coverage(threshold: board.coverage.flag, overall: rate(board.coverage.overall, owner: nil),
                                     byOwner: board.coverage.byOwner.map { rate($0.rate, owner: $0.owner) })
        return JSON(asOf: asOf.iso, scope: scope.rawValue, checkins: lines, coverage: coverage)
    }

    static func lines(_ board: CheckInBoard, asOf: Day, heading: String, showUpcoming: Bool, maxWidth: Int?, glyphs: Glyphs) -> [String] {
        var out: [String] = []
        let counts = Dictionary(grouping: board.lines, by: \.standing).mapValues(\.count)
        let tally = [CheckInOutcome.Standing.missed, .overdue, .due, .upcoming].map { "\(counts[$0] ?? 0) \($0.rawValue)" }
        out.append(TerminalText.sanitize("Check-ins of \(heading) as of \(asOf): \(tally.joined(separator: ", "))"))
        let shown = board.lines.filter { showUpcoming || $0.standing != .upcoming }
        if shown.isEmpty {
            out.append(showUpcoming || (counts[.upcoming] ?? 0) == 0 ? "Nothing owed." : "Nothing owed today; --upcoming lists what is coming.")
        } else {
            var table = TextTable(columns: [
                .init("STATUS", priority: 10),
                .init("DUE", priority: 9),
                .init("ACCOUNT", minWidth: 12, maxWidth: 36, priority: 8, isFlexible: true),
                .init("CHECK-IN", priority: 7),
                .init("OWNER", priority: 3),
                .init("STAGE", priority: 4),
                .init("TALK ABOUT", maxWidth: 60, priority: 5),
            ])
            table.showsRule = true
            for l in shown {
                let late = l.standing == .overdue || l.standing == .missed ? " (\(l.checkIn.due.days(until: asOf)) d)" : ""
                table.append([l.standing.rawValue, l.checkIn.due.iso + late, "\(l.checkIn.accountID) \(l.accountName)", l.title,
                              l.ownerName, l.stage.rawValue, l.hint])
            }
            out.append("")
            out.append(contentsOf: table.render(maxWidth: maxWidth, glyphs: glyphs))
        }
        out.append("")
        let c = board.coverage
        out.append("Coverage: a check-in, call, meeting or QBR within the tier's limit; under \(percent(c.flag)) is flagged")
        var coverage = TextTable(columns: [
            .init("CSM", minWidth: 8, priority: 10, isFlexible: true),
            .init("COVERED", alignment: .right, priority: 9),
            .init("RATE", alignment: .right, priority: 9),
            .init("", priority: 8),
        ])
        func row(_ name: String, _ r: CheckInCoverage.Rate) {
            coverage.append([name, "\(r.covered) of \(r.accounts)", r.rate.map(percent) ?? "–", r.isFlagged ? "FLAGGED" : ""])
        }
        for entry in c.byOwner { row(board.names[entry.owner] ?? entry.owner, entry.rate) }
        if c.byOwner.count != 1 { row("all", c.overall) }
        out.append(contentsOf: coverage.render(maxWidth: maxWidth, glyphs: glyphs))
        return out
    }

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded())) %" }
}
