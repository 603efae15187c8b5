extension PortableMath {
    /// The natural logarithm from basic arithmetic (the domain imports no libm): x = m·2^e
    /// with m in [1, 2), ln m = 2·atanh((m − 1)/(m + 1)) by its series. Nil-free: 0 gives
    /// −∞, negatives and NaN give NaN.
    public static func log(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == 0 ? -.infinity : (x == .infinity ? .infinity : .nan) }
        let e = Double(x.exponent)
        let m = x.significand
        let z = (m - 1) / (m + 1), z2 = z * z
        var term = z, sum = 0.0
        var k = 1.0
        while k < 60 {
            sum += term / k
            term *= z2
            k += 2
        }
        return 2 * sum + e * 0.6931471805599453
    }

    /// 1 / (1 + e^−x), the logistic function.
    public static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : { let e = exp(x); return e / (1 + e) }()
    }

    /// The log-odds of a rate, smoothed by half a case each way so 0 % and 100 % stay finite.
    public static func logit(events: Double, of total: Double) -> Double {
        log((events + 0.5) / (total - events + 0.5))
    }
}
