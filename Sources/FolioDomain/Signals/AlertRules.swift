/// What the daily run knows of one account when it decides on alerts.
public struct AccountSignals: Sendable {
    public var account: Account
    /// Today's score and the previous run's (nil: no data).
    public var score: Double?
    public var previousScore: Double?
    /// Key actions of the last 4 complete weeks and of the 4 before (nil without both).
    public var usage: UsageComparison?
    public var openCriticalCases: Int?
    /// nil when the account never had a sponsor on file.
    public var sponsorPresent: Bool?
    /// The worst NPS response that arrived since the previous run, if any.
    public var newResponse: NPSArrival?
    public var daysOverdue: Int?
    public var lastActivity: Day?

    public init(account: Account, score: Double? = nil, previousScore: Double? = nil, usage: UsageComparison? = nil,
                openCriticalCases: Int? = nil, sponsorPresent: Bool? = nil, newResponse: NPSArrival? = nil,
                daysOverdue: Int? = nil, lastActivity: Day? = nil) {
        self.account = account
        self.score = score
        self.previousScore = previousScore
        self.usage = usage
        self.openCriticalCases = openCriticalCases
        self.sponsorPresent = sponsorPresent
        self.newResponse = newResponse
        self.daysOverdue = daysOverdue
        self.lastActivity = lastActivity
    }
}

/// Key-action volume of two consecutive 4-week windows.
public struct UsageComparison: Hashable, Sendable {
    public var recent: Double
    public var previous: Double

    public init(recent: Double, previous: Double) {
        self.recent = recent
        self.previous = previous
    }

    /// Percent change from the previous window to the recent one; nil when there was nothing before.
    public var change: Double? { previous > 0 ? (recent - previous) / previous * 100 : nil }
}

/// An NPS response the run has not seen before.
public struct NPSArrival: Hashable, Sendable {
    public var score: Int
    public var date: Day
    public var contactName: String
    public var comment: String?

    public init(score: Int, date: Day, contactName: String, comment: String? = nil) {
        self.score = score
        self.date = date
        self.contactName = contactName
        self.comment = comment
    }
}

/// What the rules decided for one account on one day.
public enum AlertDecision: Hashable, Sendable {
    /// A new alert.
    case raise(Alert.Kind, Alert.Severity, reason: String)
    /// The open alert of this kind goes up to a severity (health drop only).
    case escalate(Alert.Kind, Alert.Severity, reason: String)
    /// The condition eased but has not cleared: the open alert comes down to a severity
    /// (health drop only), so its severity always says where the account is.
    case ease(Alert.Kind, Alert.Severity, reason: String)
    /// The condition cleared: the open alert of this kind is resolved as recovered.
    case recover(Alert.Kind, reason: String)

    public var kind: Alert.Kind {
        switch self {
        case .raise(let k, _, _), .escalate(let k, _, _), .ease(let k, _, _), .recover(let k, _): k
        }
    }
}

/// The rules of DESIGN §2.3 as a pure function of (policy, signals, what has fired, the day).
///
/// Alerts fire on events. For each kind the run keeps an *arm level*: how deep the
/// condition has already fired (for health, how many thresholds were crossed; for the
/// others 0 or 1). A condition fires when it goes deeper than its level, and the level
/// comes back down only once the condition has cleared by the hysteresis, so a score
/// hovering at 69–71 or usage wobbling around −30 % fires once.
public enum AlertRules {
    public struct Outcome: Hashable, Sendable {
        public var decisions: [AlertDecision] = []
        /// The arm levels after the day, by kind (0 = armed, nothing fired).
        public var levels: [Alert.Kind: Int] = [:]
    }

