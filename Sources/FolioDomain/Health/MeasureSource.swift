/// What a health measure reads: one value per account per day, computed by the engine
/// from the records (usage weeks, activities, cases…) and handed to the scoring as a
/// `HealthInput`. The raw values are in the units people think in: a fraction for seat
/// utilisation (0.52), a percent change for the key-action trend (-30 means −30 %), days,
/// months, counts, an NPS on 0–10; an account attribute is a number or a word (`annual`).
public enum MeasureSource: Hashable, Sendable, CaseIterable {
    /// Active users / seats, mean of the last 4 weeks (a fraction, 0.52).
    case seatUtilisation
    /// Key actions: mean of the last 4 weeks against the mean of the 8 before, as a
    /// percent change (-30 means −30 %).
    case keyActionTrend
    /// Advanced features used / available in the latest week (a fraction).
    case featureDepth
    case daysSinceActivity
    /// Days since the last meeting or QBR.
    case daysSinceMeeting
    /// 1 when an executive sponsor is still there, 0 when not.
    case sponsorPresent
    /// The latest response of each contact, averaged over contacts (0–10).
    case npsMean
    /// The account's latest NPS response (0–10, a whole number): for tables by answer.
    case npsLatest
    case openCriticalCases
    /// High or critical cases opened in the last 90 days.
    case severeCases90d
    /// Cases of any priority opened in the last 90 days.
    case cases90d
    /// The mean days the cases opened in the last 90 days stayed open (to today when still open).
    case caseDaysOpen
    /// Days the payment is overdue.
    case daysOverdue
    case daysToRenewal
    /// Months since the contract started.
    case tenureMonths
    /// The contract term in months (1 monthly, 12 annual, 24 two-year), when the import gave it.
    case contractTerm
    /// ARR now against a year ago, in percent, from the ARR changes on record.
    case arrChange
    /// An account attribute carried through import (`attribute:plan`): a number, or a word
    /// scored by a table.
    case attribute(String)

    /// The built-in sources, in the order the profile's comments list them.
    public static let allCases: [MeasureSource] = [
        .seatUtilisation, .keyActionTrend, .featureDepth, .daysSinceActivity, .daysSinceMeeting, .sponsorPresent,
        .npsMean, .npsLatest, .openCriticalCases, .severeCases90d, .cases90d, .caseDaysOpen, .daysOverdue,
        .daysToRenewal, .tenureMonths, .contractTerm, .arrChange,
    ]

    /// The prefix of an attribute source's name.
    public static let attributePrefix = "attribute:"

    /// The name a profile uses: `seat-utilisation`, `attribute:plan`.
    public var rawValue: String {
        switch self {
        case .seatUtilisation: "seat-utilisation"
        case .keyActionTrend: "key-action-trend"
        case .featureDepth: "feature-depth"
        case .daysSinceActivity: "days-since-activity"
        case .daysSinceMeeting: "days-since-meeting"
        case .sponsorPresent: "sponsor-present"
        case .npsMean: "nps-mean"
        case .npsLatest: "nps-latest"
        case .openCriticalCases: "open-critical-cases"
        case .severeCases90d: "severe-cases-90d"
        case .cases90d: "cases-90d"
        case .caseDaysOpen: "case-days-open"
        case .daysOverdue: "days-overdue"
        case .daysToRenewal: "days-to-renewal"
        case .tenureMonths: "tenure-months"
        case .contractTerm: "contract-term"
        case .arrChange: "arr-change"
        case .attribute(let name): Self.attributePrefix + name
        }
    }

    /// A built-in source by its name, or `attribute:NAME` (a name of letters, digits, `_`,
    /// `-`, `.` or spaces).
    public init?(rawValue: String) {
        if let builtIn = Self.allCases.first(where: { $0.rawValue == rawValue }) {
            self = builtIn
            return
        }
        guard rawValue.hasPrefix(Self.attributePrefix) else { return nil }
        let name = String(rawValue.dropFirst(Self.attributePrefix.count))
        guard let normal = Self.attributeName(name) else { return nil }
        self = .attribute(normal)
    }

