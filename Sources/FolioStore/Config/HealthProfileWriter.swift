import FolioDomain

/// Writes a health profile as YAML that `HealthProfileLoader` reads back as the same
/// profile, with comments for people: a header, and lines above each measure and the bands
/// (what the data showed, for a fitted profile).
public enum HealthProfileWriter {
    public static func yaml(_ profile: HealthProfile, header: [String] = [], measureNotes: [String: [String]] = [:],
                            bandNotes: [String] = [], trailer: [String] = []) -> String {
        var out: [String] = header.map { comment($0) }
        if !header.isEmpty { out.append("") }
        out.append("name: \(quoted(profile.name))")
        out.append("")
        out.append(contentsOf: bandNotes.map { comment($0) })
        if let preset = BandSet.presets.first(where: { $0 == profile.bands }) {
            out.append("bands: \(preset.name)")
        } else {
            out.append("bands:")
            for band in profile.bands.bands {
                out.append("  - { name: \(quoted(band.name)), min: \(Int(band.min)), max: \(Int(band.max)) }")
            }
        }
        out.append("low_confidence_share: \(number(profile.lowConfidenceShare))")
        out.append("")
        out.append("measures:")
        for (k, m) in profile.measures.enumerated() {
            if k > 0 { out.append("") }
            out.append(contentsOf: (measureNotes[m.name] ?? []).map { "  " + comment($0) })
            out.append(contentsOf: lines(m, indent: "    ", first: "  - "))
        }
        if !trailer.isEmpty {
            out.append("")
            out.append(contentsOf: trailer.map { comment($0) })
        }
        if !profile.tierMeasures.isEmpty {
            out.append("")
            out.append("tiers:")
            for tier in Account.Tier.allCases {
                guard let list = profile.tierMeasures[tier] else { continue }
                out.append("  \(tier.rawValue):")
                for m in list {
                    guard let b = profile.measures.first(where: { $0.name == m.name }), b != m else { continue }
                    var fields: [String] = []
                    if b.poor != m.poor { fields.append("poor: \(number(m.poor))") }
                    if b.healthy != m.healthy { fields.append("healthy: \(number(m.healthy))") }
                    if b.weight != m.weight { fields.append("weight: \(number(m.weight))") }
                    if b.direction != m.direction { fields.append("direction: \(m.direction.rawValue)") }
                    if b.cap != m.cap { fields.append("cap: " + (m.cap.map { "{ from: \(number($0.from)), max_score: \(number($0.maxScore)) }" } ?? "none")) }
                    if b.freshnessDays != m.freshnessDays { fields.append("fresh_days: " + (m.freshnessDays.map(String.init) ?? "none")) }
                    if !fields.isEmpty { out.append("    \(quoted(m.name)): { \(fields.joined(separator: ", ")) }") }
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func lines(_ m: HealthMeasure, indent: String, first: String) -> [String] {
        var out = ["\(first)name: \(quoted(m.name))"]
        out.append("\(indent)source: \(quoted(m.source.rawValue))")
        out.append("\(indent)group: \(quoted(m.group))")
        if let table = m.table {
            out.append("\(indent)scores:")
            for entry in table.entries {
                out.append("\(indent)  \(key(entry.key)): \(number(entry.score))")
            }
            if let other = table.otherwise { out.append("\(indent)other: \(number(other))") }
        } else {
            out.append("\(indent)direction: \(m.direction.rawValue)")
            out.append("\(indent)poor: \(number(m.poor))")
            out.append("\(indent)healthy: \(number(m.healthy))")
        }
        out.append("\(indent)weight: \(number(m.weight))")
        if let cap = m.cap, m.table == nil { out.append("\(indent)cap: { from: \(number(cap.from)), max_score: \(number(cap.maxScore)) }") }
        if let fresh = m.freshnessDays { out.append("\(indent)fresh_days: \(fresh)") }
        return out
    }

    static func comment(_ text: String) -> String { text.isEmpty ? "#" : "# " + text.split(separator: "\n").joined(separator: " ") }

    /// 12, 0.35, -30: as short as the value allows.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = MeasureSource.fixed(value, decimals: 4)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    static func key(_ key: ScoreTable.Key) -> String {
        switch key {
        case .numbers: return quoted(key.label)
        case .word(let w): return quoted(w)
        }
    }

    /// Plain when YAML reads it back as the same text; double-quoted otherwise.
    static func quoted(_ text: String) -> String {
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        let safe = text.unicodeScalars.allSatisfy { s in
            s.properties.isAlphabetic || ("0"..."9").contains(s) || " _-./()%:".unicodeScalars.contains(s)
        }
        let startsWell = text.unicodeScalars.first.map { $0.properties.isAlphabetic } ?? false
        if safe, startsWell, !text.hasSuffix(" "), !text.contains(": "), !text.hasSuffix(":"), !reserved.contains(text.lowercased()) {
            return text
        }
        var escaped = ""
        for s in text.unicodeScalars {
            switch s {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default:
                if s.value < 0x20 { escaped += "\\x" + String(s.value, radix: 16).leftPadded(2) } else { escaped.unicodeScalars.append(s) }
            }
        }
        return "\"\(escaped)\""
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
