import Testing
import FolioDomain

/// What moved, what would lift the account a band, and the paragraph saying why.
@Suite struct HealthExplainerTests {
    typealias F = HealthFixture

    static func lift(_ values: [MeasureSource: Double], profile: HealthProfile = HealthFixture.classic,
                     tier: Account.Tier = .midMarket) -> LiftOutcome {
        let inputs = F.inputs(values)
        let snapshot = HealthScoring.snapshot(accountID: "A1", tier: tier, profile: profile, inputs: inputs, asOf: F.asOf)
        return HealthExplainer.lift(for: snapshot, tier: tier, profile: profile, inputs: inputs, asOf: F.asOf)
    }

    // MARK: changes

    @Test func changesBiggestMoveFirstAndOnlyWhatMoved() {
        var before = F.healthy
        before[.npsMean] = 7.5
        var after = before
        after[.seatUtilisation] = 0.6          // −7.5 points
        after[.npsMean] = 9                    // +5 points
        after[.daysToRenewal] = 105            // −2.5 points
        let changes = HealthExplainer.changes(from: F.snapshot(before), to: F.snapshot(after))
        #expect(changes.map(\.name) == ["seat utilisation", "NPS mean", "days to renewal"])
        #expect(approx(changes[0].pointsDelta, -7.5) && approx(changes[1].pointsDelta, 5) && approx(changes[2].pointsDelta, -2.5))
        #expect(changes[0].rawBefore == 0.8 && changes[0].rawAfter == 0.6)
        #expect(approx(changes[0].pointsBefore, 15) && approx(changes[0].pointsAfter, 7.5))
    }

    @Test func changesIncludeRedistribution() {
        let before = F.snapshot([.seatUtilisation: 0.8, .npsMean: 9])
        let after = F.snapshot([.seatUtilisation: 0.8])
        let changes = HealthExplainer.changes(from: before, to: after)
        // NPS lost its 40 points; seat utilisation's share went from 60 to 100.
        #expect(changes.map(\.name) == ["seat utilisation", "NPS mean"])
        #expect(changes.allSatisfy { approx(abs($0.pointsDelta), 40) })
        #expect(changes.first { $0.name == "NPS mean" }?.rawAfter == nil)
    }

    @Test func equalMovesKeepProfileOrder() {
        var after = F.healthy
        after[.openCriticalCases] = 1          // −2.5
        after[.seatUtilisation] = 0.7          // −3.75
        after[.severeCases90d] = 2             // −2.5
        let changes = HealthExplainer.changes(from: F.snapshot(F.healthy), to: F.snapshot(after))
        #expect(changes.map(\.name) == ["seat utilisation", "open critical cases", "high/critical cases in 90 days"])
    }

    @Test func noChangeNoEntries() {
        #expect(HealthExplainer.changes(from: F.snapshot(F.healthy), to: F.snapshot(F.healthy)).isEmpty)
    }

    @Test func measuresOnlyInOneSnapshot() {
        let old = HealthSnapshot(accountID: "A1", date: F.asOf.adding(days: -7), score: 50, band: "Yellow", lowConfidence: false,
                                 measures: [.init(name: "retired", group: "g", raw: 3, score: 50, weight: 10, effectiveWeight: 100,
                                                  points: 50, inputDate: nil, stale: false)])
        let changes = HealthExplainer.changes(from: old, to: F.snapshot([.npsMean: 9]))
        #expect(changes.map(\.name) == ["NPS mean", "retired"])
        #expect(changes[1].rawBefore == 3 && changes[1].rawAfter == nil && changes[1].pointsAfter == 0)
    }

    // MARK: smallestLift

