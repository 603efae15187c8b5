import Testing
import FolioDomain

/// How long health snapshots are kept (issue 19): daily for a window, weekly after, with
/// the days an account's level changed kept in the thinned weeks.
@Suite struct HistoryRetentionTests {
    static let thresholds = [70.0, 60.0, 45.0]

    static func level(_ score: Double?, _ band: String? = "Yellow") -> HistoryRetention.Level {
        HistoryRetention.Level(score: score, band: score == nil ? nil : band, thresholds: thresholds)
    }

    @Test func windowsCountBackFromTheDayItself() {
        let r = HistoryRetention.standard
        let asOf = Day(iso: "2026-11-23")! // a Monday
        #expect(r.dailyFrom(asOf: asOf) == Day(iso: "2026-08-26")!) // 90 days: 26 Aug … 23 Nov
        #expect(r.thinThrough(asOf: asOf) == Day(iso: "2026-08-23")!) // the Sunday before 26 Aug's week
        #expect(r.weeklyFrom(asOf: asOf) == nil)
        #expect(HistoryRetention(dailyDays: 90, weeklyDays: 365).weeklyFrom(asOf: asOf) == Day(iso: "2025-11-24")!)
        // The week of the window's first day is kept whole until its Sunday leaves the window.
        #expect(r.thinThrough(asOf: Day(iso: "2026-11-29")!) == Day(iso: "2026-08-30")!)
    }

    @Test(arguments: [
        (90, Int?.none, String?.none), (7, 7, nil), (6, nil, "daily snapshots must be kept 7–36500 days (got 6)"),
        (90, 60, "weekly snapshots must be kept at least as long as daily ones (90 days) and at most 36500 days (got 60)"),
    ])
    func bounds(_ daily: Int, _ weekly: Int?, _ problem: String?) {
        #expect(HistoryRetention(dailyDays: daily, weeklyDays: weekly).problem == problem)
    }

    @Test(arguments: [
        // score → how many of 70, 60, 45 it is below
        (75.0, 0), (70.0, 0), (69.99, 1), (60.0, 1), (59.0, 2), (44.0, 3),
    ])
    func levelsCountTheThresholdsBelow(_ score: Double, _ below: Int) {
        #expect(Self.level(score).below == below)
    }

    @Test func scoredAndNoDataDiffer() {
        #expect(Self.level(nil) != Self.level(80))
        #expect(Self.level(80, "Green") != Self.level(80, "Yellow"))
        #expect(Self.level(80) == Self.level(72))
    }

    @Test func aSteadyWeekKeepsItsLastDayOnly() {
        let week = [75.0, 76, 74, 78, 77, 75, 79].map { Self.level($0) }
        #expect(HistoryRetention.keep(week, after: Self.level(80)) == [false, false, false, false, false, false, true])
    }

    @Test func eachChangeOfLevelIsKeptWithTheLastDay() {
        // 75 | 65 65 | 75 | 40 | 41 | 75: below 70 on Tue, back on Thu, below 45 on Fri…
        let week = [75.0, 65, 65, 75, 40, 41, 75].map { Self.level($0) }
        #expect(HistoryRetention.keep(week, after: Self.level(75)) == [false, true, false, true, true, false, true])
    }

    @Test func comparedWithTheLastKeptNotTheDayBefore() {
        // The level before the week is below 70; Monday is too, so it goes; Tuesday is back.
        let week = [65.0, 75, 75].map { Self.level($0) }
        #expect(HistoryRetention.keep(week, after: Self.level(66)) == [false, true, true])
    }

    @Test func missingDaysAndAnUnknownStart() {
        // An account absent some days keeps its own last snapshot of the week; with nothing
        // known before the week, its first snapshot is kept.
        let week: [HistoryRetention.Level?] = [Self.level(75), nil, Self.level(76), nil, nil, nil, nil]
        #expect(HistoryRetention.keep(week, after: nil) == [true, false, true, false, false, false, false])
        #expect(HistoryRetention.keep([nil, nil], after: Self.level(75)) == [false, false])
    }
}
