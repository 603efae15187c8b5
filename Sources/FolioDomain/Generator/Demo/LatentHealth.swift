/// An account's hidden health: how well it is really going, 0 (on its way out) to 1
/// (thriving), week by week. The demo draws every account's usage, engagement, NPS answers,
/// support cases and payments from it, each with its own noise, and never stores it: the
/// health score has to infer it from those records. Outcomes drawn from it (churned,
/// renewed) are what a backtest of the score can be measured against.
public struct LatentHealth: Hashable, Sendable {
    /// One value per usage week, oldest first, then the value on the as-of day.
    public let weekly: [Double]

    /// Values outside 0…1 are clamped.
    public init(weekly: [Double]) {
        precondition(!weekly.isEmpty, "a latent health needs at least one value")
        self.weekly = weekly.map { min(1, max(0, $0)) }
    }

    /// The value on the as-of day.
    public var asOf: Double { weekly[weekly.count - 1] }

    /// The value in week `index` (0 = the first usage week), held at the ends.
    public subscript(week index: Int) -> Double { weekly[min(weekly.count - 1, max(0, index))] }

    /// The chance a customer of latent health `h` leaves at a renewal: a half at 0.35,
    /// about one in eight at 0.5, one in a hundred at 0.7. A draw, not a rule: some healthy
    /// customers leave and some sick ones stay, so no score can rank them perfectly.
    public static func leavingChance(_ h: Double) -> Double {
        1 / (1 + PortableMath.exp((h - 0.35) / 0.08))
    }

    /// A random walk of `count` values: starts at `start`, moves by `drift` a week plus a
    /// normal step of `volatility`, and stays within 0.03…0.98 (nobody is certain to stay
    /// or to leave).
    static func walk(start: Double, drift: Double, volatility: Double, count: Int,
                     using rng: inout SeededRandom) -> LatentHealth {
        var values: [Double] = []
        values.reserveCapacity(count)
        var value = start
        for _ in 0..<count {
            values.append(value)
            value = min(0.98, max(0.03, value + drift + volatility * rng.normal()))
        }
        return LatentHealth(weekly: values)
    }
}
