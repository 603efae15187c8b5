/// A small, seeded pseudo-random generator: xoshiro256** (Blackman & Vigna), its state
/// filled by SplitMix64 as its authors recommend.
///
/// Both algorithms are pure 64-bit integer arithmetic, so a seed gives the same numbers on
/// every platform and every Swift version — unlike `SystemRandomNumberGenerator`, and
/// unlike the standard library's `random(in:using:)`, whose algorithm is not promised.
/// The distribution helpers below use only `+ − × ÷` on doubles for the same reason.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// An independent stream for one part of a larger whole (an account of a portfolio):
    /// the same `(seed, stream)` always gives the same numbers, whatever other streams exist.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: SplitMix64.mix(seed ^ SplitMix64.mix(stream &+ 0x6A09_E667_F3BC_C909)))
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64 (Steele, Lea & Flood): used to seed `SeededRandom` and to hash seeds.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective scramble of 64 bits.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - Distributions

extension SeededRandom {
    /// Uniform in [0, 1), 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Uniform over `range`, one draw whatever the bound (Lemire's multiply-high, no
    /// rejection: the bias is below 2⁻³² for any range a portfolio needs).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        guard width != 0 else { return range.lowerBound &+ Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }

    /// An index into a collection of `count` elements (count ≥ 1).
    public mutating func index(below count: Int) -> Int { int(in: 0...(count - 1)) }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[index(below: items.count)] }

    /// Approximately standard normal: the Irwin–Hall sum of four uniforms, rescaled to
    /// variance 1. Bounded to ±3.46, which is what a synthetic portfolio wants anyway.
    public mutating func normal() -> Double {
        (unit() + unit() + unit() + unit() - 2.0) * 1.7320508075688772
    }

    /// A count with Poisson(`mean`) distribution (Knuth's product method; small means).
    public mutating func poisson(_ mean: Double) -> Int {
        poisson(expOfMinusMean: PortableMath.exp(-mean))
    }

    /// `poisson(_:)` with e^−mean computed once by the caller, for a loop of draws.
    mutating func poisson(expOfMinusMean limit: Double) -> Int {
        var product = unit()
        var count = 0
        while product > limit, count < 64 {
            product *= unit()
            count += 1
        }
        return count
    }
}

/// `exp` from basic arithmetic only, so that generated numbers do not depend on the
/// platform's libm (whose last bit may differ between glibc and Darwin).
public enum PortableMath {
    public static func exp(_ x: Double) -> Double {
        if x > 700 { return .infinity }
        if x < -700 { return 0 }
        let ln2 = 0.6931471805599453
        let n = (x / ln2).rounded()
        let r = x - n * ln2            // |r| ≤ ln2 / 2
        var term = 1.0, sum = 1.0
        for k in 1...16 {
            term = term * r / Double(k)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(n), significand: 1.0)
    }
}
