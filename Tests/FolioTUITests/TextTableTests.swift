import Testing
@testable import FolioTUI

@Suite struct TextTableTests {
    func makeTable() -> TextTable {
        var table = TextTable(columns: [
            .init("Account", minWidth: 6, maxWidth: 16, priority: 50, isFlexible: true),
            .init("Band", priority: 90),
            .init("ARR", alignment: .right, priority: 80),
            .init("Owner", priority: 10),
        ])
        table.append(["Acme", "Red", "120,000", "ana"])
        table.append(["株式会社ヤマト", "Green", "8,000", "kenji"])
        table.append(["👨‍👩‍👧 Family Co", "Yellow", "55,500", "li"])
        table.append(["\u{1B}[2Jשלום\u{202E}Ltd", "Red", "1", "dov"])
        return table
    }

    @Test func columnsAlignByDisplayWidth() {
        let lines = makeTable().render()
        #expect(lines == [
            "Account         Band        ARR  Owner",
            "Acme            Red     120,000  ana",
            "株式会社ヤマト  Green     8,000  kenji",
            "👨‍👩‍👧 Family Co    Yellow   55,500  li",
            "^[[2JשלוםLtd    Red           1  dov",
        ])
        // Every line puts the Band column at the same display column.
        for line in lines {
            var width = 0
            for character in line {
                if width == 16 { #expect(character != " " || line.hasPrefix("Account")); break }
                width += DisplayWidth.of(character)
            }
        }
    }

    @Test func dropsLowPriorityColumnsBeforeTruncatingNames() {
        let lines = makeTable().render(maxWidth: 32)
        #expect(lines[0] == "Account         Band        ARR")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 32 })
    }

    @Test func truncatesTheFlexibleColumnThenDropsMore() {
        let narrow = makeTable().render(maxWidth: 26)
        #expect(narrow[0] == "Account    Band        ARR")
        #expect(narrow[2] == "株式会社…  Green     8,000")
        #expect(narrow.allSatisfy { DisplayWidth.of($0) <= 26 })
        #expect(makeTable().render(maxWidth: 26, glyphs: .ascii)[4] == "^[[2Jשלו~  Red           1")
        // Narrower than the shrunk name allows: columns go by priority, the name (50) before ARR (80).
        #expect(makeTable().render(maxWidth: 14) == ["Band", "Red", "Green", "Yellow", "Red"])
    }

    @Test func ruleAndMissingCells() {
        var table = TextTable(columns: [.init("A"), .init("B", alignment: .right)])
        table.showsRule = true
        table.append(["x"])
        #expect(table.render(glyphs: .ascii) == ["A  B", "----", "x"])
    }
}