    public static func evaluate(_ s: AccountSignals, levels: [Alert.Kind: Int], open: [Alert.Kind: Alert.Severity],
                                policy: AlertPolicy, asOf: Day) -> Outcome {
        var out = Outcome(levels: levels)
        health(s, levels: levels, open: open, policy: policy, into: &out)

        func condition(_ kind: Alert.Kind, fires: Bool?, clears: Bool?, severity: Alert.Severity,
                       autoResolves: Bool = true, reason: @autoclosure () -> String, recovered: @autoclosure () -> String) {
            let level = levels[kind] ?? 0
            if fires == true, level == 0 {
                out.levels[kind] = 1
                if open[kind] == nil { out.decisions.append(.raise(kind, severity, reason: reason())) }
            } else if clears == true, level > 0 {
                out.levels[kind] = 0
                if autoResolves, open[kind] != nil { out.decisions.append(.recover(kind, reason: recovered())) }
            }
        }

        if let change = s.usage?.change, let usage = s.usage {
            let magnitude = "key actions \(signed(change)) % over 4 weeks: \(grouped(usage.previous)) → \(grouped(usage.recent))"
            condition(.usageDrop, fires: change <= -policy.usageDropPercent,
                      clears: change > -(policy.usageDropPercent - policy.usageHysteresisPercent), severity: .orange,
                      reason: magnitude, recovered: "usage back: \(magnitude)")
            condition(.usageSurge, fires: change >= policy.usageSurgePercent,
                      clears: change < policy.usageSurgePercent - policy.usageHysteresisPercent, severity: .info,
                      autoResolves: false, reason: "\(magnitude): room to expand", recovered: "")
        }
        if let open = s.openCriticalCases {
            condition(.criticalCases, fires: open >= policy.criticalCases, clears: open < policy.criticalCases, severity: .orange,
                      reason: "\(open) critical support cases open at once", recovered: "critical cases down to \(open)")
        }
        if let present = s.sponsorPresent {
            condition(.sponsorLeft, fires: !present, clears: present, severity: .orange,
                      reason: "the executive sponsor has left; no sponsor on file now",
                      recovered: "a new executive sponsor is on file")
        }
        if let days = s.daysOverdue {
            condition(.paymentOverdue, fires: days >= policy.paymentOverdueDays, clears: days < policy.paymentOverdueDays,
                      severity: .orange, reason: "payment \(days) days overdue", recovered: "payment no longer overdue (\(days) days)")
        }
        let quiet = s.lastActivity.map { $0.days(until: asOf) } ?? s.account.tenureDays(asOf: asOf)
        let lastSeen = s.lastActivity.map { "last activity \($0)" } ?? "no activity logged yet"
        let toRenewal = s.account.daysToRenewal(asOf: asOf)
        condition(.goneDark, fires: quiet >= policy.goneDarkDays && toRenewal >= 0 && toRenewal <= policy.goneDarkRenewalWithinDays,
                  clears: quiet < policy.goneDarkDays, severity: .orange,
                  reason: "no activity for \(quiet) days and the renewal is in \(toRenewal) days (\(s.account.renewalDate)); \(lastSeen)",
                  recovered: "activity logged")
        let limit = policy.checkIns.limit(for: s.account.tier)
        let scoreText = s.score.map { "score \(Int($0.rounded()))" } ?? "no score"
        condition(.checkinOverdue, fires: quiet > limit, clears: quiet <= limit, severity: .amber,
                  reason: "no activity for \(quiet) days (\(s.account.tier.rawValue) limit \(limit)) · ARR \(s.account.arr.compact) · \(scoreText) · \(lastSeen)",
                  recovered: "activity logged")

        if let response = s.newResponse, response.score <= policy.detractorMax, open[.detractor] == nil {
            let said = response.comment.map { $0.isEmpty ? "" : ": “\(clip($0, 80))”" } ?? ""
            out.decisions.append(.raise(.detractor, .orange,
                                        reason: "NPS \(response.score) from \(response.contactName) on \(response.date)\(said); call within 48 h"))
        }
        return out
    }

    /// Health drop: crossing a threshold raises, crossing a deeper one escalates the open
    /// alert; the alert recovers once the score is back above the first threshold + hysteresis.
    static func health(_ s: AccountSignals, levels: [Alert.Kind: Int], open: [Alert.Kind: Alert.Severity],
                       policy: AlertPolicy, into out: inout Outcome) {
        guard let score = s.score else { return }
        let thresholds = policy.healthThresholds
        let crossed = thresholds.filter { score < $0.below }.count
        let held = thresholds.filter { score < $0.below + policy.hysteresis }.count
        let level = levels[.healthDrop] ?? 0
        let newLevel = max(crossed, min(level, held))
        out.levels[.healthDrop] = newLevel
        // Whole points, unless rounding would put the score on the wrong side of the
        // threshold it crossed ("59.6, below 60", not "60, below 60").
        let edge = crossed > 0 ? thresholds[crossed - 1].below : nil
        let scoreText = edge.map { score < $0 && score.rounded() >= $0 } == true ? tenthsDown(score) : "\(Int(score.rounded()))"
        let before = s.previousScore.map { "score \(Int($0.rounded())) → \(scoreText)" } ?? "score \(scoreText)"
        if crossed > level {
            let threshold = thresholds[crossed - 1]
            let reason = "\(before), below \(Int(threshold.below)) (\(threshold.severity.rawValue))"
            if let current = open[.healthDrop] {
                if threshold.severity > current { out.decisions.append(.escalate(.healthDrop, threshold.severity, reason: reason)) }
            } else {
                out.decisions.append(.raise(.healthDrop, threshold.severity, reason: reason))
            }
        } else if newLevel == 0, level > 0, open[.healthDrop] != nil {
            let first = thresholds.first.map { Int($0.below + policy.hysteresis) } ?? 0
            out.decisions.append(.recover(.healthDrop, reason: "\(before), back at or above \(first)"))
        } else if newLevel > 0, let current = open[.healthDrop],
                  let currentLevel = thresholds.firstIndex(where: { $0.severity == current }).map({ $0 + 1 }), newLevel < currentLevel {
            let eased = thresholds[newLevel - 1], cleared = thresholds[newLevel]
            out.decisions.append(.ease(.healthDrop, eased.severity,
                                       reason: "\(before), back at or above \(Int(cleared.below + policy.hysteresis)); still below \(Int(eased.below)) (\(eased.severity.rawValue))"))
        }
    }

    /// 59.96 → "59.9": one decimal, never rounded up across a threshold.
    static func tenthsDown(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.down))
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    static func signed(_ percent: Double) -> String {
        let rounded = Int(percent.rounded())
        return rounded > 0 ? "+\(rounded)" : rounded < 0 ? "−\(-rounded)" : "0"
    }

    /// 1210 → "1,210".
    static func grouped(_ value: Double) -> String {
        let n = Int(value.rounded())
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}
