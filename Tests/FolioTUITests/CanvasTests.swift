import Testing
@testable import FolioTUI

@Suite struct CanvasTests {
    @Test func asciiAndWideText() {
        var canvas = Canvas(width: 10, height: 2)
        let end = canvas.put(text: "ab漢c", at: .init(column: 1, row: 0))
        #expect(end == 6)
        #expect(canvas.text(row: 0) == " ab漢c    ")
        #expect(canvas[3, 0].width == 2)
        #expect(canvas[4, 0].isContinuation)
        #expect(canvas.lines.count == 2)
    }

    @Test func wideCharacterStraddlingTheRightEdgeBecomesASpace() {
        var canvas = Canvas(width: 5, height: 1)
        let end = canvas.put(text: "abcd漢", at: .init(column: 0, row: 0))
        #expect(canvas.text(row: 0) == "abcd ")
        #expect(end == 5)
        #expect(canvas.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func maxWidthClipsAndStraddleBecomesSpace() {
        var canvas = Canvas(width: 10, height: 1)
        canvas.put(text: "漢字漢字", at: .init(column: 0, row: 0), maxWidth: 5)
        #expect(canvas.text(row: 0) == "漢字      ")
        #expect(canvas[4, 0].grapheme == " ")
    }

    @Test func overwritingHalfAWideCharacterRepairsTheOtherHalf() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put(text: "漢字", at: .init(column: 0, row: 0))
        canvas.put(text: "x", at: .init(column: 1, row: 0)) // right half of 漢
        #expect(canvas.text(row: 0) == " x字  ")
        canvas.put(text: "y", at: .init(column: 2, row: 0)) // left half of 字
        #expect(canvas.text(row: 0) == " xy   ")
        canvas.put(text: "😀", at: .init(column: 1, row: 0))
        #expect(canvas.text(row: 0) == " 😀   ")
        #expect(canvas.cells.filter(\.isContinuation).count == 1)
    }

    @Test func wideOverWideShiftedByOne() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put(text: "漢字", at: .init(column: 0, row: 0))
        canvas.put(text: "😀", at: .init(column: 1, row: 0))
        #expect(canvas.text(row: 0) == " 😀   ")
    }

    @Test func negativeColumnScrollsLeft() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put(text: "漢abc", at: .init(column: -1, row: 0))
        #expect(canvas.text(row: 0) == " abc")
    }

    @Test func controlsNeverReachACell() {
        var canvas = Canvas(width: 20, height: 1)
        canvas.put(text: "\u{1B}[2J\u{7}", at: .init(column: 0, row: 0))
        #expect(canvas.text(row: 0).hasPrefix("^[[2J^G"))
        for cell in canvas.cells {
            #expect(cell.grapheme.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F })
        }
    }

    @Test func fillClearAndRestyle() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.fill(.init(column: 1, row: 0, width: 10, height: 1), with: "-", role: .border)
        #expect(canvas.text(row: 0) == " ---")
        canvas.put(text: "ok", at: .init(column: 0, row: 1))
        canvas.restyle(.init(column: 0, row: 1, width: 4, height: 1), role: .selection)
        #expect(canvas[1, 1].role == .selection)
        #expect(canvas.text(row: 1) == "ok  ")
        canvas.clear()
        #expect(canvas.snapshot() == "\n")
    }

    @Test func styleSnapshot() {
        var canvas = Canvas(width: 12, height: 2)
        canvas.put(text: "Folio", at: .init(column: 0, row: 0), role: .title, isBold: true)
        canvas.put(text: "●", at: .init(column: 6, row: 0), role: .bandRed)
        canvas.put(text: "q", at: .init(column: 0, row: 1), role: .hintKey)
        canvas.put(text: "quit", at: .init(column: 2, row: 1), role: .hint)
        #expect(canvas.styleSnapshot() == "«title+bold»Folio«normal» «bandRed»●\n«hintKey»q«normal» «hint»quit")
        #expect(canvas.snapshot() == "Folio ●\nq quit")
    }
}
