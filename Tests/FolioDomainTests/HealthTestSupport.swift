import FolioDomain

/// Shared inputs for the health tests.
enum HealthFixture {
    static let asOf = Day(iso: "2026-11-23")!

    /// Every source at its healthy value in the standard profile: scores 100.
    static let healthy: [MeasureSource: Double] = [
        .seatUtilisation: 0.8, .keyActionTrend: 0, .featureDepth: 0.6, .daysSinceActivity: 14,
        .daysSinceMeeting: 60, .sponsorPresent: 1, .npsMean: 9, .openCriticalCases: 0,
        .severeCases90d: 0, .daysOverdue: 0, .daysToRenewal: 180,
    ]

    /// Every source at its poor value in the standard profile: scores 0.
    static let poor: [MeasureSource: Double] = [
        .seatUtilisation: 0.4, .keyActionTrend: -30, .featureDepth: 0.2, .daysSinceActivity: 60,
        .daysSinceMeeting: 120, .sponsorPresent: 0, .npsMean: 6, .openCriticalCases: 2,
        .severeCases90d: 4, .daysOverdue: 30, .daysToRenewal: 30,
    ]

    static func inputs(_ values: [MeasureSource: Double], at day: Day = asOf) -> HealthInputs {
        HealthInputs(values.mapValues { HealthInput($0, at: day) })
    }

    static func snapshot(_ values: [MeasureSource: Double], profile: HealthProfile = classic,
                         tier: Account.Tier = .midMarket) -> HealthSnapshot {
        HealthScoring.snapshot(accountID: "A1", tier: tier, profile: profile, inputs: inputs(values), asOf: asOf)
    }

    static func measure(_ name: String, in profile: HealthProfile = classic) -> HealthMeasure {
        profile.measures.first { $0.name == name }!
    }

    /// DESIGN §2.2's original eleven measures (the default before issue 15): the arithmetic
    /// tests are worked out on it, whatever the default becomes.
    static let classic = HealthProfile(name: "classic", measures: [
        HealthMeasure(name: "seat utilisation", source: .seatUtilisation, group: "usage activity",
                      poor: 0.4, healthy: 0.8, weight: 15, freshnessDays: 14),
        HealthMeasure(name: "key-action trend", source: .keyActionTrend, group: "usage activity",
                      poor: -30, healthy: 0, weight: 15, freshnessDays: 14),
        HealthMeasure(name: "feature depth", source: .featureDepth, group: "product depth",
                      poor: 0.2, healthy: 0.6, weight: 15, freshnessDays: 14),
        HealthMeasure(name: "days since last activity", source: .daysSinceActivity, group: "relationship",
                      poor: 60, healthy: 14, weight: 8),
        HealthMeasure(name: "days since last meeting or QBR", source: .daysSinceMeeting, group: "relationship",
                      poor: 120, healthy: 60, weight: 6),
        HealthMeasure(name: "executive sponsor present", source: .sponsorPresent, group: "relationship",
                      poor: 0, healthy: 1, weight: 6),
        HealthMeasure(name: "NPS mean", source: .npsMean, group: "sentiment",
                      poor: 6, healthy: 9, weight: 10, freshnessDays: 180),
        HealthMeasure(name: "open critical cases", source: .openCriticalCases, group: "support",
                      poor: 2, healthy: 0, weight: 5),
        HealthMeasure(name: "high/critical cases in 90 days", source: .severeCases90d, group: "support",
                      poor: 4, healthy: 0, weight: 5),
        HealthMeasure(name: "days payment overdue", source: .daysOverdue, group: "commercial",
                      poor: 30, healthy: 0, weight: 10, cap: .init(from: 60, maxScore: 40)),
        HealthMeasure(name: "days to renewal", source: .daysToRenewal, group: "renewal proximity",
                      poor: 30, healthy: 180, weight: 5),
    ])

    /// A profile with one measure whose score is its raw value (poor 0, healthy 100).
    static func identity(bands: BandSet = .redYellowGreen) -> HealthProfile {
        HealthProfile(name: "identity", measures: [
            HealthMeasure(name: "x", source: .keyActionTrend, group: "g", poor: 0, healthy: 100, weight: 1),
        ], bands: bands)
    }
}

func approx(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case let (a?, b?): abs(a - b) <= tolerance
    default: false
    }
}
