import FolioDomain
import FolioStore
import FolioTUI

/// `folio renewals` as text and as JSON (field names are stable: README, "folio renewals --json").
enum RenewalsReport {
    struct JSON: Encodable {
        struct Stage: Encodable {
            var stage: String
            var count: Int
            var arr: Double
        }
        struct Totals: Encodable {
            var count: Int
            var arr: Double
            var openArr: Double
            var arrAtRisk: Double
            var closedWon: Int
            var churned: Int
            var closed: Int
            var renewalRate: Double?
        }
        struct QuarterLine: Encodable {
            var quarter: String
            var start: String
            var end: String
            var stages: [Stage]
            var totals: Totals
        }
        struct Opportunity: Encodable {
            var id: Int64?
            var account: String
            var name: String
            var owner: String
            var amount: Double
            var closeDate: String
            var daysToClose: Int
            var stage: String
            var band: String?
            var score: Double?
            var movedBy: String?
            var movedAt: String?
            var nextAction: String
        }
        var asOf: String
        var from: String
        var quarters: [QuarterLine]
        var totals: Totals
        var opportunities: [Opportunity]
    }

    static func money(_ m: Money) -> Double { Double(m.cents) / 100 }

    static func totals(_ t: RenewalPipeline.Totals) -> JSON.Totals {
        JSON.Totals(count: t.count, arr: money(t.arr), openArr: money(t.openARR), arrAtRisk: money(t.arrAtRisk), closedWon: t.closedWon,
                    churned: t.churned, closed: t.closed, renewalRate: t.renewalRate.map { ($0 * 1000).rounded() / 1000 })
    }

    static func json(_ board: RenewalBoard, asOf: Day) -> JSON {
        let quarters = board.pipeline.quarters.map { q in
            JSON.QuarterLine(quarter: q.quarter.description, start: q.quarter.firstDay.iso, end: q.quarter.lastDay.iso,
                             stages: q.stages.map { JSON.Stage(stage: $0.stage.rawValue, count: $0.count, arr: money($0.amount)) },
                             totals: totals(q.totals))
        }
        let open = board.open.map { l in
            JSON.Opportunity(id: l.opportunity.id, account: l.opportunity.accountID, name: l.accountName, owner: l.opportunity.owner,
                             amount: money(l.opportunity.amount), closeDate: l.opportunity.closeDate.iso, daysToClose: l.daysToClose,
                             stage: l.opportunity.stage.rawValue, band: l.band, score: l.score.map { ($0 * 10).rounded() / 10 },
                             movedBy: l.opportunity.movedBy, movedAt: l.opportunity.movedAt.map { $0.utc }, nextAction: l.nextAction)
        }
        return JSON(asOf: asOf.iso, from: board.from.iso, quarters: quarters, totals: totals(board.pipeline.totals), opportunities: open)
    }

    static func rate(_ t: RenewalPipeline.Totals) -> String {
        guard let r = t.renewalRate else { return "no renewal closed yet" }
        return "renewal rate \(Int((r * 100).rounded())) % (\(t.closedWon) won of \(t.closed) closed)"
    }

    static func lines(_ board: RenewalBoard, asOf: Day, heading: String, maxWidth: Int?, glyphs: Glyphs) -> [String] {
        var out: [String] = []
        let t = board.pipeline.totals
        out.append(TerminalText.sanitize("Renewals of \(heading) as of \(asOf), quarters from \(Quarter(containing: board.from))"))
        out.append("ARR renewing \(t.arr.grouped) · open \(t.openARR.grouped) · at risk \(t.arrAtRisk.grouped) · \(rate(t))")
        out.append("")
        if board.pipeline.quarters.isEmpty {
            out.append("No renewal opportunities yet: `folio tick` opens one 90 days before each renewal date.")
            return out
        }
        var pipeline = TextTable(columns: [
            .init("QUARTER", priority: 10),
            .init("RENEWING", alignment: .right, priority: 9),
            .init("ARR", alignment: .right, priority: 9),
            .init("AT RISK", alignment: .right, priority: 8),
            .init("WON/CLOSED", alignment: .right, priority: 6),
            .init("RATE", alignment: .right, priority: 7),
            .init("BY STAGE", minWidth: 12, priority: 5, isFlexible: true),
        ])
        pipeline.showsRule = true
        for q in board.pipeline.quarters {
            let t = q.totals
            let stages = q.stages.filter { $0.count > 0 }.map { "\($0.stage.rawValue) \($0.count)" }.joined(separator: " · ")
            pipeline.append([q.quarter.description, String(t.count), t.arr.grouped, t.arrAtRisk.grouped, "\(t.closedWon)/\(t.closed)",
                             t.renewalRate.map { "\(Int(($0 * 100).rounded())) %" } ?? "–", stages])
        }
        out.append(contentsOf: pipeline.render(maxWidth: maxWidth, glyphs: glyphs))
        out.append("")
        if board.open.isEmpty {
            out.append("No open renewals.")
            return out
        }
        out.append("Open renewals, soonest first (move one with `folio renewals move ID STAGE`):")
        var open = TextTable(columns: [
            .init("ID", alignment: .right, priority: 10),
            .init("ACCOUNT", minWidth: 12, maxWidth: 36, priority: 9, isFlexible: true),
            .init("CLOSES", priority: 8),
            .init("DAYS", alignment: .right, priority: 6),
            .init("STAGE", priority: 8),
            .init("ARR", alignment: .right, priority: 7),
            .init("BAND", priority: 5),
            .init("OWNER", priority: 3),
            .init("NEXT ACTION", maxWidth: 50, priority: 4),
        ])
        open.showsRule = true
        for l in board.open {
            let o = l.opportunity
            let score = l.score.map { " \(Int($0.rounded()))" } ?? ""
            open.append([o.id.map(String.init) ?? "", "\(o.accountID) \(l.accountName)", o.closeDate.iso, String(l.daysToClose),
                         o.stage.rawValue, o.amount.grouped, (l.band ?? "–") + score, l.ownerName, l.nextAction])
        }
        out.append(contentsOf: open.render(maxWidth: maxWidth, glyphs: glyphs))
        return out
    }
}
