import FolioDomain
import Foundation
import Yams

/// Reads the alert settings (YAML) over DESIGN's defaults, refusing a bad file with
/// `file:line:column: what is wrong`, every problem at once. Every key is optional; the
/// format, in full, is `SampleData/alerts.yaml`.
public enum AlertPolicyLoader {
    public static func load(path: String) throws(ImportFailed) -> AlertPolicy {
        do {
            return try read(path: path)
        } catch {
            throw error.asSettings("alert settings")
        }
    }

    static func read(path: String) throws(ImportFailed) -> AlertPolicy {
        guard let data = FileManager.default.contents(atPath: path) else {
            let why = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw ImportFailed(problems: [ImportProblem(file: path, line: 1, column: 1, message: why)], truncated: false)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportFailed(problems: [ImportProblem(file: path, line: 1, column: 1, message: "is not UTF-8 text")], truncated: false)
        }
        return try load(yaml: text, file: path)
    }

    public static func load(yaml: String, file: String) throws(ImportFailed) -> AlertPolicy {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let e as YamlError {
            let (line, column) = HealthProfileLoader.position(of: e)
            throw ImportFailed(problems: [ImportProblem(file: file, line: line, column: column, message: HealthProfileLoader.message(for: e))],
                               truncated: false)
        } catch {
            throw ImportFailed(problems: [ImportProblem(file: file, line: 1, column: 1, message: "YAML syntax: \(error)")], truncated: false)
        }
        guard let root else { return .standard }
        var reader = AlertPolicyReader(base: ProfileReader(file: file))
        let policy = reader.policy(root)
        guard reader.base.problems.isEmpty else {
            throw ImportFailed(problems: reader.base.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }, truncated: false)
        }
        return policy
    }
}

struct AlertPolicyReader {
    var base: ProfileReader

    static let topKeys = ["health", "usage", "critical_cases", "detractor_max", "payment_overdue_days", "gone_dark",
                          "checkin_limit_days", "run_hour", "holdout_share", "holdout_kinds", "sla", "routing"]

    mutating func policy(_ root: Node) -> AlertPolicy {
        var p = AlertPolicy.standard
        guard let top = base.entries(root, allowed: Self.topKeys, what: "the alert settings") else { return p }
        if let health = top["health"], let keys = base.entries(health.value, allowed: ["thresholds", "hysteresis"], what: "health") {
            if let t = keys["thresholds"] { p.healthThresholds = thresholds(t.value) ?? p.healthThresholds }
            if let h = keys["hysteresis"] { p.hysteresis = bounded(h.value, "health.hysteresis", 0...50) ?? p.hysteresis }
        }
        if let usage = top["usage"], let keys = base.entries(usage.value, allowed: ["drop_percent", "surge_percent", "hysteresis_percent"], what: "usage") {
            if let v = keys["drop_percent"] { p.usageDropPercent = bounded(v.value, "usage.drop_percent", 1...100) ?? p.usageDropPercent }
            if let v = keys["surge_percent"] { p.usageSurgePercent = bounded(v.value, "usage.surge_percent", 1...10_000) ?? p.usageSurgePercent }
            if let v = keys["hysteresis_percent"] { p.usageHysteresisPercent = bounded(v.value, "usage.hysteresis_percent", 0...100) ?? p.usageHysteresisPercent }
            if p.usageHysteresisPercent >= p.usageDropPercent, let node = keys["hysteresis_percent"]?.value ?? keys["drop_percent"]?.value {
                base.problem(node, "usage.hysteresis_percent (\(ProfileReader.show(p.usageHysteresisPercent))) must be less than usage.drop_percent (\(ProfileReader.show(p.usageDropPercent)))")
            }
        }
        if let v = top["critical_cases"] { p.criticalCases = whole(v.value, "critical_cases", 1...1_000) ?? p.criticalCases }
        if let v = top["detractor_max"] { p.detractorMax = whole(v.value, "detractor_max", 0...9) ?? p.detractorMax }
        if let v = top["payment_overdue_days"] { p.paymentOverdueDays = whole(v.value, "payment_overdue_days", 1...3_650) ?? p.paymentOverdueDays }
        if let dark = top["gone_dark"], let keys = base.entries(dark.value, allowed: ["days", "renewal_within_days"], what: "gone_dark") {
            if let v = keys["days"] { p.goneDarkDays = whole(v.value, "gone_dark.days", 1...3_650) ?? p.goneDarkDays }
            if let v = keys["renewal_within_days"] { p.goneDarkRenewalWithinDays = whole(v.value, "gone_dark.renewal_within_days", 0...3_650) ?? p.goneDarkRenewalWithinDays }
        }
        if let limits = top["checkin_limit_days"],
           let keys = base.entries(limits.value, allowed: Account.Tier.allCases.map(\.rawValue), what: "checkin_limit_days") {
            for (name, entry) in keys {
                if let tier = Account.Tier(rawValue: name), let days = whole(entry.value, "checkin_limit_days.\(name)", 1...3_650) {
                    p.checkIns.limitDays[tier] = days
                }
            }
        }
        if let v = top["run_hour"] { p.runHour = whole(v.value, "run_hour", 0...23) ?? p.runHour }
        if let v = top["holdout_share"] { p.holdoutShare = bounded(v.value, "holdout_share", 0...0.5) ?? p.holdoutShare }
        if let v = top["holdout_kinds"] { p.holdoutKinds = base.kinds(v.value, "holdout_kinds") ?? p.holdoutKinds }
        if let sla = top["sla"] { self.sla(sla.value, into: &p) }
        if let routing = top["routing"] { self.routing(routing.value, into: &p) }
        return p
    }

