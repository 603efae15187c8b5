import Testing
@testable import FolioDomain

/// Days at the calendar's edges: what people may type, and arithmetic that never traps.
@Suite("days at the edges")
struct DayTests {
    @Test(arguments: [
        ("2026-11-23", nil), ("1900-01-01", nil), ("2199-12-31", nil),
        ("9999-12-31", Day.InputProblem.outOfRange), ("0001-01-01", .outOfRange), ("1899-12-31", .outOfRange),
        ("2200-01-01", .outOfRange), ("2026-02-30", .notADate), ("26-11-23", .notADate), ("", .notADate),
    ])
    func whatAPersonMayType(text: String, problem: Day.InputProblem?) {
        let result = Result { () throws(Day.InputProblem) in try Day(input: text) }
        switch result {
        case .success(let day): #expect(problem == nil && day.iso == text)
        case .failure(let refused): #expect(refused == problem)
        }
    }

    @Test func theRefusalSaysTheRange() {
        #expect(Day.InputProblem.outOfRange.description == "is outside the days Folio works with (1900-01-01 to 2199-12-31)")
    }

    /// `tick --as-of 9999-12-31` asked for the quarter after 9999-Q4: the arithmetic goes on past the calendar's end.
    @Test func quartersAndMonthsPastTheCalendarsEndDoNotTrap() throws {
        let last = try #require(Day(year: 9999, month: 12, day: 31))
        let next = Quarter(containing: last).next
        #expect(next.year == 10_000 && next.number == 1)
        #expect(next.firstDay == last.adding(days: 1))
        #expect(next.lastDay.days(until: next.next.firstDay) == 1)
        #expect(last.adding(months: 1).ordinal == last.ordinal + 31)
        let first = try #require(Day(year: 1, month: 1, day: 31))
        #expect(first.adding(months: -1).ordinal == first.ordinal - 31)
        #expect(first.adding(years: -3).components == (-2, 1, 31))
        #expect(Quarter(year: 0, number: 1).previous.lastDay == Quarter(year: 0, number: 1).firstDay.adding(days: -1))
    }

    @Test func monthsClampToTheMonthsEndBothWays() throws {
        let day = try #require(Day(iso: "2026-03-31"))
        #expect(day.adding(months: -1).iso == "2026-02-28")
        #expect(day.adding(months: -15).iso == "2024-12-31")
        #expect(day.adding(months: 11).iso == "2027-02-28")
    }
}
