/// The smallest change to one measure that lifts an account into the next band up:
/// "seat utilisation from 0.52 to 0.61 → Yellow".
public struct BandLift: Hashable, Sendable, Codable {
    /// The band reached: the next one up, or higher when leaving a cap behind jumps past it.
    public var band: String
    /// The measure's name in the profile.
    public var measure: String
    public var from: Double
    /// A round value (to the source's `resolution`) that, applied, reaches `band`.
    public var to: Double
    /// The account score with `to` in place of `from`.
    public var resultingScore: Double
    public var sentence: String

    public init(band: String, measure: String, from: Double, to: Double, resultingScore: Double, sentence: String) {
        self.band = band
        self.measure = measure
        self.from = from
        self.to = to
        self.resultingScore = resultingScore
        self.sentence = sentence
    }
}

/// What `HealthExplainer.lift` found: a lift, or why there is none.
public enum LiftOutcome: Hashable, Sendable {
    case lift(BandLift)
    /// Already in the top band.
    case topBand
    /// No measure has data, so there is no score to lift.
    case noData
    /// No single measure can do it; the reason is a sentence for people.
    case outOfReach(reason: String)

    public var lift: BandLift? {
        if case .lift(let l) = self { return l }
        return nil
    }

    /// A sentence for people: the lift's own, or why there is none.
    public var sentence: String {
        switch self {
        case .lift(let l): l.sentence
        case .topBand: "already in the top band"
        case .noData: "no data, so no score to lift"
        case .outOfReach(let reason): reason
        }
    }
}

extension HealthExplainer {
    /// The smallest change to one measure (smallest relative to that measure's poor–healthy
    /// range) that lifts the account into the next band up; nil at the top band, without
    /// data, or when no single measure can do it (`lift(…)` says which).
    ///
    /// The account is re-scored from `inputs` with the profile of `tier`, so caps and
    /// redistribution count exactly as in `HealthScoring`; the snapshot supplies the account
    /// id. Only measures with data are candidates (a missing input has no "from"); an
    /// input keeps its date, so a stale one stays stale.
    public static func smallestLift(for snapshot: HealthSnapshot, tier: Account.Tier, profile: HealthProfile,
                                    inputs: HealthInputs, asOf: Day) -> BandLift? {
        lift(for: snapshot, tier: tier, profile: profile, inputs: inputs, asOf: asOf).lift
    }

    /// `smallestLift`, or the reason there is none.
    public static func lift(for snapshot: HealthSnapshot, tier: Account.Tier, profile: HealthProfile,
                            inputs: HealthInputs, asOf: Day) -> LiftOutcome {
        let measures = profile.measures(for: tier)
        func assess(_ inputs: HealthInputs) -> HealthAssessment {
            HealthScoring.assess(accountID: snapshot.accountID, measures: measures, bands: profile.bands,
                                 lowConfidenceShare: profile.lowConfidenceShare, inputs: inputs, asOf: asOf)
        }
        let now = assess(inputs)
        guard let score = now.snapshot.score, let uncapped = now.uncappedScore else { return .noData }
        let bands = profile.bands
        guard let target = bands.next(above: bands.band(for: score)), let targetIndex = bands.index(of: target.name) else {
            return .topBand
        }
        func reaches(_ s: HealthAssessment) -> Bool {
            guard let score = s.snapshot.score else { return false }
            return (bands.index(of: bands.band(for: score).name) ?? -1) >= targetIndex
        }
        // Rounding half away from zero: a score of target.min − 0.5 already reads as target.min.
        let needed = target.min - 0.5
        var weightWithData = 0.0
        for m in measures where inputs[m.source].flatMap(m.score(for:)) != nil { weightWithData += m.weight }

        // Caps that hold the score below the band: another measure cannot lift past them.
        let holding = now.caps.filter { $0.maxScore < needed }
        var best: (lift: BandLift, size: Double)?
        // Measures on a line only: a table's values are steps, not a range to move along.
        for m in measures where m.table == nil {
            guard let input = inputs[m.source], !input.value.isNaN else { continue }
            if holding.contains(where: { $0.measure != m.name }) { continue }
            let current = m.score(raw: input.value)
            let wanted = current + (needed - uncapped) * weightWithData / m.weight
            guard wanted <= 100 + 1e-9 else { continue }
            var candidate = wanted > current ? m.raw(forScore: wanted) : input.value
            // Its own cap must be left behind when it holds the score below the band.
            if let cap = m.cap, cap.maxScore < needed, m.cap(raw: candidate) != nil {
                candidate = m.direction == .higherIsBetter ? cap.from + m.source.resolution : cap.from - m.source.resolution
            }
            candidate = roundTowardsBetter(candidate, measure: m)
            if m.source.format(candidate) == m.source.format(input.value) || !m.isBetter(candidate, than: input.value) {
                candidate = step(candidate, measure: m, from: input.value)
            }
            // Check by re-scoring; a step further covers the last bit of floating-point error.
            var found: HealthAssessment?
            for _ in 0..<4 {
                var changed = inputs
                changed[m.source] = HealthInput(candidate, at: input.date)
                let after = assess(changed)
                if reaches(after) { found = after; break }
                candidate = step(candidate, measure: m, from: candidate)
            }
            guard let after = found, let resulting = after.snapshot.score else { continue }
            let size = abs(candidate - input.value) / abs(m.healthy - m.poor)
            if best.map({ size < $0.size }) ?? true {
                // The band reached: leaving a cap behind can jump past the next one.
                let reached = bands.band(for: resulting).name
                let sentence = "\(m.name) from \(m.source.format(input.value)) to \(m.source.format(candidate)) → \(reached)"
                best = (BandLift(band: reached, measure: m.name, from: input.value, to: candidate,
                                 resultingScore: resulting, sentence: sentence), size)
            }
        }
        if let best { return .lift(best.lift) }
        if holding.count > 1 {
            let names = holding.map(\.measure).joined(separator: " and ")
            return .outOfReach(reason: "the score is capped by \(names); no single change lifts it to \(target.name)")
        }
        return .outOfReach(reason: "no single measure can lift it to \(target.name) on its own")
    }

    /// `raw` moved onto the source's grid (0.01, 1 day…) in the better direction.
    static func roundTowardsBetter(_ raw: Double, measure m: HealthMeasure) -> Double {
        let r = m.source.resolution
        let units = raw / r
        // The tolerance keeps 0.61 (60.99999… hundredths) at 0.61 rather than 0.62.
        let rounded = m.direction == .higherIsBetter ? (units - 1e-7).rounded(.up) : (units + 1e-7).rounded(.down)
        return rounded * r
    }

    /// The next grid value beyond `raw` in the better direction, and if that still reads
    /// the same as `from` when shown ("0.53 to 0.53"), one more.
    static func step(_ raw: Double, measure m: HealthMeasure, from: Double) -> Double {
        let r = m.direction == .higherIsBetter ? m.source.resolution : -m.source.resolution
        let next = roundTowardsBetter(raw + r, measure: m)
        return m.source.format(next) == m.source.format(from) ? roundTowardsBetter(next + r, measure: m) : next
    }
}
