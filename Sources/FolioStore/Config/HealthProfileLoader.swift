import FolioDomain
import Foundation
import Yams

/// Reads a health profile (YAML) and refuses a bad one with `file:line:column: what is
/// wrong`, every problem at once. The format, in full:
///
/// ```yaml
/// name: standard                   # optional; defaults to the file's name
/// bands: red-yellow-green          # or gocsm, or a list: [{name: Red, min: 0, max: 40}, …]
/// low_confidence_share: 0.5        # optional, 0–1
/// measures:
///   - name: days payment overdue   # unique; how tiers refer to it
///     source: days-overdue         # one of MeasureSource's names
///     group: commercial
///     direction: lower-is-better   # optional; must agree with poor and healthy
///     poor: 30
///     healthy: 0
///     weight: 10                   # more than 0
///     cap: { from: 60, max_score: 40 }   # optional
///     fresh_days: 14               # optional
///   - name: latest NPS answer      # or a table instead of poor and healthy:
///     source: nps-latest
///     group: sentiment
///     scores: { 0-6: 0, 7: 40, 8: 65, 9: 85, 10: 100 }
///     other: 50                    # optional: the score of a value no entry names
///     weight: 10
/// tiers:                           # optional; per tier, per measure, fields to override
///   smb:
///     days since last activity: { poor: 120, healthy: 30 }
/// ```
public enum HealthProfileLoader {
    public static func load(path: String) throws(ImportFailed) -> HealthProfile {
        do {
            return try read(path: path)
        } catch {
            throw error.asSettings("health profile")
        }
    }

    static func read(path: String) throws(ImportFailed) -> HealthProfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            let why = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw ImportFailed(problems: [ImportProblem(file: path, line: 1, column: 1, message: why)], truncated: false)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportFailed(problems: [ImportProblem(file: path, line: 1, column: 1, message: "is not UTF-8 text")], truncated: false)
        }
        let base = (path as NSString).lastPathComponent
        let stem = (base as NSString).deletingPathExtension
        return try load(yaml: text, file: path, defaultName: stem.isEmpty ? base : stem)
    }

    /// `file` is the name used in messages; the profile's name defaults to it.
    public static func load(yaml: String, file: String) throws(ImportFailed) -> HealthProfile {
        try load(yaml: yaml, file: file, defaultName: file)
    }

    static func load(yaml: String, file: String, defaultName: String) throws(ImportFailed) -> HealthProfile {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ImportFailed(problems: [ImportProblem(file: file, line: 1, column: 1,
                                                            message: "is empty; expected a health profile with `measures:`")],
                                   truncated: false)
            }
            root = node
        } catch let e as ImportFailed {
            throw e
        } catch let e as YamlError {
            let (line, column) = position(of: e)
            throw ImportFailed(problems: [ImportProblem(file: file, line: line, column: column, message: message(for: e))],
                               truncated: false)
        } catch {
            throw ImportFailed(problems: [ImportProblem(file: file, line: 1, column: 1, message: "YAML syntax: \(error)")],
                               truncated: false)
        }
        var reader = ProfileReader(file: file)
        let profile = reader.profile(root, defaultName: defaultName)
        guard let profile, reader.problems.isEmpty else {
            // In file order, as an editor would walk them.
            let sorted = reader.problems.enumerated().sorted { a, b in
                (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
            }.map(\.element)
            throw ImportFailed(problems: sorted, truncated: false)
        }
        return profile
    }

    static func position(of error: YamlError) -> (Int, Int) {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return (mark.line, mark.column)
        case let .duplicatedKeysInMapping(_, context):
            return (context.mark.line, context.mark.column)
        default:
            return (1, 1)
        }
    }

    static func message(for error: YamlError) -> String {
        if case let .duplicatedKeysInMapping(keys, _) = error {
            let names = keys.map { "\"\($0)\"" }.joined(separator: ", ")
            return "\(names) \(keys.count == 1 ? "is" : "are") given more than once in the same mapping; keep one"
        }
        return "YAML syntax: \(ImportMapping.summary(of: error))"
    }
}

/// Walks the composed YAML, collecting problems as it goes.
struct ProfileReader {
    let file: String
    var problems: [ImportProblem] = []

    init(file: String) { self.file = file }