    @Test func liftPicksTheSmallestRelativeChange() {
        let profile = HealthProfile(name: "two", measures: [
            HealthMeasure(name: "seat utilisation", source: .seatUtilisation, group: "usage", poor: 0.4, healthy: 0.8, weight: 50),
            HealthMeasure(name: "NPS mean", source: .npsMean, group: "sentiment", poor: 6, healthy: 9, weight: 50),
        ])
        // Seat 0.52 scores 30, NPS 6.6 scores 20: 25, Red. Seat needs 0.65 (a third of its
        // range, 0.13 / 0.4); NPS needs 7.6 (1.0 / 3): seat wins.
        let lift = Self.lift([.seatUtilisation: 0.52, .npsMean: 6.6], profile: profile).lift
        #expect(lift?.sentence == "seat utilisation from 0.52 to 0.65 → Yellow")
        #expect(lift?.measure == "seat utilisation" && lift?.band == "Yellow")
        #expect(lift?.from == 0.52)
        #expect(approx(lift?.to, 0.65))
        #expect(approx(lift?.resultingScore, 41.25))
        // One step less stays Red.
        #expect(F.snapshot([.seatUtilisation: 0.64, .npsMean: 6.6], profile: profile).band == "Red")
    }

    @Test(arguments: [0.30, 0.395, 0.404, 0.405, 0.4049])
    func liftAroundRounding(_ raw: Double) throws {
        // Score = raw × 100; Yellow starts at 40.5 after rounding.
        let profile = HealthProfile(name: "one", measures: [
            HealthMeasure(name: "seat utilisation", source: .seatUtilisation, group: "usage", poor: 0, healthy: 1, weight: 1),
        ])
        let outcome = Self.lift([.seatUtilisation: raw], profile: profile)
        let start = F.snapshot([.seatUtilisation: raw], profile: profile)
        if start.band == "Yellow" {
            #expect(outcome.lift?.band == "Green")
        } else {
            let lift = try #require(outcome.lift)
            #expect(lift.band == "Yellow")
            #expect(F.snapshot([.seatUtilisation: lift.to], profile: profile).band == "Yellow")
            #expect(F.snapshot([.seatUtilisation: lift.to - 0.01], profile: profile).band == "Red"
                    || MeasureSource.seatUtilisation.format(lift.to - 0.01) == MeasureSource.seatUtilisation.format(raw))
        }
    }

    @Test func liftRespectsTheCap() throws {
        var values = F.healthy
        values[.daysOverdue] = 75                       // capped at 40: Red, though 90 without the cap
        let lift = try #require(Self.lift(values).lift)
        #expect(lift.measure == "days payment overdue")
        #expect(lift.to == 59)
        #expect(lift.sentence == "days payment overdue from 75 days to 59 days → Green")
        #expect(lift.band == "Green" && lift.resultingScore == 90)
    }

    @Test func anotherMeasureCannotLiftPastACap() {
        var profile = HealthFixture.classic
        profile.measures[0].cap = .init(from: 0.3, maxScore: 35)          // seat utilisation 0.3 or less
        var values = F.healthy
        values[.daysOverdue] = 75
        values[.seatUtilisation] = 0.25
        let outcome = Self.lift(values, profile: profile)
        #expect(outcome.lift == nil)
        guard case .outOfReach(let reason) = outcome else { Issue.record("expected outOfReach, got \(outcome)"); return }
        #expect(reason.contains("capped by seat utilisation and days payment overdue"))
    }

    @Test func liftWithMissingInputsUsesRedistributedWeights() throws {
        // Only two inputs: seat utilisation 0.5 (25) and NPS 6 (0), weights 15 and 10: 15, Red.
        let lift = try #require(Self.lift([.seatUtilisation: 0.5, .npsMean: 6]).lift)
        let after = F.snapshot([.seatUtilisation: lift.measure == "seat utilisation" ? lift.to : 0.5,
                                .npsMean: lift.measure == "NPS mean" ? lift.to : 6])
        #expect(after.band == "Yellow" || after.band == "Green")
        #expect(approx(after.score, lift.resultingScore))
    }

    @Test func noLiftAtTheTopOrWithoutData() {
        #expect(Self.lift(F.healthy) == .topBand)
        #expect(Self.lift([:]) == .noData)
        let s = F.snapshot(F.healthy)
        #expect(HealthExplainer.smallestLift(for: s, tier: .smb, profile: HealthFixture.classic, inputs: F.inputs(F.healthy), asOf: F.asOf) == nil)
    }

    @Test func noSingleMeasureCanDoIt() {
        // Everything at poor: the biggest weight is 15, Yellow needs 40.5.
        let outcome = Self.lift(F.poor)
        #expect(outcome == .outOfReach(reason: "no single measure can lift it to Yellow on its own"))
        #expect(outcome.sentence == "no single measure can lift it to Yellow on its own")
    }

    @Test func sponsorLiftIsYesOrNo() throws {
        let profile = HealthProfile(name: "one", measures: [HealthFixture.measure("executive sponsor present")])
        let lift = try #require(Self.lift([.sponsorPresent: 0], profile: profile).lift)
        #expect(lift.sentence == "executive sponsor present from no to yes → Green")
        #expect(lift.to == 1 && lift.resultingScore == 100)
    }

    // MARK: summary

    @Test func summaryNamesBandDragMissingStaleCapAndConfidence() {
        var inputs = F.inputs(F.healthy)
        inputs[.keyActionTrend] = HealthInput(-42, at: F.asOf.adding(days: -30))
        inputs[.seatUtilisation] = HealthInput(0.45, at: F.asOf.adding(days: -30))
        inputs[.featureDepth] = HealthInput(0.6, at: F.asOf.adding(days: -30))
        inputs[.npsMean] = nil
        inputs[.daysOverdue] = HealthInput(75, at: F.asOf)
        let s = HealthScoring.snapshot(accountID: "A1", tier: .smb, profile: HealthFixture.classic, inputs: inputs, asOf: F.asOf)
        let text = HealthExplainer.summary(of: s, profile: HealthFixture.classic)
        #expect(text.hasPrefix("Scores 40 of 100: Red (0–40); Yellow starts at 41."))
        #expect(text.contains("Pulling it down most: key-action trend (-42 %, 0 of its 16.7 points), seat utilisation (0.45, 2.1 of its 16.7 points) and days payment overdue (75 days, 0 of its 11.1 points)."))
        #expect(text.contains("No data for NPS mean: its weight (10) was spread over the other measures."))
        #expect(text.contains("Stale inputs: seat utilisation (from 2026-10-24), key-action trend (from 2026-10-24) and feature depth (from 2026-10-24)."))
        #expect(text.contains("Capped at 40 because days payment overdue is 75 days (60 days or more caps the score at 40); without the cap it would be 58."))
        #expect(!s.lowConfidence)        // 45 of 90: not more than half
        #expect(!text.contains("Low confidence"))
        #expect(HealthExplainer.summary(of: s, tier: .smb, profile: HealthFixture.classic) == text)
    }

    @Test func summaryAtTheTopAndWithoutData() {
        #expect(HealthExplainer.summary(of: F.snapshot(F.healthy), profile: HealthFixture.classic)
                == "Scores 100 of 100: Green (71–100), the top band. Every measure with data is at or near healthy.")
        #expect(HealthExplainer.summary(of: F.snapshot([:]), profile: HealthFixture.classic)
                == "No data: none of the 11 measures had an input on 2026-11-23, so there is no score (shown as \u{201C}no data\u{201D}, not 0).")
    }

    @Test func summarySaysLowConfidence() {
        let inputs = F.inputs([.seatUtilisation: 0.8, .npsMean: 9], at: F.asOf.adding(days: -400))
        let s = HealthScoring.snapshot(accountID: "A1", tier: .smb, profile: HealthFixture.classic, inputs: inputs, asOf: F.asOf)
        #expect(s.lowConfidence)
        #expect(HealthExplainer.summary(of: s, profile: HealthFixture.classic).hasSuffix("Low confidence: stale inputs carry 100 % of the score."))
    }
}
