import Testing
import FolioDomain

/// Band presets, their edges, and rounding before banding.
@Suite struct HealthBandTests {
    @Test(arguments: [
        (0.0, "Red"), (40, "Red"), (40.4, "Red"), (40.49, "Red"), (40.5, "Yellow"), (40.6, "Yellow"), (41, "Yellow"),
        (70, "Yellow"), (70.4, "Yellow"), (70.5, "Green"), (71, "Green"), (100, "Green"), (-3, "Red"), (120, "Green"),
    ])
    func redYellowGreenEdges(_ score: Double, _ band: String) {
        #expect(BandSet.redYellowGreen.band(for: score).name == band)
    }

    @Test(arguments: [
        (0.0, "At Risk"), (25, "At Risk"), (25.4, "At Risk"), (25.5, "Steady"), (26, "Steady"), (50, "Steady"),
        (50.4, "Steady"), (51, "Healthy"), (75, "Healthy"), (75.5, "Thriving"), (76, "Thriving"), (100, "Thriving"),
    ])
    func goCSMEdges(_ score: Double, _ band: String) {
        #expect(BandSet.goCSM.band(for: score).name == band)
    }

    /// The same edges reached through scoring: the identity profile's score is its raw value.
    @Test(arguments: [(40.0, "Red"), (41, "Yellow"), (70, "Yellow"), (71, "Green")])
    func snapshotBandAtEdges(_ raw: Double, _ band: String) {
        let s = HealthFixture.snapshot([.keyActionTrend: raw], profile: HealthFixture.identity())
        #expect(s.score == raw)
        #expect(s.band == band)
    }

    @Test(arguments: [(25.0, "At Risk"), (26, "Steady"), (50, "Steady"), (51, "Healthy"), (75, "Healthy"), (76, "Thriving")])
    func snapshotBandAtGoCSMEdges(_ raw: Double, _ band: String) {
        let s = HealthFixture.snapshot([.keyActionTrend: raw], profile: HealthFixture.identity(bands: .goCSM))
        #expect(s.band == band)
    }

    @Test func nextBandUp() {
        let rag = BandSet.redYellowGreen
        #expect(rag.next(above: rag.bands[0])?.name == "Yellow")
        #expect(rag.next(above: rag.bands[1])?.name == "Green")
        #expect(rag.next(above: rag.bands[2]) == nil)
        let go = BandSet.goCSM
        #expect(go.bands.compactMap { go.next(above: $0)?.name } == ["Steady", "Healthy", "Thriving"])
    }

    @Test func presetsCoverZeroToHundredWithoutGaps() {
        for set in BandSet.presets {
            #expect(set.bands.first?.min == 0 && set.bands.last?.max == 100)
            for (a, b) in zip(set.bands, set.bands.dropFirst()) { #expect(b.min == a.max + 1) }
        }
        #expect(BandSet.redYellowGreen.bands.map(\.range) == ["0–40", "41–70", "71–100"])
    }

    // MARK: Formatting raw values

    @Test(arguments: [
        (MeasureSource.seatUtilisation, 0.52, "0.52"), (.seatUtilisation, 0.5249, "0.52"), (.seatUtilisation, 0.6, "0.60"),
        (.featureDepth, 0.35, "0.35"), (.keyActionTrend, -42, "-42 %"), (.keyActionTrend, -0.2, "0 %"),
        (.keyActionTrend, 12.6, "13 %"), (.daysSinceActivity, 37, "37 days"), (.daysSinceMeeting, 1, "1 day"),
        (.daysToRenewal, -5, "-5 days"), (.daysOverdue, 0, "0 days"), (.sponsorPresent, 1, "yes"), (.sponsorPresent, 0, "no"),
        (.npsMean, 7.5, "7.5"), (.npsMean, 7, "7.0"), (.openCriticalCases, 2, "2"), (.severeCases90d, 0, "0"),
    ])
    func format(_ source: MeasureSource, _ raw: Double, _ text: String) {
        #expect(source.format(raw) == text)
    }

    @Test func titlesAndUnits() {
        #expect(MeasureSource.seatUtilisation.title == "seat utilisation")
        #expect(MeasureSource.keyActionTrend.unit == "%")
        #expect(MeasureSource.daysOverdue.unit == "days")
        #expect(MeasureSource.npsMean.unit == nil)
        #expect(Set(MeasureSource.allCases.map(\.title)).count == MeasureSource.allCases.count)
        // The standard profile names its measures with the sources' titles.
        #expect(HealthProfile.standard.measures.map(\.name) == HealthProfile.standard.measures.map(\.source.title))
    }
}
