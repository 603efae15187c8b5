/// Where an account is in its life with us (DESIGN §2.5), derived every run.
public enum LifecycleStage: String, CaseIterable, Sendable, Codable {
    case onboarding, adoption, growth, advocate, renewal

    /// `renewal` when the renewal is ≤ 90 days away, `onboarding` in the first 90 days,
    /// `adoption` up to 180 days, `advocate` when Green with a latest NPS ≥ 9, else `growth`.
    /// `isGreen` and `latestNPS` are nil until the account has a score or a response.
    public static func of(_ account: Account, asOf: Day, isGreen: Bool? = nil, latestNPS: Double? = nil) -> LifecycleStage {
        let toRenewal = account.daysToRenewal(asOf: asOf)
        if toRenewal >= 0 && toRenewal <= 90 { return .renewal }
        let tenure = account.tenureDays(asOf: asOf)
        if tenure < 90 { return .onboarding }
        if tenure < 180 { return .adoption }
        if isGreen == true, let nps = latestNPS, nps >= 9 { return .advocate }
        return .growth
    }

    /// The next thing a CSM should do at this stage.
    public var suggestedAction: String {
        switch self {
        case .onboarding: return "make sure setup is complete; ask what would make the team use it more"
        case .adoption: return "introduce the next capability tier"
        case .growth: return "look for expansion: more seats, more teams"
        case .advocate: return "ask for a reference or a case study"
        case .renewal: return "lead with a value summary; confirm the renewal"
        }
    }
}
