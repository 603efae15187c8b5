import Testing
import FolioDomain

/// What `folio log` accepts, and how it says what is wrong.
@Suite struct ActivityDraftTests {
    static let asOf = Day(iso: "2026-11-23")!

    func problems(_ summary: String, kind: Activity.Kind = .call, direction: Activity.Direction? = nil,
                  date: String = "2026-11-23") -> [String] {
        ActivityDraft(kind: kind, direction: direction, date: Day(iso: date)!, summary: summary).problems(asOf: Self.asOf).map(\.description)
    }

    @Test func aGoodDraftHasNoProblems() {
        #expect(problems("Call with Jane: renewal on track").isEmpty)
        #expect(problems("Line one\nline two\twith a tab", kind: .email, direction: .inbound, date: "2026-11-01").isEmpty)
    }

    @Test func eachProblemNamesTheOptionAndWhatWasExpected() {
        #expect(problems("   \n ") == ["--summary: is empty; say in a few words what happened"])
        #expect(problems("Call", date: "2026-11-24") == ["--date: 2026-11-24 is after the as-of day 2026-11-23; log an activity once it has happened"])
        #expect(problems("Hi \u{1B}[31mred") == ["--summary: has a control character (U+001B) at character 4; only text, tabs and line breaks are accepted"])
        #expect(problems("Internal note", kind: .note, direction: .inbound)
                == ["--direction: a note is written by us; inbound is for what the customer sent (an email or a call)"])
        #expect(problems(String(repeating: "x", count: 2001)) == ["--summary: is 2001 characters long; at most 2000 are kept"])
    }

    @Test func theActivityIsTrimmedAndOutboundByDefault() {
        let a = ActivityDraft(kind: .qbr, date: Self.asOf, summary: "  QBR with the sponsor \n").activity(id: "L1", accountID: "A1", author: "ana")
        #expect(a.summary == "QBR with the sponsor")
        #expect(a.direction == .outbound)
        #expect(a.author == "ana" && a.kind == .qbr && a.date == Self.asOf)
    }
}

/// Quarters and moments.
@Suite struct CalendarQuarterTests {
    @Test(arguments: [("2026-01-01", "2026-Q1", "2026-01-01", "2026-03-31"), ("2026-06-30", "2026-Q2", "2026-04-01", "2026-06-30"),
                      ("2026-11-23", "2026-Q4", "2026-10-01", "2026-12-31"), ("2024-02-29", "2024-Q1", "2024-01-01", "2024-03-31")])
    func quarterOfADay(_ day: String, _ name: String, _ first: String, _ last: String) {
        let q = Quarter(containing: Day(iso: day)!)
        #expect(q.description == name)
        #expect(q.firstDay == Day(iso: first) && q.lastDay == Day(iso: last))
    }

    @Test func nextAndPrevious() {
        #expect(Quarter(year: 2026, number: 4).next == Quarter(year: 2027, number: 1))
        #expect(Quarter(year: 2026, number: 1).previous == Quarter(year: 2025, number: 4))
    }

    @Test func momentsReadInUTC() {
        #expect(Moment(seconds: 1_795_433_700).utc == "2026-11-23 11:35 UTC")
        #expect(Moment(startOf: Day(iso: "2026-11-23")!).utc == "2026-11-23 00:00 UTC")
        #expect(Moment(seconds: -1).day == Day(iso: "1969-12-31"))
    }
}
