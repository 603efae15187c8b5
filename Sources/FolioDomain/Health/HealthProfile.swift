/// How health is scored: the measures, their weights and thresholds, the bands, and the
/// tiers whose measures differ. DESIGN §2.2; loaded from YAML by FolioStore's
/// `HealthProfileLoader`, with `standard` as the built-in default.
public struct HealthProfile: Hashable, Sendable, Codable {
    public var name: String
    /// The measures every tier uses unless `tierMeasures` says otherwise, in display order.
    public var measures: [HealthMeasure]
    public var bands: BandSet
    /// The full, resolved list of measures of each tier that differs from `measures`.
    public var tierMeasures: [Account.Tier: [HealthMeasure]]
    /// A score is low confidence when stale inputs carry more than this share (0…1) of it.
    public var lowConfidenceShare: Double

    public init(name: String, measures: [HealthMeasure], bands: BandSet = .redYellowGreen,
                tierMeasures: [Account.Tier: [HealthMeasure]] = [:], lowConfidenceShare: Double = 0.5) {
        self.name = name
        self.measures = measures
        self.bands = bands
        self.tierMeasures = tierMeasures
        self.lowConfidenceShare = lowConfidenceShare
    }

    public func measures(for tier: Account.Tier) -> [HealthMeasure] {
        tierMeasures[tier] ?? measures
    }

    /// Every source some tier uses: the engine loads only these.
    public var sources: Set<MeasureSource> {
        var out = Set(measures.map(\.source))
        for list in tierMeasures.values { out.formUnion(list.map(\.source)) }
        return out
    }

    /// The defaults of DESIGN §2.2 as issue 15 revised them (missing is missing; tenure,
    /// contract term, ARR change, case volume and NPS by answer), identical to
    /// `SampleData/health-profile.yaml`.
    public static let standard = HealthProfile(name: "standard", measures: [
        // usage activity: 24
        HealthMeasure(name: "seat utilisation", source: .seatUtilisation, group: "usage activity",
                      poor: 0.4, healthy: 0.8, weight: 12, freshnessDays: 14),
        HealthMeasure(name: "key-action trend", source: .keyActionTrend, group: "usage activity",
                      poor: -30, healthy: 0, weight: 12, freshnessDays: 14),
        // product depth: 10
        HealthMeasure(name: "feature depth", source: .featureDepth, group: "product depth",
                      poor: 0.2, healthy: 0.6, weight: 10, freshnessDays: 14),
        // relationship: 14
        HealthMeasure(name: "days since last activity", source: .daysSinceActivity, group: "relationship",
                      poor: 60, healthy: 14, weight: 6),
        HealthMeasure(name: "days since last meeting or QBR", source: .daysSinceMeeting, group: "relationship",
                      poor: 120, healthy: 60, weight: 4),
        HealthMeasure(name: "executive sponsor present", source: .sponsorPresent, group: "relationship",
                      poor: 0, healthy: 1, weight: 4),
        // sentiment: 10
        HealthMeasure(name: "latest NPS answer", source: .npsLatest, group: "sentiment",
                      poor: 0, healthy: 100, weight: 10, freshnessDays: 180, table: npsAnswers),
        // support: 10
        HealthMeasure(name: "open critical cases", source: .openCriticalCases, group: "support",
                      poor: 2, healthy: 0, weight: 4),
        HealthMeasure(name: "high/critical cases in 90 days", source: .severeCases90d, group: "support",
                      poor: 4, healthy: 0, weight: 3),
        HealthMeasure(name: "cases in 90 days", source: .cases90d, group: "support",
                      poor: 6, healthy: 0, weight: 3),
        // commercial: 12
        HealthMeasure(name: "days payment overdue", source: .daysOverdue, group: "commercial",
                      poor: 30, healthy: 0, weight: 8, cap: .init(from: 60, maxScore: 40)),
        HealthMeasure(name: "ARR change over a year", source: .arrChange, group: "commercial",
                      poor: -20, healthy: 0, weight: 4),
        // commitment: 16
        HealthMeasure(name: "tenure", source: .tenureMonths, group: "commitment",
                      poor: 3, healthy: 24, weight: 8),
        HealthMeasure(name: "contract term", source: .contractTerm, group: "commitment",
                      poor: 1, healthy: 24, weight: 8),
        // renewal proximity: 4
        HealthMeasure(name: "days to renewal", source: .daysToRenewal, group: "renewal proximity",
                      poor: 30, healthy: 180, weight: 4),
    ])

    /// Each NPS answer its own score: 10s churn less than 9s, and 7s far less than 6s.
    public static let npsAnswers = ScoreTable(entries: [
        .init(.numbers(low: 0, high: 6), score: 0),
        .init(.numbers(low: 7, high: 7), score: 40),
        .init(.numbers(low: 8, high: 8), score: 65),
        .init(.numbers(low: 9, high: 9), score: 85),
        .init(.numbers(low: 10, high: 10), score: 100),
    ])
}
