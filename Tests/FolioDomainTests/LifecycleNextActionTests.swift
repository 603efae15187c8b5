import Testing
import FolioDomain

/// The next action by stage and band (DESIGN §2.5), with both band presets.
@Suite struct LifecycleNextActionTests {
    static let rag = BandSet.redYellowGreen.bands.map(\.name)
    static let goCSM = BandSet.goCSM.bands.map(\.name)

    @Test(arguments: [
        (LifecycleStage.growth, "Red", NextAction.outreach),
        (.renewal, "Red", NextAction.outreach),
        (.onboarding, "Red", NextAction.outreach),
        (.growth, "Yellow", NextAction.supportResources),
        (.growth, "Green", NextAction.upsell),
        (.advocate, "Green", NextAction.reference),
        (.renewal, "Green", LifecycleStage.renewal.suggestedAction),
        (.onboarding, "Yellow", LifecycleStage.onboarding.suggestedAction),
        (.adoption, "Green", LifecycleStage.adoption.suggestedAction),
    ])
    func redYellowGreen(_ stage: LifecycleStage, _ band: String, _ action: String) {
        #expect(NextAction.suggest(stage: stage, band: band, bands: Self.rag) == action)
    }

    @Test(arguments: [("At Risk", NextAction.outreach), ("Steady", NextAction.supportResources), ("Healthy", NextAction.upsell),
                      ("Thriving", NextAction.reference)])
    func goCSMPipeline(_ band: String, _ action: String) {
        #expect(NextAction.suggest(stage: .growth, band: band, bands: Self.goCSM) == action)
    }

    @Test func withoutAScoreTheStageDecides() {
        #expect(NextAction.suggest(stage: .growth, band: nil, bands: Self.rag) == LifecycleStage.growth.suggestedAction)
        #expect(NextAction.suggest(stage: .growth, band: "Purple", bands: Self.rag) == LifecycleStage.growth.suggestedAction)
    }
}
