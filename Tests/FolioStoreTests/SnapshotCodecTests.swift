import FolioDomain
import Testing
@testable import FolioStore

@Suite struct SnapshotCodecTests {
    @Test func measuresSurviveTheRoundTrip() {
        let measures = [
            HealthSnapshot.MeasureResult(name: "seat utilisation", group: "usage", raw: 0.523_41, score: 41.5, weight: 25,
                                         effectiveWeight: 31.25, points: 12.968_75, inputDate: Day(iso: "2026-11-15"), stale: false),
            HealthSnapshot.MeasureResult(name: "days\tpayment\noverdue", group: "finance", raw: -3, score: nil, weight: 0.5,
                                         effectiveWeight: 0, points: 0, inputDate: nil, stale: true),
            HealthSnapshot.MeasureResult(name: "big", group: "g", raw: 123_456_789_012.25, score: 100, weight: 1e20,
                                         effectiveWeight: -0.0001, points: 0.000_04, inputDate: Day(iso: "1999-01-01"), stale: false),
        ]
        let day = Day(iso: "2026-11-23")!
        let text = SnapshotCodec.encode(measures, on: day)
        #expect(text.split(separator: "\n").first == "0.5234\t41.5\t31.25\t8\t0")
        let slots = SnapshotCodec.decode(slots: SnapshotCodec.encode(slots: SnapshotCodec.slots(of: measures)))
        #expect(slots.map(\.name) == ["seat utilisation", "days payment overdue", "big"])
        #expect(slots.map(\.weight) == [25, 0.5, 1e20])
        #expect(SnapshotCodec.measures(measures, match: SnapshotCodec.slots(of: measures)))
        #expect(!SnapshotCodec.measures(Array(measures.dropLast()), match: slots))
        let back = SnapshotCodec.decode(text, slots: slots, on: day)
        #expect(back.count == 3)
        #expect(back[0].raw == 0.5234 && back[0].points == 12.9688 && back[0].inputDate == Day(iso: "2026-11-15"))
        #expect(back[0].name == "seat utilisation" && back[0].group == "usage" && back[0].weight == 25)
        #expect(back[1].name == "days payment overdue" && back[1].raw == -3 && back[1].score == nil && back[1].stale)
        #expect(back[1].inputDate == nil)
        #expect(back[2].raw == 123_456_789_012.25 && back[2].weight == 1e20 && back[2].effectiveWeight == -0.0001)
        #expect(back[2].inputDate == Day(iso: "1999-01-01"))
    }

    @Test func daysParseFromTextAndBytesAlike() {
        for text in ["2026-11-23", "2024-02-29", "0001-01-01", "9999-12-31"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBytes { Day(isoBytes: $0) } == Day(iso: text))
            #expect(Day(iso: text)?.iso == text)
        }
        for bad in ["2026-11-2", "2026-13-01", "2023-02-29", "2026/11/23", "2026-11-23 ", "２０２６-11-23", ""] {
            #expect(Day(iso: bad) == nil)
            #expect(Day(iso: Substring(bad)) == nil)
        }
    }
}
