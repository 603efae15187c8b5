import Foundation
import FolioDomain
import Testing
@testable import FolioStore

/// How values read: date-times, numbers by locale, booleans, terms, Salesforce ids.
@Suite("Import values")
struct ImportValueTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    @Test(arguments: [
        ("2026-01-05", nil as String?, "2026-01-05", nil as Int?),
        ("2026-01-05 08:12", nil, "2026-01-05", 8 * 3600 + 12 * 60),
        ("2026-01-05 08:12:45", nil, "2026-01-05", 8 * 3600 + 12 * 60 + 45),
        ("2026-01-05T08:12:00.000Z", nil, "2026-01-05", 8 * 3600 + 12 * 60),
        ("2026-01-05T23:30:00+01:00", nil, "2026-01-05", 23 * 3600 + 30 * 60),
        ("2026-01-05 09:14:22 +0200", nil, "2026-01-05", 9 * 3600 + 14 * 60 + 22),
        ("2026-01-05 09:14:22 UTC", nil, "2026-01-05", 9 * 3600 + 14 * 60 + 22),
        ("05.01.2026", nil, "2026-01-05", nil),
        ("05.01.2026 08:12", nil, "2026-01-05", 8 * 3600 + 12 * 60),
        ("Jan 5, 2026", nil, "2026-01-05", nil),
        ("1/5/2026 8:12 AM", "en-US", "2026-01-05", 8 * 3600 + 12 * 60),
        ("1/5/2026, 8:12 PM", "en-US", "2026-01-05", 20 * 3600 + 12 * 60),
        ("12/31/2026 12:05\u{202F}AM", "en-US", "2026-12-31", 5 * 60),
        ("5/1/2026", "en-GB", "2026-01-05", nil),
        ("05.01.2026", "de-DE", "2026-01-05", nil),
        ("2026/1/5 8:12", "ja-JP", "2026-01-05", 8 * 3600 + 12 * 60),
    ])
    func dateTimesRead(_ text: String, _ locale: String?, _ day: String, _ seconds: Int?) {
        let reader = DateReader(pattern: nil, locale: locale.flatMap(ImportLocale.named) ?? .neutral)
        let value = reader.read(text)
        #expect(value?.day == Day(iso: day), "\(text)")
        #expect(value?.secondsOfDay == seconds, "\(text)")
    }

    @Test(arguments: [
        ("dd.MM.yyyy HH:mm", "05.01.2026 08:12", "2026-01-05"),
        ("MM/dd/yyyy", "01/05/2026", "2026-01-05"),
        ("MM/DD/YYYY", "01/05/2026", "2026-01-05"),
        ("yyyy-MM-dd'T'HH:mm:ssXXX", "2026-01-05T08:12:00-05:00", "2026-01-05"),
        ("d MMMM yyyy", "5 January 2026", "2026-01-05"),
        ("EEE, d MMM yyyy", "Mon, 5 Jan 2026", "2026-01-05"),
    ])
    func patternsRead(_ pattern: String, _ text: String, _ day: String) throws {
        let compiled = try DateTimePattern.compile(pattern).get()
        #expect(compiled.parse(text)?.day == Day(iso: day), "\(pattern) \(text)")
    }

    @Test func naiveStampsAreReadInTheMappingsZoneAndPlacedInTheAccounts() throws {
        let value = try #require(DateReader(pattern: nil, locale: .neutral).read("2026-01-05 23:30"))
        // 23:30 in New York is 05:30 next morning in Berlin.
        #expect(value.day(naiveZone: TimeZone(identifier: "America/New_York"), target: Self.berlin) == Day(iso: "2026-01-06"))
        #expect(value.day(naiveZone: nil, target: nil) == Day(iso: "2026-01-05"))
        let utc = try #require(DateReader(pattern: nil, locale: .neutral).read("2026-01-05T23:30:00.000Z"))
        #expect(utc.day(naiveZone: nil, target: Self.berlin) == Day(iso: "2026-01-06"))
        #expect(utc.day(naiveZone: nil, target: TimeZone(identifier: "America/Los_Angeles")) == Day(iso: "2026-01-05"))
    }

    @Test(arguments: [
        ("125000", nil as String?, 12_500_000 as Int64?, nil as String?),
        ("1,657", nil, 165_700, nil),
        ("$1,200.50", nil, 120_050, nil),
        ("USD 1,200", nil, 120_000, nil),
        ("(1,200)", nil, -120_000, nil),
        ("4.8E7", nil, 4_800_000_000, nil),
        ("3.1E8", "de-DE", 31_000_000_000, nil),
        ("1.657,50 €", "de-DE", 165_750, nil),
        ("1 657,50", "fr-FR", 165_750, nil),
        ("1'657.50", "de-CH", 165_750, nil),
        ("87500,5", "de-DE", 8_750_050, nil),
        ("1,5", nil, nil, "has a \",\" that does not group thousands: is it a decimal comma? Set the file's locale in the mapping (locale: de-DE, fr-FR…)"),
        ("1.657.000", nil, nil, "has more than one \".\"; if \".\" groups thousands here (1.657.000), set a decimal-comma locale in the mapping (locale: de-DE)"),
        ("1.5", "de-DE", nil, "has a \".\" that does not group thousands, but this mapping reads numbers with a decimal comma (locale); is the file's locale en-US?"),
        ("12 users", nil, nil, "is not a number (unexpected \"u\")"),
    ])
    func numbersRead(_ text: String, _ locale: String?, _ cents: Int64?, _ problem: String?) {
        let reader = NumberReader(locale: locale.flatMap(ImportLocale.named) ?? .neutral)
        switch reader.read(text) {
        case .value(let v):
            #expect(v.cents == cents, "\(text)")
            #expect(problem == nil, "\(text)")
        case .problem(let message):
            #expect(message == problem, "\(text)")
            #expect(cents == nil, "\(text)")
        }
    }

    @Test func booleansAndTermsRead() {
        for yes in ["Yes", "1", "TRUE", "true", "y", "x"] { #expect(BooleanReader.read(yes) == true, "\(yes)") }
        for no in ["No", "0", "FALSE", "false", "n"] { #expect(BooleanReader.read(no) == false, "\(no)") }
        #expect(BooleanReader.read("maybe") == nil)
        let terms = ["Annual": 12, "Monthly": 1, "Quarterly": 3, "2 Years": 24, "Multi-Year (3 years)": 36, "36 months": 36, "24": 24]
        for (label, months) in terms { #expect(ContractTermLabel.months(label) == months, "\(label)") }
        #expect(ContractTermLabel.months("Evergreen") == nil)
    }

    @Test func salesforceIdsOfTheSameRecordAreOneKey() {
        #expect(SalesforceID.eighteen("0015g00000XyZab") == "0015g00000XyZabAAF")
        #expect(SalesforceID.canonical("0015g00000XyZabAAF") == "0015g00000XyZab")
        #expect(SalesforceID.canonical("0015g00000XyZabaaf") == "0015g00000XyZab") // the suffix is case-insensitive
        #expect(SalesforceID.canonical("0015g00000XyZabAAA") == nil) // not its checksum: not a Salesforce id
        #expect(RecordKey.normalized("0015g00000XyZabAAF") == RecordKey.normalized("0015g00000XyZab"))
        #expect(RecordKey.normalized("0015g00000XyZab") != RecordKey.normalized("0015G00000XYZAB"))
        #expect(RecordKey.normalized("  Nordlicht.Example ") == "nordlicht.example")
    }

    @Test func eventTimesReadFast() {
        func parse(_ s: String) -> EventTime.Parsed {
            var s = s
            return s.withUTF8 { EventTime.parse(UnsafeRawBufferPointer($0)) }
        }
        guard case .instant(let a) = parse("2026-11-02T08:00:00.000Z"), case .instant(let b) = parse("1793606400"),
              case .instant(let c) = parse("1793606400123"), case .instant(let d) = parse("2026-11-02T09:00:00+01:00"),
              case .naive(let e) = parse("2026-11-02 08:00:00.123000") else {
            Issue.record("a form was not read")
            return
        }
        #expect([a, b, c, d, e] == Array(repeating: 1_793_606_400, count: 5))
        guard case .invalid = parse("next tuesday") else { Issue.record("read nonsense"); return }
    }
}
