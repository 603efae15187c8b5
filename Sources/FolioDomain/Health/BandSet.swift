/// A named range of whole-number scores, both ends included: Red 0–40.
public struct Band: Hashable, Sendable, Codable {
    public var name: String
    public var min: Double
    public var max: Double

    public init(name: String, min: Double, max: Double) {
        self.name = name
        self.min = min
        self.max = max
    }

    /// "0–40".
    public var range: String { "\(Int(min))–\(Int(max))" }
}

/// The bands a score falls into, lowest first, covering 0–100 without gaps or overlaps
/// (the profile loader refuses anything else).
public struct BandSet: Hashable, Sendable, Codable {
    public var name: String
    public var bands: [Band]

    public init(name: String, bands: [Band]) {
        self.name = name
        self.bands = bands
    }

    /// The default (the Salesforce retention guide's): Red 0–40, Yellow 41–70, Green 71–100.
    public static let redYellowGreen = BandSet(name: "red-yellow-green", bands: [
        Band(name: "Red", min: 0, max: 40),
        Band(name: "Yellow", min: 41, max: 70),
        Band(name: "Green", min: 71, max: 100),
    ])

    /// The GoCSM pipeline: At Risk 0–25, Steady 26–50, Healthy 51–75, Thriving 76–100.
    public static let goCSM = BandSet(name: "gocsm", bands: [
        Band(name: "At Risk", min: 0, max: 25),
        Band(name: "Steady", min: 26, max: 50),
        Band(name: "Healthy", min: 51, max: 75),
        Band(name: "Thriving", min: 76, max: 100),
    ])

    /// The presets by the name a profile uses for them.
    public static let presets: [BandSet] = [.redYellowGreen, .goCSM]

    /// The band of a score. The score is first rounded to a whole number, half away from
    /// zero, because bands have whole-number edges and people read whole scores: 40.4 is
    /// Red, 40.5 and 40.6 are Yellow. Scores outside 0…100 count as 0 or 100.
    public func band(for score: Double) -> Band {
        let whole = Swift.min(100, Swift.max(0, score.isNaN ? 0 : score.rounded()))
        if let band = bands.first(where: { $0.min <= whole && whole <= $0.max }) { return band }
        // Only a hand-built set can have gaps: fall back to the highest band starting below.
        return bands.last(where: { $0.min <= whole }) ?? bands.first ?? Band(name: "", min: 0, max: 100)
    }

    /// Position of a band (by name), lowest first.
    public func index(of name: String) -> Int? { bands.firstIndex { $0.name == name } }

    /// The band just above, or nil at the top.
    public func next(above band: Band) -> Band? {
        guard let i = index(of: band.name), i + 1 < bands.count else { return nil }
        return bands[i + 1]
    }
}
