import FolioDomain
import Testing
@testable import FolioTUI

/// The dashboard as text (monochrome: the snapshot has no colour, so the bands must read by
/// their patterns), at 80×24 and 120×35, scrolled to its end, in ASCII, and at the 60×12
/// minimum; the figures worked out in `DashboardFixtures`.
@Suite struct DashboardSnapshotTests {
    typealias D = DashboardFixtures

    @Test(arguments: [(80, 24), (120, 35), (60, 12)])
    func dashboard(width: Int, height: Int) {
        let state = D.state(width: width, height: height)
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "dashboard-\(width)x\(height)")
    }

    @Test func scrolledToTheEnd() {
        var state = D.state(width: 80, height: 24)
        _ = reduce(&state, .run(.bottom))
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "dashboard-80x24-bottom")
    }

    @Test func asciiWhenTheLocaleIsNotUTF8() {
        var state = D.state(width: 80, height: 24, glyphs: .ascii)
        _ = reduce(&state, .run(.bottom))
        let text = InterfaceView.render(state).snapshot()
        Snapshot.assert(text, named: "dashboard-80x24-ascii")
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII || "ÁáéüÜ".unicodeScalars.contains($0) })
    }

    @Test func emptyPeriod() {
        let state = D.state(width: 80, height: 24, dashboard: D.empty)
        let text = InterfaceView.render(state).snapshot()
        Snapshot.assert(text, named: "dashboard-empty-80x24")
        #expect(!text.contains("0 %") && !text.contains("nan"))
        #expect(text.contains("not enough data"))
    }

    /// The figures, line by line, as worked out by hand.
    @Test func figures() {
        let lines = DashboardView.lines(D.dashboard, width: 118, glyphs: .unicode).map(\.plainText)
        func line(_ prefix: String) -> String { lines.first { $0.hasPrefix(prefix) } ?? "<no line \(prefix)>" }
        #expect(line("alerted ").contains("9 of 11 (82 %)") && line("alerted ").contains("12 accounts, 12 alerts, 1 pending"))
        #expect(line("control ").contains("2 of 4 (50 %)") && line("control ").contains("4 accounts, 4 alerts"))
        #expect(lines.contains("Recovery: alerted +32 points over control"))
        #expect(line("Churned").contains("alerted 1 of 12 (8 %), control 0 of 4 (0 %)"))
        #expect(lines.contains { $0.contains("Too small to compare: the control group has 4 accounts (under 10)") })
        #expect(line("2026-09-14").split(separator: " ").suffix(5) == ["2", "2", "11", "0", "15"])
        #expect(line("2026-10-12").split(separator: " ").suffix(5) == ["1", "1", "5", "0", "7"])
        #expect(line("2026-11-16").split(separator: " ").suffix(5) == ["1", "0", "1", "1", "3"])
        #expect(line("Amélie Durand").contains("7.0 h, 6 of 6 acknowledged") && line("Amélie Durand").contains("SLA 6 of 6 (100 %)"))
        #expect(line("Jonas Müller").contains("40 h, 5 of 6 acknowledged") && line("Jonas Müller").contains("SLA 3 of 6 (50 %)"))
        #expect(line("everyone").contains("12 h, 11 of 12 acknowledged") && line("everyone").contains("SLA 9 of 12 (75 %)"))
        #expect(line("2026-12 ").hasSuffix("35,000 in 2 renewals") && line("2027-01 ").hasSuffix("40,000 in 1 renewal"))
        #expect(line("total").hasSuffix("75,000 in 3 renewals"))
        #expect(line("win-back").hasSuffix("2 of 3 (67 %)") && line("check-in-nudge").hasSuffix("0 of 1 (0 %)"))
        #expect(line("all sequences").hasSuffix("2 of 4 (50 %)"))
    }

    /// The model panels' figures, as worked out in `DashboardFixtures`.
    @Test func modelFigures() {
        let lines = DashboardView.lines(D.dashboard, width: 118, glyphs: .unicode).map(\.plainText)
        func line(_ prefix: String) -> String { lines.first { $0.hasPrefix(prefix) } ?? "<no line \(prefix)>" }
        #expect(line("Does the score predict churn?").contains("2 runs, 2026-03-02 to 2026-08-24, churn within 90 days"))
        #expect(line("ROC AUC 0.93").contains("scored below one that stayed 93 % of the time"))
        #expect(line("Red 0–40").hasSuffix("66.7 % of 3") && line("Yellow 41–70").hasSuffix("50.0 % of 2")
                && line("Green 71–100").hasSuffix("0.0 % of 3"))
        #expect(line("2026-Q1").hasSuffix("0.81 (0.70–0.92)") && line("2026-Q2").hasSuffix("0.74 (0.60–0.88)"))
        #expect(line("health drop").contains("2 of 4 (50 %)") && line("health drop").contains("3.5× any account")
                && line("health drop").contains("control 1 of 2 (50 %)") && line("health drop").contains("noise 50 %"))
        #expect(line("Any account:").contains("14.2 %"))
        #expect(line("Alerts a week per CSM:").contains("Amélie Durand 0.3"))
        // Before any run's horizon is over, and without alerts, the panels say so.
        let empty = DashboardView.lines(D.empty, width: 118, glyphs: .unicode).map(\.plainText)
        #expect(empty.contains { $0.hasPrefix("Not yet: no stored run is 90 days old") })
        #expect(!empty.contains { $0.hasPrefix("Are the alerts worth it?") })
    }

    /// Bars scale to the width: the stacked bars of the widest week fill the same share.
    @Test func barsScaleToTheWidth() {
        for width in [58, 78, 118] {
            let lines = DashboardView.lines(D.dashboard, width: width, glyphs: .unicode).map(\.plainText)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "a line wider than \(width)")
        }
        let narrow = DashboardView.lines(D.dashboard, width: 78, glyphs: .unicode).map(\.plainText).first { $0.hasPrefix("2026-09-14") }!
        let wide = DashboardView.lines(D.dashboard, width: 118, glyphs: .unicode).map(\.plainText).first { $0.hasPrefix("2026-09-14") }!
        #expect(wide.filter { "█▒░".contains($0) }.count > narrow.filter { "█▒░".contains($0) }.count)
    }

    @Test func stackedBarsKeepASmallBandVisibleAndAddUp() {
        let segments = [BarChart.Segment(count: 1, glyph: "R", role: .bandRed), BarChart.Segment(count: 55, glyph: "Y", role: .bandYellow),
                        BarChart.Segment(count: 94, glyph: "G", role: .bandGreen)]
        let bar = BarChart.stacked(segments, of: 150, width: 40).plainText
        #expect(bar.count == 40 && bar.filter { $0 == "R" }.count == 1 && bar.filter { $0 != " " }.count == 40)
        #expect(BarChart.stacked([], of: 0, width: 5).plainText == "     ")
    }
}
