import Testing
import FolioDomain

/// Properties over a few thousand seeded random accounts: the score stays in 0…100, never
/// falls when one measure improves, and the suggested lift, applied, reaches the band.
@Suite struct HealthPropertyTests {
    typealias F = HealthFixture

    /// Profiles exercising presets, an extra cap and a tier that differs.
    static let profiles: [HealthProfile] = {
        var goCSM = HealthFixture.classic
        goCSM.bands = .goCSM
        var capped = HealthFixture.classic
        capped.measures[0].cap = .init(from: 0.3, maxScore: 55)
        var smb = HealthFixture.classic.measures
        smb[3].poor = 120
        smb[3].healthy = 30
        smb[6].weight = 25
        capped.tierMeasures = [.smb: smb]
        return [HealthFixture.classic, goCSM, capped]
    }()

    struct Case {
        var profile: HealthProfile
        var tier: Account.Tier
        var inputs: HealthInputs
        var measures: [HealthMeasure] { profile.measures(for: tier) }

        func snapshot(_ inputs: HealthInputs? = nil) -> HealthSnapshot {
            HealthScoring.snapshot(accountID: "A1", tier: tier, profile: profile, inputs: inputs ?? self.inputs, asOf: F.asOf)
        }

        func bandIndex(_ s: HealthSnapshot) -> Int { s.band.flatMap(profile.bands.index(of:)) ?? -1 }

        func with(_ m: HealthMeasure, _ raw: Double) -> HealthInputs {
            var changed = inputs
            changed[m.source] = HealthInput(raw, at: inputs[m.source]?.date ?? F.asOf)
            return changed
        }
    }

    static func randomCase(_ rng: inout SeededRandom) -> Case {
        let profile = rng.pick(profiles)
        let tier = rng.pick(Account.Tier.allCases)
        var inputs = HealthInputs()
        for m in profile.measures(for: tier) where rng.chance(0.85) {
            let span = abs(m.healthy - m.poor)
            var low = Swift.min(m.poor, m.healthy) - span / 2, high = Swift.max(m.poor, m.healthy) + span / 2
            if let cap = m.cap { low = Swift.min(low, cap.from - span); high = Swift.max(high, cap.from + span) }
            var value = rng.uniform(low, high)
            if rng.chance(0.3) { value = rng.pick([m.poor, m.healthy, m.cap?.from ?? m.poor]) }
            if rng.chance(0.3) { value = (value / m.source.resolution).rounded() * m.source.resolution }
            inputs[m.source] = HealthInput(value, at: F.asOf.adding(days: -rng.int(in: 0...250)))
        }
        return Case(profile: profile, tier: tier, inputs: inputs)
    }

    @Test func scoreStaysInRangeAndAddsUp() {
        var rng = SeededRandom(seed: 2026)
        for _ in 0..<3000 {
            let c = Self.randomCase(&rng)
            let s = c.snapshot()
            let withData = c.measures.filter { c.inputs[$0.source] != nil }
            guard let score = s.score else {
                #expect(withData.isEmpty)
                #expect(s.band == nil)
                continue
            }
            #expect((0...100).contains(score))
            #expect(s.band == c.profile.bands.band(for: score).name)
            #expect(approx(s.measures.reduce(0) { $0 + $1.effectiveWeight }, 100, 1e-6))
            #expect(s.measures.reduce(0) { $0 + $1.points } >= score - 1e-6) // caps only lower it
            #expect(s.measures.count == c.measures.count)
        }
    }

    @Test func improvingOneMeasureNeverLowersTheScore() {
        var rng = SeededRandom(seed: 7)
        var checked = 0
        for _ in 0..<3000 {
            let c = Self.randomCase(&rng)
            let candidates = c.measures.filter { c.inputs[$0.source] != nil }
            guard !candidates.isEmpty else { continue }
            let m = rng.pick(candidates)
            let raw = c.inputs[m.source]!.value
            let step = rng.unit() * abs(m.healthy - m.poor) * 1.5
            let better = m.direction == .higherIsBetter ? raw + step : raw - step
            let before = c.snapshot(), after = c.snapshot(c.with(m, better))
            #expect(after.score! >= before.score! - 1e-9, "\(m.name) \(raw) → \(better)")
            #expect(c.bandIndex(after) >= c.bandIndex(before))
            checked += 1
        }
        #expect(checked > 2500)
    }