    static let topKeys = ["name", "bands", "low_confidence_share", "measures", "tiers"]
    static let measureKeys = ["name", "source", "group", "direction", "poor", "healthy", "weight", "cap", "fresh_days", "scores", "other"]
    static let tierKeys = ["direction", "poor", "healthy", "weight", "cap", "fresh_days", "scores", "other"]
    static let capKeys = ["from", "max_score"]
    static let bandKeys = ["name", "min", "max"]

    mutating func problem(_ node: Node, _ message: String) {
        problems.append(ImportProblem(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message))
    }

    // MARK: Values

    /// A mapping's entries by key, refusing unknown and repeated keys.
    mutating func entries(_ node: Node, allowed: [String], what: String) -> [String: (key: Node, value: Node)]? {
        guard let mapping = node.mapping else {
            problem(node, "\(what) must be a mapping with keys \(allowed.joined(separator: ", "))")
            return nil
        }
        var out: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { problem(key, "\(what): keys must be plain words"); continue }
            if !allowed.contains(name) {
                problem(key, "unknown key \"\(name)\" in \(what); expected \(Self.alternatives(allowed))")
            } else if let earlier = out[name] {
                problem(key, "\"\(name)\" is given twice in \(what) (first on line \(earlier.key.mark?.line ?? 1))")
            } else {
                out[name] = (key, value)
            }
        }
        return out
    }

    /// A finite number; `yes`/`no` read as 1/0 (for "sponsor present").
    mutating func number(_ node: Node, _ what: String) -> Double? {
        if let scalar = node.scalar, scalar.style == .plain || scalar.style == .any {
            if let value = node.float, value.isFinite {
                guard abs(value) <= Self.largestNumber else {
                    problem(node, "\(what) must be between -\(Self.show(Self.largestNumber)) and \(Self.show(Self.largestNumber)), not \(Self.show(value))")
                    return nil
                }
                return value
            }
            if let flag = node.bool { return flag ? 1 : 0 }
        }
        problem(node, "\(what) must be a number, not \(Self.describe(node))")
        return nil
    }

    mutating func text(_ node: Node, _ what: String) -> String? {
        if let scalar = node.scalar, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty { return scalar.string }
        problem(node, "\(what) must be text, not \(Self.describe(node))")
        return nil
    }

    mutating func wholeNumber(_ node: Node, _ what: String) -> Int? {
        guard let value = number(node, what) else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else {
            problem(node, "\(what) must be a whole number, not \(node.scalar?.string ?? "")")
            return nil
        }
        return Int(value)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): s.string.isEmpty ? "nothing" : "\"\(s.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    static func alternatives(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
    }

    // MARK: The profile

    mutating func profile(_ root: Node, defaultName: String) -> HealthProfile? {
        guard let top = entries(root, allowed: Self.topKeys, what: "the health profile") else { return nil }
        var name = defaultName
        if let node = top["name"]?.value, let text = text(node, "name") { name = text }
        var bands = BandSet.redYellowGreen
        if let node = top["bands"]?.value, let read = bandSet(node) { bands = read }
        var share = 0.5
        if let node = top["low_confidence_share"]?.value, let value = number(node, "low_confidence_share") {
            if (0...1).contains(value) { share = value } else {
                problem(node, "low_confidence_share must be between 0 and 1 (a share of the score), not \(node.scalar?.string ?? "")")
            }
        }
        guard let (measuresKey, measuresNode) = top["measures"] else {
            problem(root, "the health profile has no `measures:`; expected a list of measures")
            return nil
        }
        guard let list = measuresNode.sequence, !list.isEmpty else {
            problem(measuresNode.sequence == nil ? measuresNode : measuresKey, "measures must be a list of at least one measure")
            return nil
        }
        var measures: [HealthMeasure] = []
        var lines: [String: Node] = [:]
        // Names of measures refused above too, so tiers naming them add no second complaint.
        let declared = Set(list.compactMap { $0.mapping?["name"]?.scalar?.string })
        for node in list {
            guard let (measure, nameNode) = self.measure(node) else { continue }
            if let first = lines[measure.name] {
                problem(nameNode, "measure \"\(measure.name)\" is already defined on line \(first.mark?.line ?? 1); names must be unique")
                continue
            }
            lines[measure.name] = nameNode
            measures.append(measure)
        }
        var tierMeasures: [Account.Tier: [HealthMeasure]] = [:]
        if let node = top["tiers"]?.value {
            tierMeasures = tiers(node, measures: measures, declared: declared)
        }
        return HealthProfile(name: name, measures: measures, bands: bands, tierMeasures: tierMeasures, lowConfidenceShare: share)
    }

    // MARK: Measures

    mutating func measure(_ node: Node) -> (HealthMeasure, Node)? {
        guard let fields = entries(node, allowed: Self.measureKeys, what: "a measure") else { return nil }
        let label = fields["name"].flatMap { $0.value.scalar?.string }.map { "measure \"\($0)\"" } ?? "a measure"
        // A table replaces the line from poor to healthy.
        let tabled = fields["scores"] != nil
        let required = tabled ? ["name", "source", "group", "weight"] : ["name", "source", "group", "poor", "healthy", "weight"]
        for key in required where fields[key] == nil {
            problem(node, "\(label) has no `\(key)`\(key == "poor" || key == "healthy" ? " (or `scores:`, a score per value)" : "")")
        }
        if tabled {
            for key in ["poor", "healthy", "direction", "cap"] {
                if let entry = fields[key] { problem(entry.key, "\(label): `\(key)` has no use with `scores:`; a table scores each value itself") }
            }
        } else if let entry = fields["other"] {
            problem(entry.key, "\(label): `other` goes with `scores:` (the score of a value the table does not name)")
        }
        guard let nameNode = fields["name"]?.value, let name = text(nameNode, "name"),
              let sourceNode = fields["source"]?.value, let groupNode = fields["group"]?.value,
              let weightNode = fields["weight"]?.value else { return nil }
        let source = self.source(sourceNode)
        let group = text(groupNode, "group")
        let weight = number(weightNode, "weight")
        var failed = false
        var fresh: Int?
        if let node = fields["fresh_days"]?.value { if let f = freshDays(node) { fresh = f } else { failed = true } }
        if tabled {
            guard let scoresNode = fields["scores"]?.value else { return nil }
            var otherScore: Double?
            if let node = fields["other"]?.value {
                if let v = score(node, "other") { otherScore = v } else { failed = true }
            }
            guard let table = table(scoresNode, other: otherScore, label: label),
                  let source, let group, let weight, !failed else { return nil }
            if let problemText = fit(table, to: source, label: label) { problem(scoresNode, problemText); return nil }
            let measure = HealthMeasure(name: name, source: source, group: group, poor: 0, healthy: 100, weight: weight,
                                        freshnessDays: fresh, table: table)
            guard checkWeight(measure, label: label, weight: weightNode) else { return nil }
            return (measure, nameNode)
        }
        guard let poorNode = fields["poor"]?.value, let healthyNode = fields["healthy"]?.value else { return nil }
        let poor = number(poorNode, "poor")
        let healthy = number(healthyNode, "healthy")
        var direction: MeasureDirection?
        if let node = fields["direction"]?.value { direction = self.direction(node); failed = failed || direction == nil }
        var cap: HealthMeasure.Cap?
        if let node = fields["cap"]?.value { if let c = self.cap(node) { cap = c } else { failed = true } }
        guard let source, let group, let poor, let healthy, let weight, !failed else { return nil }
        let measure = HealthMeasure(name: name, source: source, group: group, direction: direction,
                                    poor: poor, healthy: healthy, weight: weight, cap: cap, freshnessDays: fresh)
        guard check(measure, label: label, weight: weightNode, healthy: healthyNode, direction: fields["direction"]?.value) else { return nil }
        return (measure, nameNode)
    }

    /// `scores: { 0-6: 0, 7: 40 }` or `{ monthly: 0, annual: 70 }`: keys are numbers,
    /// ranges of numbers (`0-6`, both ends included) or words; values scores 0–100.
    mutating func table(_ node: Node, other: Double?, label: String) -> ScoreTable? {
        guard let mapping = node.mapping, !mapping.isEmpty else {
            problem(node, "\(label): scores must map values to scores, e.g. `{ 0-6: 0, 7: 40, 8: 65, 9: 85, 10: 100 }` or `{ monthly: 0, annual: 70 }`")
            return nil
        }
        var entries: [ScoreTable.Entry] = []
        var failed = false
        var seen: [ScoreTable.Key: Node] = [:]
        for (keyNode, valueNode) in mapping {
            guard let text = keyNode.scalar?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                problem(keyNode, "\(label): a key of scores must be a value (a number, a range like 0-6, or a word)")
                failed = true
                continue
            }
            let key = Self.tableKey(text)
            if case let .numbers(low, high) = key, low > high {
                problem(keyNode, "\(label): the range \(text) runs backwards; write the lower end first")
                failed = true
                continue
            }
            if let earlier = seen[key] {
                problem(keyNode, "\(label): \"\(text)\" is given twice in scores (first on line \(earlier.mark?.line ?? 1))")
                failed = true
                continue
            }
            seen[key] = keyNode
            guard let value = score(valueNode, "the score of \(text)") else { failed = true; continue }
            entries.append(ScoreTable.Entry(key, score: value))
        }
        return failed ? nil : ScoreTable(entries: entries, otherwise: other)
    }

    /// "7" → 7…7, "0-6" / "0–6" / "-5--1" → a range, anything else a word.
    static func tableKey(_ text: String) -> ScoreTable.Key {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let value = Double(t), value.isFinite { return .numbers(low: value, high: value) }
        let chars = Array(t)
        for i in chars.indices.dropFirst() where (chars[i] == "-" || chars[i] == "–") && chars[i - 1] != "-" && chars[i - 1] != "e" {
            let low = String(chars[..<i]).trimmingCharacters(in: .whitespaces)
            let high = String(chars[(i + 1)...]).trimmingCharacters(in: .whitespaces)
            if let a = Double(low), let b = Double(high), a.isFinite, b.isFinite { return .numbers(low: a, high: b) }
        }
        return .word(t)
    }

    /// A table keyed by words reads words: only an attribute has them.
    func fit(_ table: ScoreTable, to source: MeasureSource, label: String) -> String? {
        if source.attributeName != nil { return nil }
        if let word = table.entries.first(where: { if case .word = $0.key { true } else { false } }) {
            return "\(label): \(source.rawValue) is a number, so scores needs numbers or ranges, not \"\(word.key.label)\""
        }
        return nil
    }

    mutating func score(_ node: Node, _ what: String) -> Double? {
        guard let value = number(node, what) else { return nil }
        guard (0...100).contains(value) else {
            problem(node, "\(what) must be a score between 0 and 100, not \(node.scalar?.string ?? "")")
            return nil
        }
        return value
    }

    mutating func checkWeight(_ m: HealthMeasure, label: String, weight: Node) -> Bool {
        guard m.weight > 0 else {
            problem(weight, "\(label): weight must be more than 0, not \(Self.show(m.weight)); leave the measure out instead")
            return false
        }
        return true
    }

    /// The rules every measure keeps, wherever its fields came from.
    mutating func check(_ m: HealthMeasure, label: String, weight: Node, healthy: Node, direction: Node?) -> Bool {
        var ok = true
        if m.weight <= 0 {
            problem(weight, "\(label): weight must be more than 0, not \(Self.show(m.weight)); leave the measure out instead")
            ok = false
        } else if m.weight > Self.largestWeight {
            // Weights are relative; a bound keeps every weighted sum finite.
            problem(weight, "\(label): weight must be at most \(Self.show(Self.largestWeight)), not \(Self.show(m.weight))")
            ok = false
        }
        if m.poor == m.healthy {
            problem(healthy, "\(label): poor and healthy are both \(Self.show(m.poor)); a measure needs a range between them")
            ok = false
        } else if (m.direction == .higherIsBetter) != (m.healthy > m.poor) {
            let needs = m.direction == .higherIsBetter ? "healthy above poor" : "healthy below poor"
            problem(direction ?? healthy, "\(label): direction \(m.direction.rawValue) needs \(needs), but poor is \(Self.show(m.poor)) and healthy \(Self.show(m.healthy))")
            ok = false
        }
        return ok
    }

    static let largestWeight = 1_000.0
    /// Past any real threshold (a trillion key actions), small enough that sums stay finite.
    static let largestNumber = 1e12

    static func show(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    mutating func source(_ node: Node) -> MeasureSource? {
        if let s = node.scalar?.string, let source = MeasureSource(rawValue: s) { return source }
        if let s = node.scalar?.string, s.hasPrefix(MeasureSource.attributePrefix) {
            problem(node, "attribute name \"\(s.dropFirst(MeasureSource.attributePrefix.count))\" must be letters, digits, _, -, . or spaces, e.g. attribute:plan")
            return nil
        }
        problem(node, "unknown source \(Self.describe(node)); expected one of \(MeasureSource.allCases.map(\.rawValue).joined(separator: ", ")) or attribute:NAME (an account attribute)")
        return nil
    }

    mutating func direction(_ node: Node) -> MeasureDirection? {
        if let s = node.scalar?.string, let d = MeasureDirection(rawValue: s) { return d }
        problem(node, "unknown direction \(Self.describe(node)); expected higher-is-better or lower-is-better")
        return nil
    }

    /// `cap: {from, max_score}`; `cap: none` (or empty) means no cap, for tiers to remove one.
    /// Returns nil on a problem, .some(nil) for no cap.
    mutating func cap(_ node: Node) -> HealthMeasure.Cap?? {
        if let s = node.scalar?.string, ["none", "", "~", "null"].contains(s.lowercased()) { return .some(nil) }
        guard let fields = entries(node, allowed: Self.capKeys, what: "cap") else { return nil }
        for required in Self.capKeys where fields[required] == nil { problem(node, "cap has no `\(required)`") }
        guard let fromNode = fields["from"]?.value, let maxNode = fields["max_score"]?.value,
              let from = number(fromNode, "cap from"), let max = number(maxNode, "cap max_score") else { return nil }
        guard (0...100).contains(max) else {
            problem(maxNode, "cap max_score must be a score between 0 and 100, not \(maxNode.scalar?.string ?? "")")
            return nil
        }
        return .some(HealthMeasure.Cap(from: from, maxScore: max))
    }

    /// `fresh_days: 14`; `none` means never stale. Returns nil on a problem.
    mutating func freshDays(_ node: Node) -> Int?? {
        if let s = node.scalar?.string, ["none", "", "~", "null"].contains(s.lowercased()) { return .some(nil) }
        guard let days = wholeNumber(node, "fresh_days") else { return nil }
        guard days >= 0 else { problem(node, "fresh_days must be 0 or more days, not \(days)"); return nil }
        return .some(days)
    }

    // MARK: Tiers

    mutating func tiers(_ node: Node, measures: [HealthMeasure], declared: Set<String>) -> [Account.Tier: [HealthMeasure]] {
        let tierNames = Account.Tier.allCases.map(\.rawValue)
        guard let byTier = entries(node, allowed: tierNames, what: "tiers") else { return [:] }
        var out: [Account.Tier: [HealthMeasure]] = [:]
        for tier in Account.Tier.allCases {
            guard let overrides = byTier[tier.rawValue]?.value else { continue }
            guard let mapping = overrides.mapping else {
                problem(overrides, "tier \(tier.rawValue) must map measure names to the fields that differ, e.g. `days since last activity: { poor: 120 }`")
                continue
            }
            var list = measures
            var seen: Set<String> = []
            for (key, value) in mapping {
                let name = key.scalar?.string ?? ""
                guard let index = list.firstIndex(where: { $0.name == name }) else {
                    if declared.contains(name) { continue }
                    problem(key, "tier \(tier.rawValue): no measure named \"\(name)\"; expected one of \(measures.map { "\"\($0.name)\"" }.joined(separator: ", "))")
                    continue
                }
                guard seen.insert(name).inserted else {
                    problem(key, "tier \(tier.rawValue): \"\(name)\" is given twice")
                    continue
                }
                if let changed = override(list[index], with: value, tier: tier) { list[index] = changed }
            }
            if list != measures { out[tier] = list }
        }
        return out
    }

    mutating func override(_ base: HealthMeasure, with node: Node, tier: Account.Tier) -> HealthMeasure? {
        let label = "tier \(tier.rawValue), measure \"\(base.name)\""
        guard let fields = entries(node, allowed: Self.tierKeys, what: label) else { return nil }
        var m = base
        var failed = false
        if let n = fields["poor"]?.value { if let v = number(n, "poor") { m.poor = v } else { failed = true } }
        if let n = fields["healthy"]?.value { if let v = number(n, "healthy") { m.healthy = v } else { failed = true } }
        if let n = fields["weight"]?.value { if let v = number(n, "weight") { m.weight = v } else { failed = true } }
        if let n = fields["direction"]?.value { if let v = direction(n) { m.direction = v } else { failed = true } }
        if let n = fields["cap"]?.value { if let v = cap(n) { m.cap = v } else { failed = true } }
        if let n = fields["fresh_days"]?.value { if let v = freshDays(n) { m.freshnessDays = v } else { failed = true } }
        if m.table != nil || fields["scores"] != nil {
            for key in ["poor", "healthy", "direction", "cap"] where fields[key] != nil {
                problem(fields[key]!.key, "\(label): `\(key)` has no use on a measure scored by a table")
                failed = true
            }
            var other = m.table?.otherwise
            if let n = fields["other"]?.value { if let v = score(n, "other") { other = v } else { failed = true } }
            if let n = fields["scores"]?.value {
                if let t = table(n, other: other, label: label) {
                    if let why = fit(t, to: m.source, label: label) { problem(n, why); failed = true } else { m.table = t }
                } else { failed = true }
            } else {
                m.table?.otherwise = other
            }
            guard !failed else { return nil }
            guard checkWeight(m, label: label, weight: fields["weight"]?.value ?? node) else { return nil }
            return m
        }
        if let entry = fields["other"] {
            problem(entry.key, "\(label): `other` goes with `scores:` (the score of a value the table does not name)")
            failed = true
        }
        guard !failed else { return nil }
        let at = { (key: String) in fields[key]?.value ?? node }
        let directionNode = fields["direction"]?.value ?? fields["healthy"]?.value ?? fields["poor"]?.value
        guard check(m, label: label, weight: at("weight"), healthy: at("healthy"), direction: directionNode) else { return nil }
        return m
    }

    // MARK: Bands

    mutating func bandSet(_ node: Node) -> BandSet? {
        if let name = node.scalar?.string {
            if let preset = BandSet.presets.first(where: { $0.name == name.lowercased() }) { return preset }
            problem(node, "unknown bands \"\(name)\"; expected \(BandSet.presets.map(\.name).joined(separator: " or ")) or a list of {name, min, max}")
            return nil
        }
        guard let list = node.sequence, !list.isEmpty else {
            problem(node, "bands must be red-yellow-green, gocsm or a list of {name, min, max}, lowest first")
            return nil
        }
        var bands: [(Band, Node)] = []
        var failed = false
        for item in list {
            guard let fields = entries(item, allowed: Self.bandKeys, what: "a band") else { failed = true; continue }
            for required in Self.bandKeys where fields[required] == nil { problem(item, "band has no `\(required)`"); failed = true }
            guard let nameNode = fields["name"]?.value, let minNode = fields["min"]?.value, let maxNode = fields["max"]?.value,
                  let name = text(nameNode, "band name"),
                  let min = wholeNumber(minNode, "band min"), let max = wholeNumber(maxNode, "band max") else { failed = true; continue }
            if min > max {
                problem(minNode, "band \(name) runs from \(min) down to \(max); min must not be above max")
                failed = true
                continue
            }
            if let twin = bands.first(where: { $0.0.name == name }) {
                problem(nameNode, "band \(name) is already defined on line \(twin.1.mark?.line ?? 1)")
                failed = true
                continue
            }
            bands.append((Band(name: name, min: Double(min), max: Double(max)), item))
        }
        guard !failed, let first = bands.first, let last = bands.last else { return nil }
        let start = errors
        if first.0.min != 0 {
            problem(first.1, "bands must start at 0, but \(first.0.name) starts at \(Int(first.0.min)); scores 0–\(Int(first.0.min) - 1) would have no band")
        }
        for (previous, next) in zip(bands, bands.dropFirst()) {
            let (a, b) = (previous.0, next.0)
            if b.min <= a.max {
                problem(next.1, "band \(b.name) (\(b.range)) overlaps \(a.name) (\(a.range)); it should start at \(Int(a.max) + 1)")
            } else if b.min > a.max + 1 {
                let hole = b.min == a.max + 2 ? "\(Int(a.max) + 1) is" : "\(Int(a.max) + 1)–\(Int(b.min) - 1) are"
                problem(next.1, "gap between \(a.name) (\(a.range)) and \(b.name) (\(b.range)): \(hole) in no band; start \(b.name) at \(Int(a.max) + 1)")
            }
        }
        if last.0.max != 100 {
            problem(last.1, "bands must end at 100, but \(last.0.name) ends at \(Int(last.0.max))")
        }
        guard errors == start else { return nil }
        return BandSet(name: "custom", bands: bands.map(\.0))
    }

    var errors: Int { problems.count }
}
