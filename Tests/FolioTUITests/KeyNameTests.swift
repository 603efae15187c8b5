import Testing
@testable import FolioTUI

/// How keys are written in hints and help.
@Suite struct KeyNameTests {
    @Test func namesReadAsOnTheKeyboard() {
        #expect(KeyPress.ctrl("x").displayName(glyphs: .unicode) == "Ctrl-X")
        #expect(KeyPress.pageDown.displayName(glyphs: .unicode) == "PgDn")
        #expect(KeyPress.char(" ").displayName(glyphs: .unicode) == "Space")
        #expect(KeyPress.up.displayName(glyphs: .unicode) == "↑")
        #expect(KeyPress.up.displayName(glyphs: .ascii) == "Up")
        #expect(KeyPress.function(5).displayName(glyphs: .ascii) == "F5")
    }
}
