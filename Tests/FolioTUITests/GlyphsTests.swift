import Testing
@testable import FolioTUI

@Suite struct GlyphsTests {
    @Test func sparklineScalesToMinMax() {
        #expect(Glyphs.unicode.sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7], width: 8) == "▁▂▃▄▅▆▇█")
        #expect(Glyphs.ascii.sparkline(values: [0, 1, 2, 3, 4, 5, 6], width: 7) == ".:-=+*#")
    }

    @Test func sparklineGapsFlatAndWidth() {
        #expect(Glyphs.unicode.sparkline(values: [1, nil, 3], width: 3) == "▁ █")
        #expect(Glyphs.unicode.sparkline(values: [5, 5, 5], width: 3) == "▄▄▄")
        #expect(Glyphs.ascii.sparkline(values: [5, 5], width: 2) == "==")
        #expect(Glyphs.unicode.sparkline(values: [1, 2], width: 4) == "  ▁█")
        #expect(Glyphs.unicode.sparkline(values: [9, 9, 1, 2], width: 2) == "▁█", "only the last values, scaled among themselves")
        #expect(Glyphs.unicode.sparkline(values: [nil, .nan], width: 2) == "  ")
        #expect(Glyphs.unicode.sparkline(values: [1], width: 0) == "")
    }

    @Test func everyGlyphIsOneCellAndASCIISetIsASCII() {
        for glyphs in [Glyphs.unicode, Glyphs.ascii] {
            let all = [glyphs.bandRed, glyphs.bandYellow, glyphs.bandGreen, glyphs.bandNone, glyphs.trendUp,
                       glyphs.trendDown, glyphs.trendFlat, glyphs.sparkGap, glyphs.ellipsis, glyphs.horizontalLine,
                       glyphs.verticalLine, glyphs.selectionMarker] + glyphs.sparkLevels
            for glyph in all { #expect(DisplayWidth.of(glyph) == 1, "\(glyph)") }
            if !glyphs.isUnicode { #expect(all.allSatisfy { $0.allSatisfy(\.isASCII) }) }
        }
        #expect(Set([Glyphs.ascii.bandRed, Glyphs.ascii.bandYellow, Glyphs.ascii.bandGreen, Glyphs.ascii.bandNone]).count == 4)
    }

    @Test(arguments: [
        (["LANG": "en_US.UTF-8"], true),
        (["LC_ALL": "C", "LANG": "en_US.UTF-8"], false),
        (["LC_CTYPE": "C.utf8"], true),
        (["LC_ALL": "", "LANG": "de_DE.ISO-8859-1"], false),
        ([:], false),
    ] as [([String: String], Bool)])
    func localeChoosesTheSet(_ environment: [String: String], _ isUTF8: Bool) {
        #expect(Glyphs.forEnvironment(environment).isUnicode == isUTF8)
    }

    @Test func trend() {
        #expect(Glyphs.unicode.trend(3) == "▲")
        #expect(Glyphs.ascii.trend(-3) == "v")
        #expect(Glyphs.ascii.trend(0.5, tolerance: 1) == ">")
    }
}
