/// The renewal pipeline (DESIGN §2.5): opportunities grouped by the quarter of their close
/// date and by stage, with the ARR renewing, the ARR at risk and the renewal rate (closed won
/// over closed) of each quarter and of the whole period.
public struct RenewalPipeline: Hashable, Sendable {
    public struct StageLine: Hashable, Sendable {
        public var stage: RenewalOpportunity.Stage
        public var count: Int
        public var amount: Money
    }

    public struct Totals: Hashable, Sendable {
        /// Everything renewing (open and closed).
        public var count = 0
        public var arr = Money.zero
        /// Still open.
        public var openARR = Money.zero
        /// Open at the `at risk` stage.
        public var arrAtRisk = Money.zero
        public var closedWon = 0
        public var churned = 0
        public var wonARR = Money.zero
        public var churnedARR = Money.zero

        public var closed: Int { closedWon + churned }
        /// Closed won over closed; nil while nothing has closed (no rate, not 0 %).
        public var renewalRate: Double? { closed == 0 ? nil : Double(closedWon) / Double(closed) }

        mutating func add(_ o: RenewalOpportunity) {
            count += 1
            arr += o.amount
            switch o.stage {
            case .closedWon: closedWon += 1; wonARR += o.amount
            case .churned: churned += 1; churnedARR += o.amount
            case .atRisk: openARR += o.amount; arrAtRisk += o.amount
            case .ninetyDaysOut, .sixtyDaysOut, .committed: openARR += o.amount
            }
        }
    }

    public struct QuarterLine: Hashable, Sendable {
        public var quarter: Quarter
        /// Every stage, in pipeline order, with zero lines included.
        public var stages: [StageLine]
        public var totals: Totals
    }

    public var quarters: [QuarterLine]
    public var totals: Totals

    public init(_ opportunities: [RenewalOpportunity]) {
        var byQuarter: [Quarter: [RenewalOpportunity]] = [:]
        var totals = Totals()
        for o in opportunities {
            byQuarter[Quarter(containing: o.closeDate), default: []].append(o)
            totals.add(o)
        }
        self.totals = totals
        quarters = byQuarter.keys.sorted().map { quarter in
            let list = byQuarter[quarter]!
            var t = Totals()
            for o in list { t.add(o) }
            let stages = RenewalOpportunity.Stage.allCases.map { stage in
                let at = list.filter { $0.stage == stage }
                return StageLine(stage: stage, count: at.count, amount: at.reduce(Money.zero) { $0 + $1.amount })
            }
            return QuarterLine(quarter: quarter, stages: stages, totals: t)
        }
    }

    /// The quarters a pipeline report covers on `asOf`: from `pastQuarters` before the
    /// current one onwards (open opportunities from earlier quarters are shown too).
    public static func firstDay(asOf: Day, pastQuarters: Int = 3) -> Day {
        var q = Quarter(containing: asOf)
        for _ in 0..<max(0, pastQuarters) { q = q.previous }
        return q.firstDay
    }
}
