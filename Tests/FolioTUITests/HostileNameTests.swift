import Testing
@testable import FolioTUI

/// Names that try to drive the terminal or break the columns: the table stays aligned
/// and no control, bidi or zero-width character reaches a cell.
@Suite struct HostileNameTests {
    typealias F = InterfaceFixtures

    static let names = [
        "Evil \u{1B}]0;pwned title\u{07} Corp",
        "Clear \u{1B}[2J screen Ltd",
        "Carriage\rReturn GmbH",
        "Line\nBreak Inc.",
        "Right\u{202E}to-left AB",
        "Zero\u{200B}width\u{200B} Oy",
        "株式会社ヤマト運輸テスト",
        "Family 👨‍👩‍👧 Bakery 🍞",
        String(repeating: "Very long name ", count: 20),
        "Invalid \u{FFFD} UTF-8 S.A.",
    ]

    func hostileState(width: Int, height: Int) -> AppState {
        let entries = Self.names.enumerated().map { index, name in
            F.entry(String(format: "ACC-9%03d", index), name, arr: Int64(10_000 + index), score: 50, renewalIn: 100 + index)
        }
        return F.state(width: width, height: height, entries: entries)
    }

    @Test(arguments: [(80, 24), (120, 40), (60, 12)])
    func columnsStayAligned(width: Int, height: Int) {
        let canvas = InterfaceView.render(hostileState(width: width, height: height))
        // Under the tab bar (from 16 lines) and the title.
        let top = height >= Layout.tabBarMinimumHeight ? 2 : 1
        let header = canvas.text(row: top)
        let scoreColumn = DisplayWidth.of(String(header[..<header.range(of: "SCORE")!.lowerBound]))
        for row in (top + 1)..<(top + 1 + min(Self.names.count, height - 3 - top)) {
            // The score column starts at the same cell on every row: " 50 ◐ Yellow".
            let cells = (scoreColumn..<(scoreColumn + 12)).map { canvas[$0, row].grapheme }.joined()
            #expect(cells == " 50 ◐ Yellow", "row \(row): \(canvas.text(row: row))")
            #expect(DisplayWidth.of(canvas.text(row: row)) == width)
        }
    }

    @Test func nothingControlLikeReachesACell() {
        var state = hostileState(width: 120, height: 40)
        let canvases = [InterfaceView.render(state)] + {
            _ = reduce(&state, .run(.filter))
            for character in "evil" { _ = reduce(&state, .key(.char(character))) }
            return [InterfaceView.render(state)]
        }()
        for canvas in canvases {
            for cell in canvas.cells {
                for scalar in cell.grapheme.unicodeScalars {
                    let value = scalar.value
                    #expect(value >= 0x20 && value != 0x7F && !(0x80..<0xA0).contains(value), "control U+\(String(value, radix: 16))")
                    #expect(![0x202E, 0x202D, 0x200B, 0x2066, 0x2067, 0x2068, 0x2069].contains(value), "U+\(String(value, radix: 16))")
                }
            }
        }
        let text = canvases[0].snapshot()
        #expect(text.contains("Evil ^[]0;pwned title^G Corp"))
        #expect(text.contains("Clear ^[[2J screen Ltd"))
        #expect(text.contains("Carriage Return GmbH"))
        #expect(text.contains("Line Break Inc."))
    }

    @Test func hostileFilterTextIsSanitizedToo() {
        var state = hostileState(width: 80, height: 24)
        _ = reduce(&state, .run(.filter))
        for character in "\u{1B}[2J" { _ = reduce(&state, .key(.char(character))) }
        let canvas = InterfaceView.render(state)
        // A control character typed into a line is not kept at all.
        #expect(state.book.filterText == "[2J" && canvas.text(row: 23).hasPrefix("/[2J"))
        #expect(canvas.cells.allSatisfy { $0.grapheme.unicodeScalars.allSatisfy { $0.value >= 0x20 } })
    }
}
