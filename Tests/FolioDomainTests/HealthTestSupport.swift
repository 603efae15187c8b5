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

    static func snapshot(_ values: [MeasureSource: Double], profile: HealthProfile = .standard,
                         tier: Account.Tier = .midMarket) -> HealthSnapshot {
        HealthScoring.snapshot(accountID: "A1", tier: tier, profile: profile, inputs: inputs(values), asOf: asOf)
    }

    static func measure(_ name: String, in profile: HealthProfile = .standard) -> HealthMeasure {
        profile.measures.first { $0.name == name }!
    }

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
