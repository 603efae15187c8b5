extension HealthExplainer {
    /// One plain-English paragraph on why the account has its score: the score and band,
    /// the measures that pull it down most, missing and stale inputs, caps, low confidence.
    ///
    /// The snapshot does not say which tier's measures scored it; this finds the measure
    /// list (the profile's or a tier's) that reproduces the snapshot's measure scores. Pass
    /// the tier when known: `summary(of:tier:profile:)`.
    public static func summary(of snapshot: HealthSnapshot, profile: HealthProfile) -> String {
        summary(of: snapshot, measures: definitions(for: snapshot, in: profile), bands: profile.bands)
    }

    public static func summary(of snapshot: HealthSnapshot, tier: Account.Tier, profile: HealthProfile) -> String {
        summary(of: snapshot, measures: profile.measures(for: tier), bands: profile.bands)
    }

    /// The measure list whose curves give the snapshot's scores: a tier's if one fits
    /// better than the profile's own list.
    static func definitions(for snapshot: HealthSnapshot, in profile: HealthProfile) -> [HealthMeasure] {
        func fits(_ list: [HealthMeasure]) -> Bool {
            let byName = Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            return snapshot.measures.allSatisfy { r in
                guard let m = byName[r.name] else { return false }
                guard let raw = r.raw, let score = r.score, let now = m.score(for: HealthInput(raw, at: snapshot.date)) else {
                    return abs(m.weight - r.weight) < 0.001
                }
                return abs(now - score) < 0.01 && abs(m.weight - r.weight) < 0.001
            }
        }
        if fits(profile.measures) { return profile.measures }
        for tier in Account.Tier.allCases {
            if let list = profile.tierMeasures[tier], fits(list) { return list }
        }
        return profile.measures
    }

    static func summary(of snapshot: HealthSnapshot, measures: [HealthMeasure], bands: BandSet) -> String {
        let byName = Dictionary(measures.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func show(_ r: HealthSnapshot.MeasureResult) -> String { r.rawText(source: byName[r.name]?.source) }
        guard let score = snapshot.score else {
            return "No data: none of the \(snapshot.measures.count) measures had an input on \(snapshot.date.iso), "
                + "so there is no score (shown as \u{201C}no data\u{201D}, not 0)."
        }
        var sentences: [String] = []
        let band = bands.band(for: score)
        let whole = Int(Swift.min(100, Swift.max(0, score.rounded())))
        if let next = bands.next(above: band) {
            sentences.append("Scores \(whole) of 100: \(band.name) (\(band.range)); \(next.name) starts at \(Int(next.min)).")
        } else {
            sentences.append("Scores \(whole) of 100: \(band.name) (\(band.range)), the top band.")
        }

        // What each measure leaves on the table: its share of the score it does not earn.
        let withData = snapshot.measures.filter { $0.score != nil }
        let lost = withData.map { ($0, $0.effectiveWeight - $0.points) }
            .filter { $0.1 >= 0.5 }
            .sorted { $0.1 > $1.1 }
            .prefix(3)
        if lost.isEmpty {
            sentences.append("Every measure with data is at or near healthy.")
        } else {
            let parts = lost.map { r, _ in
                "\(r.name) (\(show(r)), \(points(r.points)) of its \(points(r.effectiveWeight)) points)"
            }
            sentences.append("Pulling it down most: \(list(parts)).")
        }

        let missing = snapshot.measures.filter { $0.score == nil }
        if !missing.isEmpty {
            let weight = missing.reduce(0) { $0 + $1.weight }
            let their = missing.count == 1 ? "its" : "their"
            sentences.append("No data for \(list(missing.map(\.name))): \(their) weight (\(points(weight))) was spread over the other measures.")
        }

        let stale = withData.filter(\.stale)
        if !stale.isEmpty {
            let parts = stale.map { r in r.inputDate.map { "\(r.name) (from \($0.iso))" } ?? r.name }
            sentences.append("Stale input\(stale.count == 1 ? "" : "s"): \(list(parts)).")
        }

        let uncapped = withData.reduce(0) { $0 + $1.points }
        if score < uncapped - 0.01 {
            let holding = withData.filter { r in
                guard let raw = r.raw, let limit = byName[r.name]?.cap(raw: raw) else { return false }
                return abs(limit - score) < 0.01
            }
            let because = holding.compactMap { r -> String? in
                guard let cap = byName[r.name]?.cap, let m = byName[r.name] else { return nil }
                let beyond = m.direction == .higherIsBetter ? "or less" : "or more"
                return "\(r.name) is \(show(r)) (\(m.source.format(cap.from)) \(beyond) caps the score at \(points(cap.maxScore)))"
            }
            let reason = because.isEmpty ? "" : " because \(list(because))"
            sentences.append("Capped at \(points(score))\(reason); without the cap it would be \(Int(uncapped.rounded())).")
        }

        if snapshot.lowConfidence {
            if snapshot.confidenceReason == .missingInputs {
                let share = Int((snapshot.missingShare * 100).rounded())
                sentences.append("Low confidence: measures with no data hold \(share) % of the profile's weight.")
            } else {
                sentences.append("Low confidence: stale inputs carry \(Int((snapshot.staleShare * 100).rounded())) % of the score.")
            }
        }
        return sentences.joined(separator: " ")
    }

    /// "12", "7.5": points to one decimal, without a trailing ".0".
    static func points(_ value: Double) -> String {
        let text = MeasureSource.fixed(value, decimals: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
