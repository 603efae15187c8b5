/// Each measure's own ranking of churn, read the way the profile reads it (its direction, or
/// its table's scores): a measure whose interval lies below chance ranks backwards and
/// pulls the score the wrong way.
public struct MeasureRanking: Hashable, Sendable, Codable {
    public var name: String
    /// Nil when only the name is known (a stored snapshot's measure).
    public var source: MeasureSource?
    /// Cases where the measure had data, and all cases.
    public var withData: Int
    public var cases: Int
    /// Nil when the cases with data lack churners or stayers.
    public var auc: RankingAUC?

    public var coverage: Double { cases > 0 ? Double(withData) / Double(cases) : 0 }
    public var isBackwards: Bool { auc?.isBackwards ?? false }

    public init(name: String, source: MeasureSource?, withData: Int, cases: Int, auc: RankingAUC?) {
        self.name = name
        self.source = source
        self.withData = withData
        self.cases = cases
        self.auc = auc
    }

    /// From each case's risk as the measure reads it (NaN without data); `accounts` cluster
    /// the cases for the interval.
    public init(name: String, source: MeasureSource?, risk: [Double], churned: [Bool], accounts: [Int32]? = nil, cases: Int) {
        self.init(name: name, source: source, withData: risk.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }, cases: cases,
                  auc: RankingAUC(risk: risk, positive: churned, clusters: accounts))
    }

    /// `inputs[i]` are case i's inputs, `churned[i]` what followed.
    public init(measure m: HealthMeasure, inputs: [HealthInputs], churned: [Bool]) {
        var risk: [Double] = [], positive: [Bool] = []
        for (input, c) in zip(inputs, churned) {
            guard let value = input[m.source], let r = Self.risk(m, value) else { continue }
            risk.append(r)
            positive.append(c)
        }
        name = m.name
        source = m.source
        withData = risk.count
        cases = inputs.count
        auc = RankingAUC(risk: risk, positive: positive)
    }

    /// Higher is riskier: the raw value against the measure's direction, or for a table
    /// (and a word) the table's score turned around. Nil when the measure cannot read it.
    public static func risk(_ m: HealthMeasure, _ input: HealthInput) -> Double? {
        if m.table != nil { return m.score(for: input).map { -$0 } }
        guard input.category == nil, !input.value.isNaN else { return nil }
        return m.direction == .higherIsBetter ? -input.value : input.value
    }
}
