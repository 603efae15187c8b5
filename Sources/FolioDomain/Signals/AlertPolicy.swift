/// Every number the alert rules use (DESIGN §2.3), with DESIGN's defaults; a team's
/// config may change any of them.
public struct AlertPolicy: Hashable, Sendable {
    /// A health threshold: crossing below `below` raises (or escalates to) `severity`.
    public struct HealthThreshold: Hashable, Sendable {
        public var below: Double
        public var severity: Alert.Severity

        public init(below: Double, severity: Alert.Severity) {
            self.below = below
            self.severity = severity
        }
    }

    /// How long a person has to acknowledge.
    public enum SLA: Hashable, Sendable, CustomStringConvertible {
        case hours(Int)
        /// Before the end of the day it was raised.
        case sameDay

        public var description: String {
            switch self {
            case .sameDay: return "same day"
            case .hours(let h) where h % 24 == 0 && h >= 72: return "\(h / 24) days"
            case .hours(let h): return "\(h) h"
            }
        }
    }

    /// Shallowest first: amber 70, orange 60, red 45.
    public var healthThresholds: [HealthThreshold]
    /// Points above a threshold the score must come back before it can fire again, and
    /// before the open alert counts as recovered.
    public var hysteresis: Double
    /// Key actions of the last 4 weeks against the 4 before, in percent.
    public var usageDropPercent: Double
    public var usageSurgePercent: Double
    /// The drop or surge must ease by this many points before it can fire again.
    public var usageHysteresisPercent: Double
    public var criticalCases: Int
    /// NPS scores up to this are detractors.
    public var detractorMax: Int
    public var paymentOverdueDays: Int
    public var goneDarkDays: Int
    public var goneDarkRenewalWithinDays: Int
    public var checkIns: CheckInPolicy
    /// Who hears of each kind.
    public var routing: AlertRouting
    /// The hour (UTC) the daily run counts as its time: an alert raised on a day was raised then.
    public var runHour: Int
    /// Share of accounts held out as the control group (0…1), chosen by a stable hash of the id.
    public var holdoutShare: Double
    /// The kinds the control group is held out of: the score-based signals being evaluated.
    /// Facts a person must act on (a detractor, the sponsor gone, an overdue payment,
    /// critical cases, an account gone dark) reach people on every account.
    public var holdoutKinds: Set<Alert.Kind> = AlertPolicy.scoreSignals
    /// Health drop, usage drop and usage surge: what the control group measures by default.
    public static let scoreSignals: Set<Alert.Kind> = [.healthDrop, .usageDrop, .usageSurge]
    public var sla: [Alert.Kind: SLA]
    /// The kinds a first run records as the baseline instead of raising: states found, not events seen.
    public var baselineKinds: Set<Alert.Kind> = [.healthDrop, .usageDrop, .usageSurge, .goneDark, .checkinOverdue]
    public var healthSLA: [Alert.Severity: SLA]

    public init(healthThresholds: [HealthThreshold] = [.init(below: 70, severity: .amber), .init(below: 60, severity: .orange),
                                                        .init(below: 45, severity: .red)],
                hysteresis: Double = 5, usageDropPercent: Double = 30, usageSurgePercent: Double = 30,
                usageHysteresisPercent: Double = 10, criticalCases: Int = 3, detractorMax: Int = 6,
                paymentOverdueDays: Int = 30, goneDarkDays: Int = 90, goneDarkRenewalWithinDays: Int = 180,
                checkIns: CheckInPolicy = .standard, routing: AlertRouting = .standard, runHour: Int = 6,
                holdoutShare: Double = 0.1,
                sla: [Alert.Kind: SLA] = [.usageDrop: .hours(120), .usageSurge: .hours(336), .criticalCases: .hours(24),
                                          .sponsorLeft: .hours(336), .detractor: .hours(48), .paymentOverdue: .hours(48),
                                          .goneDark: .hours(168), .checkinOverdue: .hours(72)],
                healthSLA: [Alert.Severity: SLA] = [.amber: .hours(120), .orange: .hours(48), .red: .sameDay]) {
        self.healthThresholds = healthThresholds.sorted { $0.below > $1.below }
        self.hysteresis = hysteresis
        self.usageDropPercent = usageDropPercent
        self.usageSurgePercent = usageSurgePercent
        self.usageHysteresisPercent = usageHysteresisPercent
        self.criticalCases = criticalCases
        self.detractorMax = detractorMax
        self.paymentOverdueDays = paymentOverdueDays
        self.goneDarkDays = goneDarkDays
        self.goneDarkRenewalWithinDays = goneDarkRenewalWithinDays
        self.checkIns = checkIns
        self.routing = routing
        self.runHour = runHour
        self.holdoutShare = holdoutShare
        self.sla = sla
        self.healthSLA = healthSLA
    }

    public static let standard = AlertPolicy()

    /// The moment the run of `day` counts as: the day at `runHour` UTC.
    public func runInstant(of day: Day) -> Int64 {
        Int64(day.ordinal) * 86_400 + Int64(runHour) * 3_600
    }

    /// When an alert of this kind and severity raised at `raisedAt` must be acknowledged.
    public func dueBy(kind: Alert.Kind, severity: Alert.Severity, raisedAt: Int64) -> Int64 {
        let rule = kind == .healthDrop ? healthSLA[severity] : sla[kind]
        switch rule ?? .hours(72) {
        case .hours(let h): return raisedAt + Int64(h) * 3_600
        case .sameDay: return (raisedAt / 86_400 + 1) * 86_400 - 1
        }
    }

    /// True when an alert of `kind` on an account of the control group is held out: recorded
    /// as a shadow, routed to no one.
    public func holdsOut(_ kind: Alert.Kind, inControlGroup: Bool) -> Bool {
        inControlGroup && holdoutKinds.contains(kind)
    }

    /// True when the account is in the control group: its alerts of `holdoutKinds` are
    /// recorded as shadows.
    public func isHeldOut(_ accountID: String) -> Bool {
        guard holdoutShare > 0 else { return false }
        return Double(StableHash(accountID).value % 10_000) < holdoutShare * 10_000
    }
}