    /// An attribute's name as stored: trimmed and lower-cased, so `Plan` and `plan` are one.
    /// Nil when empty or holding characters other than letters, digits, `_`, `-`, `.`, spaces.
    public static func attributeName(_ text: String) -> String? {
        var scalars = Substring(text).unicodeScalars
        while let f = scalars.first, f == " " { scalars.removeFirst() }
        while let l = scalars.last, l == " " { scalars.removeLast() }
        let trimmed = String(scalars).lowercased()
        guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ s in
            s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "-" || s == "." || s == " "
        }) else { return nil }
        return trimmed
    }

    /// The attribute's name, for an attribute source.
    public var attributeName: String? {
        if case .attribute(let name) = self { return name }
        return nil
    }

    /// Words for people: "seat utilisation", "days payment overdue", "plan".
    public var title: String {
        switch self {
        case .seatUtilisation: "seat utilisation"
        case .keyActionTrend: "key-action trend"
        case .featureDepth: "feature depth"
        case .daysSinceActivity: "days since last activity"
        case .daysSinceMeeting: "days since last meeting or QBR"
        case .sponsorPresent: "executive sponsor present"
        case .npsMean: "NPS mean"
        case .npsLatest: "latest NPS answer"
        case .openCriticalCases: "open critical cases"
        case .severeCases90d: "high/critical cases in 90 days"
        case .cases90d: "cases in 90 days"
        case .caseDaysOpen: "days cases stay open"
        case .daysOverdue: "days payment overdue"
        case .daysToRenewal: "days to renewal"
        case .tenureMonths: "tenure"
        case .contractTerm: "contract term"
        case .arrChange: "ARR change over a year"
        case .attribute(let name): name
        }
    }

    /// What a number of this source is followed by when shown: "%" for the trend, "days"
    /// for day counts, "months", nil for fractions, counts, scores, yes/no and attributes.
    public var unit: String? {
        switch self {
        case .keyActionTrend, .arrChange: "%"
        case .daysSinceActivity, .daysSinceMeeting, .daysOverdue, .daysToRenewal, .caseDaysOpen: "days"
        case .tenureMonths, .contractTerm: "months"
        case .seatUtilisation, .featureDepth, .sponsorPresent, .npsMean, .npsLatest, .openCriticalCases, .severeCases90d,
             .cases90d, .attribute: nil
        }
    }

    /// The smallest difference worth showing, and the step a suggested change moves in:
    /// 0.01 for fractions and attributes, 0.1 for NPS means and months of tenure, 1 for
    /// percents, days, counts, terms, answers and yes/no.
    public var resolution: Double {
        switch self {
        case .seatUtilisation, .featureDepth, .attribute: 0.01
        case .npsMean, .tenureMonths: 0.1
        case .keyActionTrend, .daysSinceActivity, .daysSinceMeeting, .daysOverdue, .daysToRenewal, .caseDaysOpen,
             .sponsorPresent, .openCriticalCases, .severeCases90d, .cases90d, .npsLatest, .contractTerm, .arrChange: 1
        }
    }

    /// A raw value as people read it: "0.52", "-42 %", "37 days", "1 day", "yes"/"no",
    /// "7.5", "2", "14.5 months". Rounded to `resolution`.
    public func format(_ raw: Double) -> String {
        guard raw.isFinite else { return raw.isNaN ? "–" : (raw < 0 ? "-∞" : "∞") }
        switch self {
        case .seatUtilisation, .featureDepth:
            return Self.fixed(raw, decimals: 2)
        case .npsMean:
            return Self.fixed(raw, decimals: 1)
        case .keyActionTrend, .arrChange:
            return Self.fixed(raw, decimals: 0) + " %"
        case .daysSinceActivity, .daysSinceMeeting, .daysOverdue, .daysToRenewal, .caseDaysOpen:
            let days = Self.fixed(raw, decimals: 0)
            return days + (days == "1" || days == "-1" ? " day" : " days")
        case .tenureMonths:
            let months = Self.fixed(raw, decimals: 1)
            return months + (months == "1.0" ? " month" : " months")
        case .contractTerm:
            let months = Self.fixed(raw, decimals: 0)
            return months + (months == "1" ? " month" : " months")
        case .sponsorPresent:
            return raw >= 0.5 ? "yes" : "no"
        case .openCriticalCases, .severeCases90d, .cases90d, .npsLatest:
            return Self.fixed(raw, decimals: 0)
        case .attribute:
            // Two decimals at most, without trailing zeros: 12, 0.5, 1250.75.
            var text = Self.fixed(raw, decimals: 2)
            while text.contains("."), text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
    }

    /// `value` with exactly `decimals` decimals, rounded half away from zero, never "-0".
    /// Written out by hand: the domain does not import Foundation for `String(format:)`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
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

extension MeasureSource: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let source = MeasureSource(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown measure source \(text)"))
        }
        self = source
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Which way is good for a measure.
public enum MeasureDirection: String, Sendable, Codable {
    case higherIsBetter = "higher-is-better"
    case lowerIsBetter = "lower-is-better"
}
