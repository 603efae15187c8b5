import FolioDomain

/// Stores a snapshot's measures as compact text, one line per measure with tab-separated
/// fields: name, group, raw, score, weight, effective weight, points, input date, stale.
/// Hand-written rather than JSON: the daily run writes one per account, 100,000 at a time.
enum SnapshotCodec {
    static func encode(_ measures: [HealthSnapshot.MeasureResult]) -> String {
        var out = ""
        out.reserveCapacity(measures.count * 64)
        for (i, m) in measures.enumerated() {
            if i > 0 { out += "\n" }
            out += clean(m.name); out += "\t"
            out += clean(m.group); out += "\t"
            out += number(m.raw); out += "\t"
            out += number(m.score); out += "\t"
            out += number(m.weight); out += "\t"
            out += number(m.effectiveWeight); out += "\t"
            out += number(m.points); out += "\t"
            out += m.inputDate?.iso ?? ""; out += "\t"
            out += m.stale ? "1" : "0"
        }
        return out
    }

    static func decode(_ text: String) -> [HealthSnapshot.MeasureResult] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 9 else { return nil }
            return HealthSnapshot.MeasureResult(
                name: String(f[0]), group: String(f[1]), raw: Double(f[2]), score: Double(f[3]),
                weight: Double(f[4]) ?? 0, effectiveWeight: Double(f[5]) ?? 0, points: Double(f[6]) ?? 0,
                inputDate: Day(iso: f[7]), stale: f[8] == "1")
        }
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        // Four decimals are more than any measure needs and keep the text short and stable.
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }

    private static func clean(_ text: String) -> String {
        text.contains(where: { $0 == "\t" || $0 == "\n" }) ? text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") : text
    }
}
