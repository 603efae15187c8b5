/// Churners and churn rate per band: does Red churn more than Yellow, and Yellow than
/// Green? A well-placed band set shows rates falling band by band.
public struct CalibrationTable: Hashable, Sendable, Codable {
    public struct Row: Hashable, Sendable, Codable {
        public var band: String
        /// The band's scores: "0–40".
        public var range: String
        public var cases: Int
        public var churned: Int
        /// Churned over cases; nil for an empty band.
        public var rate: Double?
        /// This band's share of all the churners (0…1); nil without churners.
        public var shareOfChurners: Double?
    }

    /// Lowest band first, every band of the set, empty ones too.
    public var rows: [Row]

    public init(scores: [Double], churned: [Bool], bands: BandSet) {
        var cases = [Int](repeating: 0, count: bands.bands.count)
        var churners = [Int](repeating: 0, count: bands.bands.count)
        let lookup = Self.lookup(bands)
        for (score, c) in zip(scores, churned) {
            let k = lookup[Int(Swift.min(100, Swift.max(0, score.rounded())))]
            cases[k] += 1
            if c { churners[k] += 1 }
        }
        let total = churners.reduce(0, +)
        rows = bands.bands.enumerated().map { k, band in
            Row(band: band.name, range: band.range, cases: cases[k], churned: churners[k],
                rate: cases[k] > 0 ? Double(churners[k]) / Double(cases[k]) : nil,
                shareOfChurners: total > 0 ? Double(churners[k]) / Double(total) : nil)
        }
    }

    /// The band index of each whole score 0…100 (BandSet.band rounds the same way).
    static func lookup(_ bands: BandSet) -> [Int] {
        (0...100).map { whole in bands.index(of: bands.band(for: Double(whole)).name) ?? 0 }
    }

    /// True when each band with cases churns less than the one below it with cases.
    public var isOrdered: Bool {
        let rates = rows.compactMap(\.rate)
        return zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 }
    }
}