    /// `[health-drop, usage-drop]`: alert kinds, each once; `[]` holds out nothing.
    mutating func kinds(_ node: Node, _ what: String) -> Set<Alert.Kind>? {
        let names = Alert.Kind.allCases.map(\.rawValue)
        guard let list = node.sequence else {
            base.problem(node, "\(what) must be a list of alert kinds, e.g. [health-drop, usage-drop, usage-surge]")
            return nil
        }
        var out = Set<Alert.Kind>()
        var failed = false
        for item in list {
            guard let name = item.scalar?.string, let kind = Alert.Kind(rawValue: name) else {
                base.problem(item, "\(what): unknown alert kind \(ProfileReader.describe(item)); expected \(ProfileReader.alternatives(names))")
                failed = true
                continue
            }
            if !out.insert(kind).inserted {
                base.problem(item, "\(what): \(name) is listed twice")
                failed = true
            }
        }
        return failed ? nil : out
    }

    mutating func bounded(_ node: Node, _ what: String, _ range: ClosedRange<Double>) -> Double? {
        base.bounded(node, what, range)
    }

    mutating func whole(_ node: Node, _ what: String, _ range: ClosedRange<Int>) -> Int? {
        base.whole(node, what, range)
    }

    /// `{amber: 70, orange: 60, red: 45}`: deeper severities at lower scores.
    mutating func thresholds(_ node: Node) -> [AlertPolicy.HealthThreshold]? {
        let names = [Alert.Severity.amber, .orange, .red].map(\.rawValue)
        guard let keys = base.entries(node, allowed: names, what: "health.thresholds") else { return nil }
        var out: [AlertPolicy.HealthThreshold] = []
        for name in names {
            guard let entry = keys[name], let below = bounded(entry.value, "health.thresholds.\(name)", 1...100) else { continue }
            if let previous = out.last, below >= previous.below {
                base.problem(entry.value, "health.thresholds.\(name) (\(ProfileReader.show(below))) must be below \(previous.severity.rawValue) (\(ProfileReader.show(previous.below)))")
                return nil
            }
            out.append(.init(below: below, severity: Alert.Severity(rawValue: name)!))
        }
        guard !out.isEmpty else {
            base.problem(node, "health.thresholds needs at least one of amber, orange, red")
            return nil
        }
        return out
    }

    /// "48h", "5d", "same-day".
    mutating func duration(_ node: Node, _ what: String) -> AlertPolicy.SLA? {
        guard let text = node.scalar?.string.trimmingCharacters(in: .whitespaces).lowercased() else {
            base.problem(node, "\(what) must be a duration like 48h, 5d or same-day, not \(ProfileReader.describe(node))")
            return nil
        }
        if text == "same-day" { return .sameDay }
        if let unit = text.last, let n = Int(text.dropLast()), n > 0, n <= 24 * 365 {
            if unit == "h" { return .hours(n) }
            if unit == "d", n <= 365 { return .hours(n * 24) }
        }
        base.problem(node, "\(what) must be a duration like 48h, 5d or same-day, not \"\(text)\"")
        return nil
    }

    mutating func sla(_ node: Node, into p: inout AlertPolicy) {
        guard let keys = base.entries(node, allowed: Alert.Kind.allCases.map(\.rawValue), what: "sla") else { return }
        for (name, entry) in keys {
            let kind = Alert.Kind(rawValue: name)!
            if kind == .healthDrop {
                let severities = [Alert.Severity.amber, .orange, .red].map(\.rawValue)
                guard let levels = base.entries(entry.value, allowed: severities, what: "sla.health-drop") else { continue }
                for (severity, value) in levels {
                    if let d = duration(value.value, "sla.health-drop.\(severity)") { p.healthSLA[Alert.Severity(rawValue: severity)!] = d }
                }
            } else if let d = duration(entry.value, "sla.\(name)") {
                p.sla[kind] = d
            }
        }
    }

