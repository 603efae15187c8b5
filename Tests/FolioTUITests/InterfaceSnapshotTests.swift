import Testing
@testable import FolioTUI

/// The rendered canvas at the sizes people use, as plain text, with style markers
/// (band colours, selection), and in ASCII glyphs (a non-UTF-8 locale).
@Suite struct InterfaceSnapshotTests {
    typealias F = InterfaceFixtures

    static let sizes: [(Int, Int)] = [(80, 24), (120, 40), (60, 12), (59, 12), (40, 10)]

    @Test(arguments: sizes)
    func book(width: Int, height: Int) {
        let canvas = InterfaceView.render(F.state(width: width, height: height))
        Snapshot.assert(canvas.snapshot(), named: "book-\(width)x\(height)")
        Snapshot.assert(canvas.styleSnapshot(), named: "book-\(width)x\(height)-styled")
    }

    @Test func bookInASCII() {
        let canvas = InterfaceView.render(F.state(width: 80, height: 24, glyphs: .ascii))
        Snapshot.assert(canvas.snapshot(), named: "book-80x24-ascii")
    }

    @Test(arguments: [(80, 24), (120, 40), (60, 12), (200, 60)])
    func account(width: Int, height: Int) {
        let canvas = InterfaceView.render(F.accountState(width: width, height: height))
        Snapshot.assert(canvas.snapshot(), named: "account-\(width)x\(height)")
        Snapshot.assert(canvas.styleSnapshot(), named: "account-\(width)x\(height)-styled")
    }

    @Test func accountSentencesWrapAtAReadingWidthAndActivitiesLineUp() {
        let lines = InterfaceView.render(F.accountState(width: 200, height: 60)).lines
        let sentences = lines.filter { $0.hasPrefix(" Scores ") || $0.hasPrefix(" To reach ") }
        #expect(!sentences.isEmpty)
        for line in sentences { #expect(DisplayWidth.of(line.trimmingTrailingSpaces()) <= AccountView.proseWidth + 1) }
        let summaries = ["Follow-up to Sören", "Sören called", "QBR: value review"].map { start in
            lines.first { $0.contains(start) }.map { DisplayWidth.of(String($0[..<$0.range(of: start)!.lowerBound])) }
        }
        #expect(summaries.allSatisfy { $0 != nil } && Set(summaries).count == 1, "summaries start in one column: \(summaries)")
    }

    @Test func accountScrolledToTheEnd() {
        var state = F.accountState(width: 80, height: 24)
        _ = reduce(&state, .run(.bottom))
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "account-80x24-bottom")
    }

    @Test func helpFilterAndPalette() {
        var state = F.state(width: 80, height: 24)
        _ = reduce(&state, .run(.help))
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "help-80x24")

        state = F.state(width: 80, height: 24)
        _ = reduce(&state, .run(.filter))
        for character in "band:red" { _ = reduce(&state, .key(.char(character))) }
        Snapshot.assert(InterfaceView.render(state).styleSnapshot(), named: "filter-80x24-styled")

        state = F.state(width: 80, height: 24)
        _ = reduce(&state, .key(.char(":")))
        for character in "sort " { _ = reduce(&state, .key(.char(character))) }
        Snapshot.assert(InterfaceView.render(state).snapshot(), named: "palette-80x24")
    }

    @Test func tooSmallSaysSoAndNothingElse() {
        for (width, height) in [(59, 12), (60, 11), (40, 10), (30, 8)] {
            let canvas = InterfaceView.render(F.state(width: width, height: height))
            let text = canvas.lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
            #expect(text == "terminal too small (\(width)×\(height)), need 60×12; Ctrl-C quits")
        }
    }

    @Test func everyRowFitsTheWidthAndTheSelectionIsMarked() {
        for (width, height) in Self.sizes {
            let canvas = InterfaceView.render(F.state(width: width, height: height))
            for line in canvas.lines { #expect(DisplayWidth.of(line) == width) }
        }
        let canvas = InterfaceView.render(F.state())
        #expect(canvas.text(row: 3).hasPrefix("▸ Ferrovia Verde"))
        #expect(canvas[2, 3].role == .selection)
        #expect(canvas.text(row: 22).contains("amelie.durand (csm) · folio.db · as of 2026-11-23 · scores 1 day old"))
    }

    @Test func narrowTerminalsDropColumnsBeforeCuttingNames() {
        let wide = InterfaceView.render(F.state(width: 120, height: 24)).text(row: 2)
        let narrow = InterfaceView.render(F.state(width: 80, height: 24)).text(row: 2)
        let minimum = InterfaceView.render(F.state(width: 60, height: 24)).text(row: 2)
        for header in ["ACCOUNT", "TIER", "ARR", "SCORE", "TREND", "8 WEEKS", "STAGE", "LAST ACT", "RENEWAL"] {
            #expect(wide.contains(header))
        }
        #expect(!narrow.contains("8 WEEKS") && !narrow.contains("STAGE") && narrow.contains("RENEWAL"))
        #expect(minimum.contains("SCORE") && minimum.contains("ACCOUNT") && !minimum.contains("TIER"))
        // At 80 columns the longest fixture name still fits whole.
        #expect(InterfaceView.render(F.state(width: 80, height: 24)).snapshot().contains("Thistledown Logistics Pty Ltd "))
    }

    @Test func overdueActivityIsMarkedWithoutColourToo() {
        let canvas = InterfaceView.render(F.state(width: 120, height: 40))
        let row = canvas.lines.firstIndex { $0.contains("Bluefin Marine") }!
        #expect(canvas.lines[row].contains("103d!"))
        let column = canvas.lines[row].distance(from: canvas.lines[row].startIndex, to: canvas.lines[row].range(of: "103d!")!.lowerBound)
        #expect(canvas[DisplayWidth.of(String(canvas.lines[row].prefix(column))), row].role == .overdue)
    }
}
