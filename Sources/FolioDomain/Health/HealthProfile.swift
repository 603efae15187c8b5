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

    /// The defaults of DESIGN §2.2, identical to `SampleData/health-profile.yaml`.
    public static let standard = HealthProfile(name: "standard", measures: [
        // usage activity: 30
        HealthMeasure(name: "seat utilisation", source: .seatUtilisation, group: "usage activity",
                      poor: 0.4, healthy: 0.8, weight: 15, freshnessDays: 14),
        HealthMeasure(name: "key-action trend", source: .keyActionTrend, group: "usage activity",
                      poor: -30, healthy: 0, weight: 15, freshnessDays: 14),
        // product depth: 15
        HealthMeasure(name: "feature depth", source: .featureDepth, group: "product depth",
                      poor: 0.2, healthy: 0.6, weight: 15, freshnessDays: 14),
        // relationship: 20
        HealthMeasure(name: "days since last activity", source: .daysSinceActivity, group: "relationship",
                      poor: 60, healthy: 14, weight: 8),
        HealthMeasure(name: "days since last meeting or QBR", source: .daysSinceMeeting, group: "relationship",
                      poor: 120, healthy: 60, weight: 6),
        HealthMeasure(name: "executive sponsor present", source: .sponsorPresent, group: "relationship",
                      poor: 0, healthy: 1, weight: 6),
        // sentiment: 10
        HealthMeasure(name: "NPS mean", source: .npsMean, group: "sentiment",
                      poor: 6, healthy: 9, weight: 10, freshnessDays: 180),
        // support: 10
        HealthMeasure(name: "open critical cases", source: .openCriticalCases, group: "support",
                      poor: 2, healthy: 0, weight: 5),
        HealthMeasure(name: "high/critical cases in 90 days", source: .severeCases90d, group: "support",
                      poor: 4, healthy: 0, weight: 5),
        // commercial: 10
        HealthMeasure(name: "days payment overdue", source: .daysOverdue, group: "commercial",
                      poor: 30, healthy: 0, weight: 10, cap: .init(from: 60, maxScore: 40)),
        // renewal proximity: 5
        HealthMeasure(name: "days to renewal", source: .daysToRenewal, group: "renewal proximity",
                      poor: 30, healthy: 180, weight: 5),
    ])
}