    /// Per kind (and `every-kind`), a list of recipients: `csm`, or `{to: manager, from:
    /// orange, when: enterprise}`; `when` is always, enterprise, renewal-within-N or
    /// enterprise-or-renewal-within-N.
    mutating func routing(_ node: Node, into p: inout AlertPolicy) {
        let allowed = Alert.Kind.allCases.map(\.rawValue) + ["every-kind"]
        guard let keys = base.entries(node, allowed: allowed, what: "routing") else { return }
        for (name, entry) in keys {
            guard let list = entry.value.sequence else {
                base.problem(entry.value, "routing.\(name) must be a list of recipients (csm, manager, vp, ae)")
                continue
            }
            var rules: [AlertRouting.Rule] = []
            for item in list {
                if let rule = rule(item, "routing.\(name)") { rules.append(rule) }
            }
            if name == "every-kind" { p.routing.everyKind = rules } else { p.routing.rules[Alert.Kind(rawValue: name)!] = rules }
        }
    }

    mutating func rule(_ node: Node, _ what: String) -> AlertRouting.Rule? {
        let recipients = AlertRouting.Recipient.allCases.map(\.rawValue)
        func recipient(_ n: Node) -> AlertRouting.Recipient? {
            if let r = n.scalar.flatMap({ AlertRouting.Recipient(rawValue: $0.string) }) { return r }
            base.problem(n, "\(what): the recipient must be \(ProfileReader.alternatives(recipients)), not \(ProfileReader.describe(n))")
            return nil
        }
        if node.scalar != nil { return recipient(node).map { AlertRouting.Rule($0) } }
        guard let keys = base.entries(node, allowed: ["to", "from", "when"], what: what) else { return nil }
        guard let to = keys["to"] else {
            base.problem(node, "\(what): each rule needs `to:` (\(ProfileReader.alternatives(recipients)))")
            return nil
        }
        guard let who = recipient(to.value) else { return nil }
        var rule = AlertRouting.Rule(who)
        if let from = keys["from"] {
            guard let severity = from.value.scalar.flatMap({ Alert.Severity(rawValue: $0.string) }) else {
                base.problem(from.value, "\(what): `from` must be a severity (\(ProfileReader.alternatives(Alert.Severity.allCases.map(\.rawValue))))")
                return nil
            }
            rule.minimumSeverity = severity
        }
        if let when = keys["when"] {
            guard let condition = condition(when.value.scalar?.string ?? "") else {
                base.problem(when.value, "\(what): `when` must be always, enterprise, renewal-within-N or enterprise-or-renewal-within-N (days), not \(ProfileReader.describe(when.value))")
                return nil
            }
            rule.when = condition
        }
        return rule
    }

    func condition(_ text: String) -> AlertRouting.Condition? {
        if text == "always" { return .always }
        if text == "enterprise" { return .enterprise }
        for (prefix, make) in [("enterprise-or-renewal-within-", AlertRouting.Condition.enterpriseOrRenewalWithin(days:)),
                               ("renewal-within-", AlertRouting.Condition.renewalWithin(days:))] where text.hasPrefix(prefix) {
            if let days = Int(text.dropFirst(prefix.count)), (0...3_650).contains(days) { return make(days) }
        }
        return nil
    }
}

extension ProfileReader {
    /// `[health-drop, usage-drop]`: alert kinds, each once; `[]` holds out nothing.
    mutating func kinds(_ node: Node, _ what: String) -> Set<Alert.Kind>? {
        let names = Alert.Kind.allCases.map(\.rawValue)
        guard let list = node.sequence else {
            problem(node, "\(what) must be a list of alert kinds, e.g. [health-drop, usage-drop, usage-surge]")
            return nil
        }
        var out = Set<Alert.Kind>()
        var failed = false
        for item in list {
            guard let name = item.scalar?.string, let kind = Alert.Kind(rawValue: name) else {
                problem(item, "\(what): unknown alert kind \(ProfileReader.describe(item)); expected \(ProfileReader.alternatives(names))")
                failed = true
                continue
            }
            if !out.insert(kind).inserted {
                problem(item, "\(what): \(name) is listed twice")
                failed = true
            }
        }
        return failed ? nil : out
    }

    /// A number within a range, or a problem saying which.
    mutating func bounded(_ node: Node, _ what: String, _ range: ClosedRange<Double>) -> Double? {
        guard let v = number(node, what) else { return nil }
        guard range.contains(v) else {
            problem(node, "\(what) must be between \(Self.show(range.lowerBound)) and \(Self.show(range.upperBound)), not \(Self.show(v))")
            return nil
        }
        return v
    }

    /// A whole number within a range, or a problem saying which.
    mutating func whole(_ node: Node, _ what: String, _ range: ClosedRange<Int>) -> Int? {
        guard let v = wholeNumber(node, what) else { return nil }
        guard range.contains(v) else {
            problem(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(v)")
            return nil
        }
        return v
    }
}
