/// What a health measure reads: one number per account per day, computed by the engine
/// from the records (usage weeks, activities, cases…) and handed to the scoring as a
/// `HealthInput`. The raw values are in the units people think in: a fraction for seat
/// utilisation (0.52), a percent change for the key-action trend (-30 means −30 %), days,
/// counts, an NPS mean on 0–10.
public enum MeasureSource: String, CaseIterable, Sendable, Codable {
    /// Active users / seats, mean of the last 4 weeks (a fraction, 0.52).
    case seatUtilisation = "seat-utilisation"
    /// Key actions: mean of the last 4 weeks against the mean of the 8 before, as a
    /// percent change (-30 means −30 %).
    case keyActionTrend = "key-action-trend"
    /// Advanced features used / available in the latest week (a fraction).
    case featureDepth = "feature-depth"
    case daysSinceActivity = "days-since-activity"
    /// Days since the last meeting or QBR.
    case daysSinceMeeting = "days-since-meeting"
    /// 1 when an executive sponsor is still there, 0 when not.
    case sponsorPresent = "sponsor-present"
    /// The latest response of each contact, averaged over contacts (0–10).
    case npsMean = "nps-mean"
    case openCriticalCases = "open-critical-cases"
    /// High or critical cases opened in the last 90 days.
    case severeCases90d = "severe-cases-90d"
    /// Days the payment is overdue.
    case daysOverdue = "days-overdue"
    case daysToRenewal = "days-to-renewal"

    /// Words for people: "seat utilisation", "days payment overdue".
    public var title: String {
        switch self {
        case .seatUtilisation: "seat utilisation"
        case .keyActionTrend: "key-action trend"
        case .featureDepth: "feature depth"
        case .daysSinceActivity: "days since last activity"
        case .daysSinceMeeting: "days since last meeting or QBR"
        case .sponsorPresent: "executive sponsor present"
        case .npsMean: "NPS mean"
        case .openCriticalCases: "open critical cases"
        case .severeCases90d: "high/critical cases in 90 days"
        case .daysOverdue: "days payment overdue"
        case .daysToRenewal: "days to renewal"
        }
    }

    /// What a number of this source is followed by when shown: "%" for the trend, "days"
    /// for day counts, nil for fractions, counts, scores and yes/no.
    public var unit: String? {
        switch self {
        case .keyActionTrend: "%"
        case .daysSinceActivity, .daysSinceMeeting, .daysOverdue, .daysToRenewal: "days"
        case .seatUtilisation, .featureDepth, .sponsorPresent, .npsMean, .openCriticalCases, .severeCases90d: nil
        }
    }

    /// The smallest difference worth showing, and the step a suggested change moves in:
    /// 0.01 for fractions, 0.1 for NPS, 1 for percents, days, counts and yes/no.
    public var resolution: Double {
        switch self {
        case .seatUtilisation, .featureDepth: 0.01
        case .npsMean: 0.1
        case .keyActionTrend, .daysSinceActivity, .daysSinceMeeting, .daysOverdue, .daysToRenewal,
             .sponsorPresent, .openCriticalCases, .severeCases90d: 1
        }
    }

    /// A raw value as people read it: "0.52", "-42 %", "37 days", "1 day", "yes"/"no",
    /// "7.5", "2". Rounded to `resolution`.
    public func format(_ raw: Double) -> String {
        guard raw.isFinite else { return raw.isNaN ? "–" : (raw < 0 ? "-∞" : "∞") }
        switch self {
        case .seatUtilisation, .featureDepth:
            return Self.fixed(raw, decimals: 2)
        case .npsMean:
            return Self.fixed(raw, decimals: 1)
        case .keyActionTrend:
            return Self.fixed(raw, decimals: 0) + " %"
        case .daysSinceActivity, .daysSinceMeeting, .daysOverdue, .daysToRenewal:
            let days = Self.fixed(raw, decimals: 0)
            return days + (days == "1" || days == "-1" ? " day" : " days")
        case .sponsorPresent:
            return raw >= 0.5 ? "yes" : "no"
        case .openCriticalCases, .severeCases90d:
            return Self.fixed(raw, decimals: 0)
        }
    }

    /// `value` with exactly `decimals` decimals, rounded half away from zero, never "-0".
    /// Written out by hand: the domain does not import Foundation for `String(format:)`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 1e15 else { return String(value) }
        let units = Int64(scaled)
        let whole = units / Int64(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        var fraction = String(units % Int64(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        return sign + String(whole) + "." + fraction
    }
}

/// Which way is good for a measure.
public enum MeasureDirection: String, Sendable, Codable {
    case higherIsBetter = "higher-is-better"
    case lowerIsBetter = "lower-is-better"
}
