/// What a CSM should do next with an account, from its lifecycle stage and its band
/// (DESIGN §2.5): the lowest band calls for outreach and a task whatever the stage; the
/// middle bands for support resources; the healthy ones for an upsell; the top band of a
/// four-band profile (Thriving) for a reference. Onboarding, adoption and renewal keep
/// their own next step while the account is not at risk.
public enum NextAction {
    /// Where a band sits in the profile's bands, worst first.
    public enum Posture: String, CaseIterable, Sendable, Codable {
        case atRisk = "at risk", steady, healthy, thriving

        /// Index 0 is the lowest band (Red, At Risk). With four bands or more the top one is
        /// `thriving`; otherwise the upper half is `healthy`, the rest `steady`.
        public init?(bandIndex: Int?, bandCount: Int) {
            guard let i = bandIndex, bandCount > 0, (0..<bandCount).contains(i) else { return nil }
            if i == 0 { self = .atRisk }
            else if bandCount >= 4 && i == bandCount - 1 { self = .thriving }
            else if 2 * i >= bandCount { self = .healthy }
            else { self = .steady }
        }
    }

    public static let outreach = "reach out now and open a recovery task"
    public static let supportResources = "share support resources and training"
    public static let upsell = "look for an upsell: more seats, more teams"
    public static let reference = "ask for a reference or a case study"

    /// The next action; `bandIndex` is nil before the account has a score.
    public static func suggest(stage: LifecycleStage, bandIndex: Int?, bandCount: Int) -> String {
        let posture = Posture(bandIndex: bandIndex, bandCount: bandCount)
        if posture == .atRisk { return outreach }
        switch stage {
        case .onboarding, .renewal: return stage.suggestedAction
        case .advocate: return reference
        case .adoption, .growth:
            switch posture {
            case .thriving: return reference
            case .steady: return supportResources
            case .healthy: return stage == .adoption ? stage.suggestedAction : upsell
            case .atRisk, nil: return stage.suggestedAction
            }
        }
    }

    /// The same, with the band named: `bands` lists the profile's band names, worst first.
    public static func suggest(stage: LifecycleStage, band: String?, bands: [String]) -> String {
        suggest(stage: stage, bandIndex: band.flatMap { bands.firstIndex(of: $0) }, bandCount: bands.count)
    }
}
