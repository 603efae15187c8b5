import Testing
@testable import FolioTUI

@Suite struct TerminalTextTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let input: String
        let expected: String
        var testDescription: String { label }
    }

    static let hostile: [Case] = [
        Case(label: "plain ASCII", input: "Acme Corp", expected: "Acme Corp"),
        Case(label: "OSC title", input: "\u{1B}]0;pwned\u{07}Acme", expected: "^[]0;pwned^GAcme"),
        Case(label: "clear screen", input: "\u{1B}[2JAcme", expected: "^[[2JAcme"),
        Case(label: "carriage return", input: "Acme\rEvil", expected: "Acme Evil"),
        Case(label: "newline and tab run", input: "Acme\n\t\r\nCorp", expected: "Acme Corp"),
        Case(label: "DEL", input: "A\u{7F}B", expected: "A^?B"),
        Case(label: "NUL", input: "A\u{0}B", expected: "A^@B"),
        Case(label: "C1 CSI", input: "A\u{9B}2JB", expected: "A<U+009B>2JB"),
        Case(label: "RTL override removed", input: "abc\u{202E}fed", expected: "abcfed"),
        Case(label: "isolates removed", input: "\u{2066}x\u{2069}", expected: "x"),
        Case(label: "zero width space", input: "Ac\u{200B}me", expected: "Acme"),
        Case(label: "BOM and word joiner", input: "\u{FEFF}Ac\u{2060}me", expected: "Acme"),
        Case(label: "stray ZWJ", input: "a\u{200D}b", expected: "ab"),
        Case(label: "replacement char kept", input: "Caf\u{FFFD}", expected: "Caf\u{FFFD}"),
        Case(label: "CJK kept", input: "株式会社", expected: "株式会社"),
        Case(label: "Hebrew kept", input: "שלום", expected: "שלום"),
        Case(label: "ZWJ family kept", input: "👨‍👩‍👧", expected: "👨‍👩‍👧"),
        Case(label: "flag kept", input: "🇯🇵", expected: "🇯🇵"),
        Case(label: "combining kept", input: "e\u{301}", expected: "e\u{301}"),
        Case(label: "zalgo capped", input: "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}", expected: "e\u{301}\u{302}\u{303}\u{304}"),
    ]

    @Test(arguments: hostile)
    func sanitizes(_ testCase: Case) {
        let clean = TerminalText.sanitize(testCase.input)
        #expect(clean == testCase.expected)
        #expect(TerminalText.sanitize(clean) == clean, "sanitizing is idempotent")
        for scalar in clean.unicodeScalars {
            #expect(!(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)), "control U+\(String(scalar.value, radix: 16)) survived")
            #expect(!(0x202A...0x202E).contains(scalar.value) && !(0x2066...0x2069).contains(scalar.value))
            #expect(scalar.value != 0x200B && scalar.value != 0xFEFF)
        }
    }

    @Test func longNameIsTruncatedByWidth() {
        let name = String(repeating: "名", count: 150) // 300 cells
        let cut = TerminalText.truncate(name, toWidth: 21)
        #expect(DisplayWidth.of(cut) <= 21)
        #expect(cut.hasSuffix("…"))
        #expect(DisplayWidth.of(TerminalText.fit(name, toWidth: 21)) == 21)
        let ascii = String(repeating: "x", count: 300)
        #expect(TerminalText.truncate(ascii, toWidth: 10, ellipsis: "~") == "xxxxxxxxx~")
    }

    @Test(arguments: [
        ("Acme", 10, "Acme"),
        ("Acme Corporation", 8, "Acme Co…"),
        ("漢字漢字", 5, "漢字…"),
        ("漢字漢字", 4, "漢…"),
        ("😀😀😀", 4, "😀…"),
        ("abc", 0, ""),
    ])
    func truncates(_ input: String, _ width: Int, _ expected: String) {
        #expect(TerminalText.truncate(input, toWidth: width) == expected)
    }

    @Test func pads() {
        #expect(TerminalText.pad("漢", toWidth: 4) == "漢  ")
        #expect(TerminalText.pad("42", toWidth: 5, alignment: .right) == "   42")
        #expect(TerminalText.pad("ab", toWidth: 6, alignment: .center) == "  ab  ")
        #expect(TerminalText.pad("toolong", toWidth: 3) == "toolong")
    }

    @Test func plainASCIIIsReturnedUntouched() {
        let name = "Globex Corporation"
        #expect(TerminalText.sanitize(name) == name)
        #expect(TerminalText.isPlainASCII(name))
        #expect(!TerminalText.isPlainASCII("a\u{1B}"))
    }
}

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{301}", 1), ("漢", 2), ("한", 2), ("カ", 2), ("Ａ", 2),
        ("😀", 2), ("❤️", 2), ("❤", 1), ("👍🏽", 2), ("👨‍👩‍👧‍👦", 2), ("🇫🇷", 2), ("\u{1F1EB}", 1),
        ("\u{301}", 0), ("\u{200B}", 0), ("\u{FFFD}", 1), ("א", 1), ("\u{1B}", 0), ("1️⃣", 2),
        ("\u{1100}\u{1161}\u{11A8}", 2), ("　", 2),
    ] as [(String, Int)])
    func character(_ text: String, _ width: Int) {
        #expect(text.count <= 1)
        if let character = text.first {
            #expect(DisplayWidth.of(character) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func strings() {
        #expect(DisplayWidth.of("Acme") == 4)
        #expect(DisplayWidth.of("Acme 株式会社") == 13)
        #expect(DisplayWidth.of("🇯🇵 Tokyo") == 8)
        #expect(DisplayWidth.of("") == 0)
    }
}
