/// Cases grouped by equal risk, lowest risk first, with the churners and the others in each
/// group: all a ranking (`RankingAUC`) or a lift (`DecileLift`) needs, since tied cases count
/// alike. Built without sorting the cases when their risks lie on a grid of ten-thousandths
/// (stored scores keep two decimals, stored measure scores four) and there are many of them:
/// a year of weekly runs over a big book is millions of cases and a few thousand values.
public struct RiskGroups: Sendable {
    /// Distinct risks, ascending.
    public private(set) var values: [Double] = []
    public private(set) var positives: [Int] = []
    public private(set) var negatives: [Int] = []
    /// Each case's group (an index into `values`); -1 for a NaN risk (no data).
    public private(set) var groupOf: [Int32] = []

    /// The grid the counting path works on, and the most cells it allocates per case.
    static let gridScale = 10_000.0
    static let cellsPerCase = 4

    public init(risk: [Double], positive: [Bool]) {
        precondition(risk.count == positive.count, "one outcome per risk")
        if !countOnGrid(risk, positive) { sortInto(risk, positive) }
    }

    public var positiveCount: Int { positives.reduce(0, +) }
    public var negativeCount: Int { negatives.reduce(0, +) }

    /// Counts the cases cell by cell when every risk is a multiple of 1/gridScale and the cells
    /// are few enough; false (nothing done) otherwise.
    private mutating func countOnGrid(_ risk: [Double], _ positive: [Bool]) -> Bool {
        guard risk.count >= 1_024 else { return false }
        var low = Int.max, high = Int.min
        var cell = [Int32](repeating: -1, count: risk.count)
        for (i, r) in risk.enumerated() where !r.isNaN {
            let scaled = (r * Self.gridScale).rounded()
            guard abs(scaled) < 1e9 else { return false }
            let c = Int(scaled)
            guard Double(c) / Self.gridScale == r else { return false }
            low = Swift.min(low, c)
            high = Swift.max(high, c)
            cell[i] = Int32(truncatingIfNeeded: c)
        }
        guard low <= high else {
            groupOf = cell
            return true
        }
        let width = high - low + 1
        guard width <= Self.cellsPerCase * risk.count else { return false }
        var pos = [Int](repeating: 0, count: width), neg = [Int](repeating: 0, count: width)
        for i in risk.indices where !risk[i].isNaN {
            let c = Int(cell[i]) - low
            if positive[i] { pos[c] += 1 } else { neg[c] += 1 }
        }
        // The occupied cells become the groups, in order.
        var groupOfCell = [Int32](repeating: -1, count: width)
        for c in 0..<width where pos[c] + neg[c] > 0 {
            groupOfCell[c] = Int32(values.count)
            values.append(Double(c + low) / Self.gridScale)
            positives.append(pos[c])
            negatives.append(neg[c])
        }
        for i in risk.indices where !risk[i].isNaN { cell[i] = groupOfCell[Int(cell[i]) - low] }
        groupOf = cell
        return true
    }

    private mutating func sortInto(_ risk: [Double], _ positive: [Bool]) {
        var order: [Int] = []
        order.reserveCapacity(risk.count)
        for i in risk.indices where !risk[i].isNaN { order.append(i) }
        order.sort { risk[$0] < risk[$1] }
        groupOf = [Int32](repeating: -1, count: risk.count)
        for i in order {
            if values.last != risk[i] {
                values.append(risk[i])
                positives.append(0)
                negatives.append(0)
            }
            let g = values.count - 1
            if positive[i] { positives[g] += 1 } else { negatives[g] += 1 }
            groupOf[i] = Int32(g)
        }
    }
}
