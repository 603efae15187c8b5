/// Which way an account's score has moved over the last four weeks.
public enum ScoreTrend: String, Sendable, Codable, CaseIterable {
    case up, down, flat

    /// Moves smaller than `tolerance` points are noise, not a trend.
    public static let tolerance = 3.0

    /// nil when either score is missing.
    public static func between(_ earlier: Double?, _ later: Double?, tolerance: Double = ScoreTrend.tolerance) -> ScoreTrend? {
        guard let earlier, let later else { return nil }
        let change = later - earlier
        if change >= tolerance { return .up }
        if change <= -tolerance { return .down }
        return .flat
    }
}

/// The order a book is read in when nothing else is asked: the worst band first (accounts
/// with no score right after the worst), then the most revenue renewing soonest: ARR
/// divided by the days left before the renewal.
public enum AttentionOrder {
    /// Revenue at stake per day left before the renewal.
    public static func stake(_ arr: Money, _ days: Int) -> Double {
        Double(arr.cents) / Double(max(days, 1))
    }
}