    @Test func smallestLiftAppliedReachesTheNextBand() {
        var rng = SeededRandom(seed: 99)
        var lifts = 0, none = 0
        for _ in 0..<3000 {
            let c = Self.randomCase(&rng)
            let s = c.snapshot()
            let outcome = HealthExplainer.lift(for: s, tier: c.tier, profile: c.profile, inputs: c.inputs, asOf: F.asOf)
            guard s.score != nil else { #expect(outcome == .noData); continue }
            let current = c.bandIndex(s)
            if current == c.profile.bands.bands.count - 1 { #expect(outcome == .topBand); continue }
            guard let lift = outcome.lift else {
                // No single measure, even at its healthy value, reaches the next band.
                for m in c.measures where c.inputs[m.source] != nil {
                    #expect(c.bandIndex(c.snapshot(c.with(m, m.healthy))) <= current, "\(m.name) at healthy lifts it")
                }
                none += 1
                continue
            }
            lifts += 1
            let m = c.measures.first { $0.name == lift.measure }!
            #expect(lift.from == c.inputs[m.source]!.value)
            #expect(m.isBetter(lift.to, than: lift.from))
            let applied = c.snapshot(c.with(m, lift.to))
            #expect(c.bandIndex(applied) > current, "\(lift.sentence)")
            #expect(applied.band == lift.band)
            #expect(approx(applied.score, lift.resultingScore))
            #expect(lift == HealthExplainer.smallestLift(for: s, tier: c.tier, profile: c.profile, inputs: c.inputs, asOf: F.asOf))
            // One step less does not (unless it would read the same as where it starts).
            let back = m.direction == .higherIsBetter ? lift.to - m.source.resolution : lift.to + m.source.resolution
            if m.isBetter(back, than: lift.from), m.source.format(back) != m.source.format(lift.from) {
                #expect(c.bandIndex(c.snapshot(c.with(m, back))) <= current, "\(lift.sentence): \(back) would do")
            }
        }
        #expect(lifts > 500 && none > 50)
    }

    /// Against a brute-force search over every measure's grid (values that read differently
    /// from where they start): no other single change is smaller.
    @Test func smallestLiftIsTheSmallest() {
        var rng = SeededRandom(seed: 5)
        for _ in 0..<1000 {
            let c = Self.randomCase(&rng)
            let s = c.snapshot()
            guard s.score != nil else { continue }
            let current = c.bandIndex(s)
            var smallest: Double?
            for m in c.measures {
                guard let from = c.inputs[m.source]?.value else { continue }
                let r = m.source.resolution, span = abs(m.healthy - m.poor)
                let sign = m.direction == .higherIsBetter ? 1.0 : -1.0
                var k = (from / r).rounded(m.direction == .higherIsBetter ? .down : .up)
                for _ in 0..<2000 {
                    k += sign
                    let raw = k * r
                    // As `smallestLift` says it: never "from 0.53 to 0.53".
                    guard m.isBetter(raw, than: from), m.source.format(raw) != m.source.format(from) else { continue }
                    if c.bandIndex(c.snapshot(c.with(m, raw))) > current {
                        smallest = Swift.min(smallest ?? .infinity, abs(raw - from) / span)
                        break
                    }
                    if m.score(raw: raw) == 100 && m.cap(raw: raw) == nil { break }
                }
            }
            let lift = HealthExplainer.smallestLift(for: s, tier: c.tier, profile: c.profile, inputs: c.inputs, asOf: F.asOf)
            #expect((lift == nil) == (smallest == nil))
            if let lift, let smallest {
                let m = c.measures.first { $0.name == lift.measure }!
                let size = abs(lift.to - lift.from) / abs(m.healthy - m.poor)
                #expect(size <= smallest + 1e-9, "\(lift.sentence)")
            }
        }
    }
}
