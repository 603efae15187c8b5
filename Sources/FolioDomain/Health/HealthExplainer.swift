/// Answers "why is this account red?" from snapshots: what moved since the last one
/// (`changes`), the smallest single change that would lift it a band (`smallestLift`),
/// and a paragraph in plain words (`summary`).
public enum HealthExplainer {}

/// How one measure's part in the score moved between two snapshots.
public struct MeasureChange: Hashable, Sendable {
    public var name: String
    public var rawBefore: Double?
    public var rawAfter: Double?
    public var pointsBefore: Double
    public var pointsAfter: Double
    public var pointsDelta: Double

    public init(name: String, rawBefore: Double?, rawAfter: Double?, pointsBefore: Double, pointsAfter: Double) {
        self.name = name
        self.rawBefore = rawBefore
        self.rawAfter = rawAfter
        self.pointsBefore = pointsBefore
        self.pointsAfter = pointsAfter
        self.pointsDelta = pointsAfter - pointsBefore
    }
}

extension HealthExplainer {
    /// Moves smaller than this are rounding in storage (points are kept to 4 decimals),
    /// not change.
    static let noise = 0.005

    /// The measures whose points moved, biggest move (either way) first; equal moves keep
    /// the current snapshot's order. A measure in only one of the snapshots counts 0 points
    /// in the other. Redistribution moves points too: when one input goes missing, the
    /// others' points change, and they are listed.
    public static func changes(from previous: HealthSnapshot, to current: HealthSnapshot) -> [MeasureChange] {
        var before: [String: HealthSnapshot.MeasureResult] = [:]
        for m in previous.measures where before[m.name] == nil { before[m.name] = m }
        var seen = Set<String>()
        var out: [MeasureChange] = []
        for m in current.measures where seen.insert(m.name).inserted {
            let old = before[m.name]
            out.append(MeasureChange(name: m.name, rawBefore: old?.raw, rawAfter: m.raw,
                                     pointsBefore: old?.points ?? 0, pointsAfter: m.points))
        }
        for m in previous.measures where seen.insert(m.name).inserted {
            out.append(MeasureChange(name: m.name, rawBefore: m.raw, rawAfter: nil, pointsBefore: m.points, pointsAfter: 0))
        }
        let moved = out.enumerated().filter { abs($0.element.pointsDelta) >= noise }
        return moved.sorted { a, b in
            let da = abs(a.element.pointsDelta), db = abs(b.element.pointsDelta)
            return da != db ? da > db : a.offset < b.offset
        }.map(\.element)
    }
}
