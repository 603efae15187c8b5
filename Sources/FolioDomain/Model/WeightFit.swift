/// Non-negative weights for measures already fitted, chosen so that Folio's own score —
/// the weighted mean of the measures with data, a missing one's weight spread over the rest
/// — ranks churn best: the churn log-odds are taken as a straight line of that score, and
/// weights, slope and intercept move together down the gradient of the log-loss (Adam),
/// each weight kept at 0 or above. The weights come out summing to 100.
public struct WeightFit: Sendable {
    /// Out of 100, in the order of the columns given.
    public var weights: [Double]
    /// Log-loss per case at the end.
    public var loss: Double

    /// `scores[j][k]` is measure j's score (0–100, NaN without data) for case k.
    public init(scores: [[Double]], churned: [Bool], iterations: Int = 250) {
        let measures = scores.count
        let n = churned.count
        guard measures > 0, n > 0 else {
            weights = Array(repeating: measures > 0 ? 100 / Double(measures) : 0, count: measures)
            loss = 0
            return
        }
        // Row-major, cases with some data only; 0 stands for "no data" with a mask.
        var x: [Double] = [], mask: [Double] = [], y: [Double] = []
        x.reserveCapacity(n * measures)
        for k in 0..<n {
            var any = false
            for j in 0..<measures where !scores[j][k].isNaN { any = true; break }
            guard any else { continue }
            for j in 0..<measures {
                let s = scores[j][k]
                x.append(s.isNaN ? 0 : s / 100)
                mask.append(s.isNaN ? 0 : 1)
            }
            y.append(churned[k] ? 1 : 0)
        }
        let rows = y.count
        var w = [Double](repeating: 1, count: measures)
        var a = 0.0, b = 1.0
        let rate = y.reduce(0, +) / Double(Swift.max(rows, 1))
        a = PortableMath.logit(events: rate * Double(rows), of: Double(rows))
        // Adam's moments for w, a, b.
        var mw = [Double](repeating: 0, count: measures), vw = mw
        var ma = 0.0, va = 0.0, mb = 0.0, vb = 0.0
        let lr = 0.05, beta1 = 0.9, beta2 = 0.999, eps = 1e-8
        var gw = [Double](repeating: 0, count: measures)
        var lastLoss = Double.infinity
        for t in 1...Swift.max(1, iterations) {
            for j in 0..<measures { gw[j] = 0 }
            var ga = 0.0, gb = 0.0, total = 0.0
            for r in 0..<rows {
                let base = r * measures
                var num = 0.0, den = 0.0
                for j in 0..<measures {
                    let m = mask[base + j] * w[j]
                    num += m * x[base + j]
                    den += m
                }
                guard den > 0 else { continue }
                let s = num / den                     // 0…1, high is healthy
                let z = a + b * (0.5 - s) * 4         // riskier as the score falls
                let p = PortableMath.sigmoid(z)
                let yr = y[r]
                total -= yr > 0 ? PortableMath.log(Swift.max(p, 1e-12)) : PortableMath.log(Swift.max(1 - p, 1e-12))
                let dz = p - yr
                ga += dz
                gb += dz * (0.5 - s) * 4
                let ds = -dz * b * 4 / den
                for j in 0..<measures where mask[base + j] > 0 {
                    gw[j] += ds * (x[base + j] - s)
                }
            }
            let scale = 1 / Double(rows)
            func step(_ g: Double, _ m: inout Double, _ v: inout Double) -> Double {
                m = beta1 * m + (1 - beta1) * g
                v = beta2 * v + (1 - beta2) * g * g
                let mh = m / (1 - pow(beta1, t)), vh = v / (1 - pow(beta2, t))
                return lr * mh / (vh.squareRoot() + eps)
            }
            a -= step(ga * scale, &ma, &va)
            b = Swift.max(0, b - step(gb * scale, &mb, &vb))
            for j in 0..<measures {
                w[j] = Swift.max(0, w[j] - step(gw[j] * scale, &mw[j], &vw[j]))
            }
            // The score ignores the weights' scale: keep them averaging 1.
            let sum = w.reduce(0, +)
            if sum > 0 { for j in 0..<measures { w[j] *= Double(measures) / sum } } else { w = Array(repeating: 1, count: measures) }
            let l = total * scale
            if abs(lastLoss - l) < 1e-9 { lastLoss = l; break }
            lastLoss = l
        }
        let sum = w.reduce(0, +)
        weights = w.map { sum > 0 ? $0 / sum * 100 : 100 / Double(measures) }
        loss = lastLoss
    }

    /// Whole weights summing to 100, the small ones (under `floor`) dropped to 0; largest
    /// remainders round up.
    public static func whole(_ weights: [Double], floor: Double = 1) -> [Double] {
        let kept = weights.map { $0 >= floor ? $0 : 0 }
        let sum = kept.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        let scaled = kept.map { $0 / sum * 100 }
        var out = scaled.map { $0.rounded(.down) }
        var missing = 100 - Int(out.reduce(0, +))
        let order = scaled.indices.filter { scaled[$0] > 0 }.sorted { scaled[$0] - out[$0] > scaled[$1] - out[$1] }
        for j in order where missing > 0 {
            out[j] += 1
            missing -= 1
        }
        return out
    }
}

/// `x` to the whole power `n` (n ≥ 0), for Adam's bias correction.
private func pow(_ x: Double, _ n: Int) -> Double {
    var result = 1.0, base = x, e = n
    while e > 0 {
        if e & 1 == 1 { result *= base }
        base *= base
        e >>= 1
    }
    return result
}
