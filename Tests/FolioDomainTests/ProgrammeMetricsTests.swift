import Testing
import FolioDomain

/// Response speed, renewal rate and lift, and the weekly health distribution (DESIGN §2.7).
@Suite struct ProgrammeMetricsTests {
    typealias F = ProgrammeFixtures

    @Test(arguments: [
        ([Double](), Double?.none, Double?.none),
        ([5], 5, 5),
        ([1, 2, 3, 4], 2.5, 4),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.5, 9),
    ])
    func medianAndNearestRankP90(values: [Double], median: Double?, p90: Double?) {
        #expect(ResponseSpeed.median(values) == median)
        #expect(ResponseSpeed.percentile(values, 0.9) == p90)
    }

    /// ana acknowledges in 2 h and 10 h (SLA 48 h): fast; a recovers, b does not. ben
    /// acknowledges in 100 h (late) and never (SLA long past): slow, neither recovers. e was
    /// raised on the as-of day and is still inside its SLA: neither fast nor slow yet.
    @Test func ackTimesPerCSMAndRecoveryOfFastAndSlow() {
        let history = ProgrammeHistory(
            alerts: [
                F.alert("a", owner: "ana", ackAfterHours: 2), F.alert("b", owner: "ana", ackAfterHours: 10),
                F.alert("c", owner: "ben", ackAfterHours: 100), F.alert("d", owner: "ben"),
                F.alert("e", owner: "ben", on: 90), F.alert("z", owner: "ben", ackAfterHours: 1, shadow: true),
            ],
            scores: [F.score("a", 7, 75), F.score("b", 7, 50), F.score("c", 7, 50), F.score("d", 7, 50)])
        let s = ResponseSpeed(history, period: ReportPeriod(from: F.day(0), to: F.day(90)), asOf: F.day(90))
        #expect(s.byOwner.map(\.owner) == ["ana", "ben"])
        let ana = s.byOwner[0], ben = s.byOwner[1]
        #expect(ana.alerts == 2 && ana.acknowledged == 2)
        #expect(ana.medianHours == 6 && ana.p90Hours == 10)
        #expect(ana.withinSLA == Ratio(2, of: 2))
        #expect(ben.alerts == 3 && ben.acknowledged == 1)
        #expect(ben.medianHours == 100 && ben.p90Hours == 100)
        #expect(ben.withinSLA == Ratio(0, of: 2))
        #expect(s.overall.medianHours == 10 && s.overall.p90Hours == 100)
        #expect(s.fast.alerts == 2 && s.fast.recovery == Ratio(1, of: 2))
        #expect(s.slow.alerts == 2 && s.slow.recovery == Ratio(0, of: 2))
    }

    @Test func noAlertsNoTimes() {
        let s = ResponseSpeed(ProgrammeHistory(), period: .standard(asOf: F.day(0)), asOf: F.day(0))
        #expect(s.byOwner.isEmpty)
        #expect(s.overall.medianHours == nil && s.overall.p90Hours == nil)
        #expect(s.fast.recovery.rate == nil && s.slow.recovery.rate == nil)
    }

    /// SMB accounts must hear from their CSM within 90 days. r1 won, check-in 10 days before:
    /// covered. r2 won, never: uncovered. r3 churned, 20 days: covered. r4 churned, 400 days:
    /// uncovered. r5 won, 90 days exactly: covered. r6 closed before the period.
    @Test func renewalRateAndLiftOfCoveredAccounts() {
        func closed(_ id: String, _ won: Bool, checkInDaysBefore: Int?, on offset: Int = 30) -> ProgrammeHistory.ClosedRenewal {
            ProgrammeHistory.ClosedRenewal(accountID: id, owner: id == "r2" ? "ben" : "ana", tier: .smb, closedOn: F.day(offset),
                                           won: won, lastCheckIn: checkInDaysBefore.map { F.day(offset - $0) })
        }
        let renewals = [closed("r1", true, checkInDaysBefore: 10), closed("r2", true, checkInDaysBefore: nil),
                        closed("r3", false, checkInDaysBefore: 20), closed("r4", false, checkInDaysBefore: 400),
                        closed("r5", true, checkInDaysBefore: 90), closed("r6", false, checkInDaysBefore: nil, on: -5)]
        let r = RenewalRate(renewals, period: ReportPeriod(from: F.day(0), to: F.day(60)))
        #expect(r.overall == Ratio(3, of: 5))
        #expect(r.covered == Ratio(2, of: 3))
        #expect(r.uncovered == Ratio(1, of: 2))
        // 66.7 % against 50 %: 16.7 points.
        #expect(abs(r.lift! - 100.0 / 6) < 1e-9)
        #expect(r.byOwner.map(\.owner) == ["ana", "ben"])
        #expect(r.byOwner.map(\.rate) == [Ratio(2, of: 4), Ratio(1, of: 1)])
    }

    @Test func renewalLiftNeedsBothGroups() {
        let won = ProgrammeHistory.ClosedRenewal(accountID: "r1", owner: "ana", tier: .smb, closedOn: F.day(1), won: true,
                                                 lastCheckIn: F.day(0))
        let r = RenewalRate([won], period: ReportPeriod(from: F.day(0), to: F.day(10)))
        #expect(r.overall == Ratio(1, of: 1))
        #expect(r.uncovered.rate == nil)
        #expect(r.lift == nil)
        #expect(RenewalRate([], period: ReportPeriod(from: F.day(0), to: F.day(10))).overall.rate == nil)
    }

    /// Week of day 0: a is scored Green then, on a second run of the week, Yellow (the
    /// latest counts); b Red; c has no band. Week of day 7: a and b Green. Day 14 is past
    /// the period.
    @Test func healthDistributionCountsEachAccountOnceAWeek() {
        let scores = [F.score("a", 0, 80, band: "Green"), F.score("a", 2, 65, band: "Yellow"), F.score("b", 0, 30, band: "Red"),
                      F.score("c", 0, nil), F.score("a", 7, 80, band: "Green"), F.score("b", 7, 75, band: "Green"),
                      F.score("a", 14, 10, band: "Red")]
        let h = HealthDistribution(scores, period: ReportPeriod(from: F.day(0), to: F.day(13)), bands: ["Green", "Yellow", "Red"])
        #expect(h.weeks.map(\.week) == [F.day(0), F.day(7)])
        #expect(h.weeks.map(\.runDay) == [F.day(2), F.day(7)])
        #expect(h.weeks.map(\.counts) == [[0, 1, 1], [2, 0, 0]])
        #expect(h.weeks.map(\.unscored) == [1, 0])
        #expect(h.weeks.map(\.total) == [3, 2])
        #expect(HealthDistribution([], period: ReportPeriod(from: F.day(0), to: F.day(13)), bands: ["Green"]).weeks.isEmpty)
    }
}

@Suite("Sequence response rate")
struct SequenceResponseTests {
    @Test func onlySequencesThatEmailedCountAndAMeetingIsAnAnswer() {
        let r = SequenceResponse([
            .init(sequence: "re-engagement", emailed: true, answered: true),
            .init(sequence: "re-engagement", emailed: true, answered: false),
            .init(sequence: "expansion", emailed: true, answered: true),
            .init(sequence: "expansion", emailed: false, answered: true),  // answered before any email: not the email's doing
        ])
        #expect(r.overall == Ratio(2, of: 3))
        #expect(r.bySequence.map(\.sequence) == ["expansion", "re-engagement"])
        #expect(r.bySequence.map(\.rate) == [Ratio(1, of: 1), Ratio(1, of: 2)])
    }

    @Test func nothingEmailedIsNotEnoughDataNotZero() {
        let r = SequenceResponse([.init(sequence: "expansion", emailed: false, answered: false)])
        #expect(r.overall.rate == nil && r.bySequence.isEmpty)
    }
}
