/// A snapshot together with what the snapshot itself does not record: the score before
/// caps and the caps whose condition held. (`HealthSnapshot` could carry these as
/// `uncappedScore` and `caps`; until it does, they live here.)
public struct HealthAssessment: Hashable, Sendable {
    /// A cap whose condition held on the day.
    public struct AppliedCap: Hashable, Sendable, Codable {
        public var measure: String
        public var raw: Double
        public var maxScore: Double

        public init(measure: String, raw: Double, maxScore: Double) {
            self.measure = measure
            self.raw = raw
            self.maxScore = maxScore
        }
    }

    public var snapshot: HealthSnapshot
    /// The weighted mean before caps (the sum of the measures' points); nil without data.
    public var uncappedScore: Double?
    /// Every cap whose condition held, in profile order, whether or not it lowered the score.
    public var caps: [AppliedCap]

    public init(snapshot: HealthSnapshot, uncappedScore: Double?, caps: [AppliedCap]) {
        self.snapshot = snapshot
        self.uncappedScore = uncappedScore
        self.caps = caps
    }

    /// True when a cap lowered the score.
    public var isCapped: Bool {
        guard let uncapped = uncappedScore, let score = snapshot.score else { return false }
        return score < uncapped
    }
}

/// The health score: transparent arithmetic anyone can check from the breakdown.
///
/// - Each measure with data scores 0…100 on its curve or by its table (`HealthMeasure.score(for:)`).
/// - The account score is Σ weight·score / Σ weight over the measures with data. A missing
///   input is skipped and its weight spread over the rest, visibly: each measure's
///   `effectiveWeight` is its share of the score in percent (weight / Σ weight with data ×
///   100), its `points` are score × effectiveWeight / 100, and the points add up to the
///   score before caps.
/// - A cap whose condition holds lowers the score to its `maxScore` (the lowest one wins).
/// - An input dated before `asOf − freshnessDays` is stale; the score is low confidence
///   when stale measures carry more than `lowConfidenceShare` of the effective weight, or
///   when measures without data carry more than `lowConfidenceShare` of the profile's weight
///   (an account known only by its tenure and renewal date is not "Green" with confidence).
/// - No measure with data: score and band are nil ("no data", never 0).
public enum HealthScoring {
    public static func snapshot(accountID: String, tier: Account.Tier, profile: HealthProfile,
                                inputs: HealthInputs, asOf: Day) -> HealthSnapshot {
        assess(accountID: accountID, tier: tier, profile: profile, inputs: inputs, asOf: asOf).snapshot
    }

    /// The snapshot, plus the score before caps and the caps that held.
    public static func assess(accountID: String, tier: Account.Tier, profile: HealthProfile,
                              inputs: HealthInputs, asOf: Day) -> HealthAssessment {
        assess(accountID: accountID, measures: profile.measures(for: tier), bands: profile.bands,
               lowConfidenceShare: profile.lowConfidenceShare, inputs: inputs, asOf: asOf)
    }

    static func assess(accountID: String, measures: [HealthMeasure], bands: BandSet, lowConfidenceShare: Double,
                       inputs: HealthInputs, asOf: Day) -> HealthAssessment {
        // Each measure's score once: nil is no data (no input, or one it cannot score).
        var scores = [Double?](repeating: nil, count: measures.count)
        var weightWithData = 0.0
        for (k, m) in measures.enumerated() {
            if let input = inputs[m.source], let score = m.score(for: input) {
                scores[k] = score
                weightWithData += m.weight
            }
        }
        var results: [HealthSnapshot.MeasureResult] = []
        results.reserveCapacity(measures.count)
        guard weightWithData > 0 else {
            for m in measures {
                results.append(.init(name: m.name, group: m.group, raw: nil, score: nil, weight: m.weight,
                                     effectiveWeight: 0, points: 0, inputDate: nil, stale: false))
            }
            return HealthAssessment(snapshot: HealthSnapshot(accountID: accountID, date: asOf, score: nil, band: nil,
                                                             lowConfidence: false, measures: results),
                                    uncappedScore: nil, caps: [])
        }

        let totalWeight = measures.reduce(0) { $0 + $1.weight }
        var weighted = 0.0, staleWeight = 0.0
        var caps: [HealthAssessment.AppliedCap] = []
        for (k, m) in measures.enumerated() {
            guard let score = scores[k], let input = inputs[m.source] else {
                results.append(.init(name: m.name, group: m.group, raw: nil, score: nil, weight: m.weight,
                                     effectiveWeight: 0, points: 0, inputDate: nil, stale: false))
                continue
            }
            let effective = m.weight / weightWithData * 100
            let stale = m.freshnessDays.map { input.date < asOf.adding(days: -$0) } ?? false
            weighted += m.weight * score
            if stale { staleWeight += m.weight }
            if let limit = m.cap(raw: input.value) {
                caps.append(.init(measure: m.name, raw: input.value, maxScore: limit))
            }
            results.append(.init(name: m.name, group: m.group, raw: input.category == nil ? input.value : nil, score: score,
                                 weight: m.weight, effectiveWeight: effective, points: score * effective / 100,
                                 inputDate: input.date, stale: stale, category: input.category))
        }
        let uncapped = Swift.min(100, Swift.max(0, weighted / weightWithData))
        let score = caps.reduce(uncapped) { Swift.min($0, $1.maxScore) }
        let snapshot = HealthSnapshot(accountID: accountID, date: asOf, score: score, band: bands.band(for: score).name,
                                      lowConfidence: staleWeight / weightWithData > lowConfidenceShare
                                          || (totalWeight - weightWithData) / totalWeight > lowConfidenceShare,
                                      measures: results)
        return HealthAssessment(snapshot: snapshot, uncappedScore: uncapped, caps: caps)
    }
}
